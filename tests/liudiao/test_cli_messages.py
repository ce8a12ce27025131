"""Click's own errors and the service commands' messages read in Chinese."""

import pytest
from click.testing import CliRunner

from liudiao.cli.main import cli
from tests.conftest import _free_port


@pytest.fixture
def home(tmp_path, monkeypatch):
    """An empty LIUDIAO_HOME with the embedded servers, not external ones."""
    monkeypatch.setenv("LIUDIAO_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("LIUDIAO_DATABASE_URL", raising=False)
    monkeypatch.delenv("LIUDIAO_REDIS_URL", raising=False)
    monkeypatch.setenv("LIUDIAO_EMBEDDED_REDIS_PORT", str(_free_port()))
    return tmp_path / "home"


def _invoke(*args):
    return CliRunner().invoke(cli, list(args))


@pytest.mark.parametrize("args, expected", [
    (["run", "--source", "demo", "--date", "2020-02-30"],
     "错误：选项 --date 的值无效：「2020-02-30」不是有效日期，格式应为 YYYY-MM-DD。"),
    (["run"], "错误：缺少必填选项 --source。可选：demo、canonical、shenzhen-2020、ds4c。"),
    (["runn"], "错误：没有「runn」这个命令。你是不是要用 run？"),
    (["run", "--source", "nope"], "「nope」不是可选的值（可选：demo、canonical、shenzhen-2020、ds4c）"),
    (["run", "--source", "demo", "--fromm", "2020-02-01"], "错误：没有 --fromm 这个选项。"),
    (["run", "--source", "demo", "--from"], "错误：选项 --from 后面需要填写一个值。"),
    (["demo-data", "--out", "x", "--cases", "abc"], "「abc」不是有效整数"),
    (["run", "--source", "demo", "extra"], "错误：多余的参数：extra。"),
])
def test_usage_errors_in_chinese(home, args, expected):
    result = _invoke(*args)

    assert result.exit_code == 2
    assert expected in result.output
    assert "Error" not in result.output
    assert "Usage" not in result.output


def test_demo_run_with_bad_window_writes_nothing(home):
    result = _invoke("run", "--source", "demo", "--from", "2022-02-01")

    assert result.exit_code == 2
    assert "--from 和 --to 需要同时给出" in result.output
    assert not (home / "demo-data").exists()


def test_db_stop_when_not_running(home):
    result = _invoke("db", "stop")

    assert result.exit_code == 0
    assert result.output.strip() == "内置 PostgreSQL 未在运行，无需停止。"


def test_redis_stop_when_not_running(home):
    result = _invoke("redis", "stop")

    assert result.exit_code == 0
    assert result.output.strip() == "内置 Redis 未在运行，无需停止。"


def test_demo_data_out_at_a_file(home, tmp_path):
    existing_file = tmp_path / "notes.txt"
    existing_file.write_text("x", encoding="utf-8")

    inside = _invoke("demo-data", "--out", str(existing_file / "demo"))
    at_file = _invoke("demo-data", "--out", str(existing_file))

    assert at_file.exit_code == 2
    assert f"「{existing_file}」是一个文件，不是目录" in at_file.output
    assert inside.exit_code == 2
    assert f"上级路径「{existing_file}」是一个文件" in inside.output


@pytest.mark.parametrize("args", [["--help"], ["run", "--help"], ["db", "--help"]])
def test_help_headings_in_chinese(home, args):
    result = _invoke(*args)

    assert result.exit_code == 0
    assert result.output.startswith("用法：")
    assert "选项：" in result.output
    assert "显示本帮助并退出。" in result.output
    for english in ("Usage:", "Options:", "Commands:", "Show this message"):
        assert english not in result.output


def test_help_notes_in_chinese(home):
    result = _invoke("demo", "--help")

    assert "--dagster-port 整数" in result.output
    assert "[默认：3000" in result.output
    assert "[default:" not in result.output
