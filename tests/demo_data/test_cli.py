"""``liudiao demo-data``: Chinese summary, and rejected requests that write nothing."""

import datetime as dt

from click.testing import CliRunner

import orchestration.demo_data as demo_data_package
from liudiao.cli import demo_data as command_module
from liudiao.cli.main import cli


def test_command_prints_chinese_summary(tmp_path):
    out_dir = tmp_path / "demo"
    result = CliRunner().invoke(cli, ["demo-data", "--out", str(out_dir), "--cases", "40",
                                      "--seed", "3", "--start-date", "2020-01-19"])

    assert result.exit_code == 0, result.output
    assert "病例：" in result.output
    assert "活动轨迹：" in result.output
    assert "密切接触者：" in result.output
    assert "次密接：" in result.output
    assert "涉及行政区：" in result.output
    assert (out_dir / "README.txt").exists()
    assert any(out_dir.glob("2020-01-19/*/cases.csv"))


def test_non_empty_output_is_rejected(tmp_path):
    (tmp_path / "keep.txt").write_text("已有文件", encoding="utf-8")

    result = CliRunner().invoke(cli, ["demo-data", "--out", str(tmp_path), "--cases", "40"])

    assert result.exit_code == 2
    assert "已存在且不为空" in result.output
    assert sorted(path.name for path in tmp_path.iterdir()) == ["keep.txt"]


def test_future_start_date_is_rejected(tmp_path):
    tomorrow = dt.date.today() + dt.timedelta(days=1)

    result = CliRunner().invoke(cli, ["demo-data", "--out", str(tmp_path / "demo"),
                                      "--start-date", tomorrow.isoformat()])

    assert result.exit_code == 2
    assert "晚于今天" in result.output
    assert not (tmp_path / "demo").exists()


def test_case_count_out_of_range_is_rejected(tmp_path):
    result = CliRunner().invoke(cli, ["demo-data", "--out", str(tmp_path / "demo"),
                                      "--cases", "5"])

    assert result.exit_code == 2
    assert "病例数 5 超出范围" in result.output


def test_defaults_match_generator():
    assert command_module.DEFAULT_SEED == demo_data_package.DEFAULT_SEED
    assert command_module.DEFAULT_CASES == demo_data_package.DEFAULT_CASES
    assert command_module.DEFAULT_START_DATE == demo_data_package.DEFAULT_START_DATE.isoformat()
