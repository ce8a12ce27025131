"""``liudiao run`` output: short Chinese progress lines, Dagster and dbt output in a log file."""

import logging

from click.testing import CliRunner

from liudiao.cli.main import cli
from orchestration.run_output import failed_dbt_nodes, output_to
from tests.ingest.conftest import write_csv
from tests.ingest.test_canonical_import import CASE_HEADER_ZH, case_row

DBT_SUMMARY = (
    "\x1b[31mFailure in test not_null_cases_case_id (models/marts/cases.yml)\x1b[0m\n"
    "\x1b[31mDatabase Error in model int_cases_merged (models/int/int_cases_merged.sql)\x1b[0m\n"
    "\x1b[31mFailure in test not_null_cases_case_id (models/marts/cases.yml)\x1b[0m\n"
    "Done. PASS=10 WARN=0 ERROR=1 SKIP=3 TOTAL=14\n"
)


def test_failed_dbt_nodes_named_once_in_order():
    assert failed_dbt_nodes(DBT_SUMMARY) == ["test not_null_cases_case_id",
                                             "model int_cases_merged"]


def test_output_to_captures_prints_and_logs(tmp_path, capsys):
    log_path = tmp_path / "run.log"
    root = logging.getLogger()
    handlers = root.handlers[:]

    with log_path.open("w", encoding="utf-8") as handle, output_to(handle):
        print("dbt line")
        logging.getLogger("orchestration.test").warning("import line")

    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == ""
    assert "dbt line" in log_path.read_text(encoding="utf-8")
    assert "import line" in log_path.read_text(encoding="utf-8")
    assert root.handlers == handlers


def test_run_prints_chinese_progress_without_colours(tmp_path, fresh_database, monkeypatch,
                                                     capfd):
    home = tmp_path / "home"
    monkeypatch.setenv("LIUDIAO_HOME", str(home))
    monkeypatch.setenv("LIUDIAO_DATABASE_URL", fresh_database)
    write_csv(tmp_path / "inbox" / "cases.csv", CASE_HEADER_ZH, [case_row("C1")])

    result = CliRunner().invoke(cli, ["run", "--source", "canonical",
                                      "--path", str(tmp_path / "inbox")])

    leaked = capfd.readouterr()
    assert result.exit_code == 0, result.output
    assert "正在导入数据" in result.output
    assert "正在构建模型（dbt）" in result.output
    assert "模型构建：成功" in result.output
    assert "\x1b[" not in result.output + leaked.out + leaked.err
    assert "STEP_START" not in result.output + leaked.out + leaked.err
    run_log = (home / "logs" / "run.log").read_text(encoding="utf-8")
    assert "dbt" in run_log
    assert "STEP_SUCCESS" in run_log
