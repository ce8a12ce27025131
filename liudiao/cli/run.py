"""``liudiao run``: import one source and build every partition, headless, with a summary."""

from __future__ import annotations

import datetime as dt
import sys
import unicodedata
from pathlib import Path

import click

from liudiao.config import Settings, load_settings
from liudiao.db import database_url
from liudiao.embedded.postgres import EmbeddedPostgres

SOURCES = ("demo", "canonical", "shenzhen-2020", "ds4c")

ENTITY_LABELS = {
    "case": "病例",
    "event": "活动轨迹",
    "close_contact": "密切接触者",
    "place": "场所",
    "case_link": "传播关系",
    "daily_summary": "官方每日统计",
    "cluster": "聚集性疫情",
    "region": "地区",
    "unknown": "无法识别的表",
}


def default_path(source: str, settings: Settings) -> Path | None:
    """Return the folder of a source's files when --path is not given."""
    if source == "shenzhen-2020":
        return settings.shared_data / "shenzhen-2020"
    if source == "ds4c":
        return settings.shared_data / "ds4c-korea"
    if source == "demo":
        return settings.home / "demo-data"
    return None


def ensure_database(settings: Settings) -> str:
    """Start the embedded PostgreSQL unless LIUDIAO_DATABASE_URL names another server.

    NOTE: the server's English start-up log lines still reach the terminal, because the
    command group logs at INFO level to stderr.
    """
    if not settings.database_url:
        EmbeddedPostgres.from_settings(settings).start()
    return database_url(settings)


def ensure_demo_data(path: Path, seed: int = 2020) -> None:
    if any(path.glob("*/*/*.csv")):
        return
    from orchestration.demo_data import write_demo_data

    click.echo(f"生成演示数据到 {path} …")
    write_demo_data(path, seed=seed)


@click.command(help="导入一个数据源并重建全部分区（无界面运行），最后输出各实体的读取、入库和拒收行数。")
@click.option("--source", type=click.Choice(SOURCES), required=True, help="数据源。")
@click.option("--path", "path", type=click.Path(path_type=Path),
              help="数据所在目录；demo、shenzhen-2020 和 ds4c 有默认目录，canonical 必填。")
@click.option("--date", "single_date", type=click.DateTime(["%Y-%m-%d"]),
              help="只重建这一天的分区（增量运行），格式 YYYY-MM-DD。")
@click.option("--from", "start_date", type=click.DateTime(["%Y-%m-%d"]),
              help="增量运行的开始日期（含）。")
@click.option("--to", "end_date", type=click.DateTime(["%Y-%m-%d"]),
              help="增量运行的结束日期（含）。")
def run(source: str, path: Path | None, single_date: dt.datetime | None,
        start_date: dt.datetime | None, end_date: dt.datetime | None) -> None:
    settings = load_settings()
    # Every option is checked before demo data is written or a database started.
    start, end = _window(single_date, start_date, end_date)
    path = path or default_path(source, settings)
    if path is None:
        raise click.UsageError("canonical 数据源需要用 --path 指定数据目录。")
    if source == "demo":
        ensure_demo_data(path)
    if not path.exists():
        raise click.UsageError(f"数据目录 {path} 不存在，请用 --path 指定。")

    url = ensure_database(settings)
    from orchestration.headless import run_source

    report = run_source(source, path.resolve(), url, start=start, end=end, progress=click.echo)
    _print_report(report)
    sys.exit(0 if report.succeeded else 1)


def _window(single_date, start_date, end_date) -> tuple[dt.date | None, dt.date | None]:
    if single_date and (start_date or end_date):
        raise click.UsageError("--date 不能与 --from/--to 同时使用。")
    if single_date:
        return single_date.date(), single_date.date()
    if start_date or end_date:
        if not (start_date and end_date):
            raise click.UsageError("--from 和 --to 需要同时给出。")
        if start_date > end_date:
            raise click.UsageError("--from 不能晚于 --to。")
        return start_date.date(), end_date.date()
    return None, None


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _row(label: str, *numbers: object) -> str:
    """Format one table row, aligned in a terminal where each Chinese character is two columns wide."""
    cells = [label + " " * (14 - _display_width(label))]
    for number in numbers:
        text = str(number)
        cells.append(" " * (8 - _display_width(text)) + text)
    return "".join(cells)


# The summary's count columns: (key in RunReport.rows_by_entity, Chinese heading).
COUNT_COLUMNS = (("read", "读取"), ("loaded", "入库"), ("inserted", "新增"), ("updated", "更新"),
                 ("unchanged", "未变"), ("removed", "删除"), ("rejected", "拒收"))


def _print_report(report) -> None:
    click.echo(f"\n数据源 {report.source_name}（{report.path}）")
    if not report.import_succeeded:
        click.echo(f"导入失败，未重建模型；详见日志 {report.log_path}")
        return
    if report.count_input_files == 0:
        click.echo("注意：目录中没有可导入的 CSV 或 XLSX 文件，未导入任何数据，也未重建模型。")
        return
    click.echo(_row("实体", *(heading for _, heading in COUNT_COLUMNS)))
    for entity, counts in sorted(report.rows_by_entity.items()):
        label = ENTITY_LABELS.get(entity, entity)
        click.echo(_row(label, *(counts.get(key, 0) for key, _ in COUNT_COLUMNS)))
    for source_file in report.empty_files:
        click.echo(f"注意：文件 {source_file} 没有数据行（空文件或只有表头）。")
    for rejected in report.rejected_files:
        click.echo(f"未导入的文件：{rejected['source_file']}：{rejected['reason']}")
    if report.accounting_passed:
        click.echo("行数核对：通过（读取 = 入库 + 拒收）")
    else:
        click.echo(f"行数核对：未通过\n{report.accounting_problems}")
    if report.transform_window:
        click.echo(f"模型重建范围：{report.transform_window}")
    click.echo("模型构建：" + ("成功" if report.transform_succeeded else "失败"))
    if report.failed_dbt_nodes:
        click.echo("失败的模型或测试：" + "、".join(report.failed_dbt_nodes))
    if report.transform_succeeded:
        click.echo("传播链与重点场所分析：" + ("成功" if report.analytics_succeeded else "失败"))
    if report.checks_failed:
        click.echo("未通过的数据检查：" + "、".join(report.checks_failed))
    click.echo(f"Dagster 与 dbt 的详细日志：{report.log_path}")
