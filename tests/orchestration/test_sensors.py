"""The inbox sensor asks for an import when a file is added or changed, and only then."""

import dagster as dg

from orchestration.ingest.sensors import inbox_sensor


def _evaluate(instance, cursor=None):
    context = dg.build_sensor_context(instance=instance, cursor=cursor)
    return inbox_sensor(context)


def test_new_file_requests_one_import(tmp_path, monkeypatch):
    monkeypatch.setenv("LIUDIAO_HOME", str(tmp_path))
    folder = tmp_path / "inbox" / "canonical" / "2020-02-01"
    folder.mkdir(parents=True)
    (folder / "cases.csv").write_text("case_ref\n", encoding="utf-8")

    with dg.instance_for_test() as instance:
        first = _evaluate(instance)
        assert len(first.run_requests) == 1
        config = first.run_requests[0].run_config["ops"]["raw_records"]["config"]
        assert config["source_name"] == "canonical"
        assert config["path"] == str(tmp_path / "inbox" / "canonical")

        again = _evaluate(instance, cursor=first.cursor)
        assert again.run_requests == []


def test_changed_file_requests_another_import(tmp_path, monkeypatch):
    monkeypatch.setenv("LIUDIAO_HOME", str(tmp_path))
    folder = tmp_path / "inbox" / "demo"
    folder.mkdir(parents=True)
    cases = folder / "cases.csv"
    cases.write_text("case_ref\n", encoding="utf-8")

    with dg.instance_for_test() as instance:
        first = _evaluate(instance)
        cases.write_text("case_ref\nA-1\n", encoding="utf-8")
        second = _evaluate(instance, cursor=first.cursor)
        assert len(second.run_requests) == 1
        assert second.run_requests[0].run_key != first.run_requests[0].run_key


def test_other_files_are_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("LIUDIAO_HOME", str(tmp_path))
    folder = tmp_path / "inbox" / "canonical"
    folder.mkdir(parents=True)
    (folder / "notes.txt").write_text("备注", encoding="utf-8")

    with dg.instance_for_test() as instance:
        assert _evaluate(instance).run_requests == []
