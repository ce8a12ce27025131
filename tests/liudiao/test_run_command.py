"""``liudiao run``: the Chinese run summary and the empty-folder run, on a real database."""

from pathlib import Path

from click.testing import CliRunner

from liudiao.cli.main import cli
from liudiao.cli.run import _print_report
from orchestration.headless import RunReport


def _report(**fields) -> RunReport:
    return RunReport(source_name="canonical", path=Path("/data/inbox"), import_succeeded=True,
                     accounting_passed=True, count_input_files=2, **fields)


def test_summary_lists_every_count_in_chinese(capsys):
    counts = {"read": 9, "loaded": 7, "inserted": 4, "updated": 2, "unchanged": 1,
              "removed": 3, "rejected": 2}
    _print_report(_report(rows_by_entity={"case": counts, "region": counts, "unknown": counts},
                          transform_succeeded=True, analytics_succeeded=True))

    output = capsys.readouterr().out
    header = output.splitlines()[2]
    assert header.split() == ["实体", "读取", "入库", "新增", "更新", "未变", "删除", "拒收"]
    case_line = next(line for line in output.splitlines() if line.startswith("病例"))
    assert case_line.split() == ["病例", "9", "7", "4", "2", "1", "3", "2"]
    assert "地区" in output
    assert "无法识别的表" in output
    assert "region" not in output
    assert "unknown" not in output


def test_summary_notes_empty_and_rejected_files(capsys):
    _print_report(_report(empty_files=["/data/inbox/cases.csv"],
                          rejected_files=[{"source_file": "/data/inbox/x.xlsx",
                                           "reason": "Excel 工作簿已损坏"}]))

    output = capsys.readouterr().out
    assert "文件 /data/inbox/cases.csv 没有数据行（空文件或只有表头）" in output
    assert "未导入的文件：/data/inbox/x.xlsx：Excel 工作簿已损坏" in output


def test_empty_folder_run_rebuilds_nothing(tmp_path, fresh_database, monkeypatch):
    monkeypatch.setenv("LIUDIAO_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("LIUDIAO_DATABASE_URL", fresh_database)
    (tmp_path / "inbox").mkdir()

    result = CliRunner().invoke(cli, ["run", "--source", "canonical",
                                      "--path", str(tmp_path / "inbox")])

    assert result.exit_code == 0, result.output
    assert "目录中没有可导入的 CSV 或 XLSX 文件" in result.output
    assert "模型构建" not in result.output
