"""``liudiao demo-data``: write a synthetic Shenzhen outbreak in the canonical import format."""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

import click

# Kept in step with orchestration.demo_data, which is imported only when the command runs.
DEFAULT_SEED = 2020
DEFAULT_CASES = 1500
DEFAULT_START_DATE = "2022-02-01"


@click.command("demo-data", help="生成一起模拟的深圳本土疫情（病例、活动轨迹、密切接触者、场所），"
                                 "按报告日期和行政区分目录写成标准导入格式的 CSV 文件。"
                                 "同一随机种子生成的数据完全相同。")
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path),
              help="输出目录；须不存在或为空目录。")
@click.option("--seed", default=DEFAULT_SEED, show_default=True, type=int, help="随机种子。")
@click.option("--cases", "case_count", default=DEFAULT_CASES, show_default=True, type=int,
              help="目标病例数（10 到 50000）；疫情自然结束时实际病例数可能略少。")
@click.option("--start-date", default=DEFAULT_START_DATE, show_default=True,
              type=click.DateTime(["%Y-%m-%d"]),
              help="首批输入病例的报告日期，格式 YYYY-MM-DD，不能晚于今天。")
def demo_data(out_dir: Path, seed: int, case_count: int, start_date: dt.datetime) -> None:
    from orchestration.demo_data import DemoDataError, write_demo_data

    problem = out_dir_problem(out_dir)
    if problem is not None:
        click.echo(f"未生成演示数据：{problem}", err=True)
        sys.exit(2)
    started = time.monotonic()
    try:
        summary = write_demo_data(out_dir, seed=seed, cases=case_count,
                                  start_date=start_date.date())
    except DemoDataError as error:
        click.echo(f"未生成演示数据：{error}", err=True)
        sys.exit(2)
    seconds = time.monotonic() - started

    click.echo(f"已生成模拟疫情数据（随机种子 {seed}，用时 {seconds:.1f} 秒）：{summary.out_dir}")
    click.echo(f"  文件：{summary.file_count} 个（含 README.txt 说明）")
    click.echo(f"  病例：{summary.case_count} 例")
    click.echo(f"  活动轨迹：{summary.event_count} 条")
    click.echo(f"  密切接触者：{summary.close_contact_count} 人次，其中 "
               f"{summary.contacts_became_cases} 人次后转为病例")
    click.echo(f"  次密接：{summary.secondary_contact_count} 人次")
    click.echo(f"  报告日期：{summary.first_report_date} 至 {summary.last_report_date}，"
               f"共 {summary.day_count} 天")
    click.echo(f"  涉及行政区：{len(summary.district_codes)} 个")


def out_dir_problem(out_dir: Path) -> str | None:
    """Return why ``out_dir`` cannot become the output folder, in Chinese, or None."""
    if out_dir.is_file():
        return f"--out 指定的「{out_dir}」是一个文件，不是目录：请指定一个新目录或空目录。"
    for parent in out_dir.parents:
        if parent.exists() and not parent.is_dir():
            return f"--out 的上级路径「{parent}」是一个文件，无法在其中创建目录：请换一个目录。"
    return None
