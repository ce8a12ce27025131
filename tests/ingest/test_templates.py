"""The import templates: each example row loads, and the workbook matches its build script."""

import csv
import importlib.util
import shutil

from liudiao import idcard
from liudiao.config import PROJECT_ROOT
from orchestration.ingest import import_source
from orchestration.ingest.canonical_columns import ENTITY_COLUMNS, ENTITY_TABLE_NAMES
from tests.ingest.conftest import records, rejections

TEMPLATES = PROJECT_ROOT / "templates"
WORKBOOK = TEMPLATES / "canonical-template.xlsx"


def _load_build_script():
    spec = importlib.util.spec_from_file_location("build_xlsx", TEMPLATES / "build_xlsx.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_csv_templates_have_chinese_headers_of_every_column():
    for entity, (english_name, _) in ENTITY_TABLE_NAMES.items():
        with (TEMPLATES / f"{english_name}.csv").open(encoding="utf-8-sig", newline="") as handle:
            header, example = list(csv.reader(handle))
        assert header == [column.label for column in ENTITY_COLUMNS[entity]], entity
        assert len(example) == len(header), entity


def test_template_id_card_numbers_are_valid():
    for english_name in ("cases", "close_contacts"):
        with (TEMPLATES / f"{english_name}.csv").open(encoding="utf-8-sig", newline="") as handle:
            row = next(csv.DictReader(handle))
        assert idcard.is_valid(row["身份证号"]), english_name


def test_csv_templates_import_without_rejections(tmp_path, fresh_database):
    for path in TEMPLATES.glob("*.csv"):
        shutil.copy(path, tmp_path / path.name)

    summary = import_source(fresh_database, "canonical", tmp_path)

    totals = summary.totals_by_entity()
    assert {entity: totals[entity] for entity in ENTITY_TABLE_NAMES} == {
        entity: (1, 1, 0) for entity in ENTITY_TABLE_NAMES}
    case = records(fresh_database, "canonical", "case")["440305-20200201-001"]
    assert (case["district_code"], case["subdistrict_code"], case["age"]) == (
        "440305", "440305006", 35)
    assert case["id_card_problems"] == []


def test_xlsx_template_imports_without_rejections(fresh_database):
    summary = import_source(fresh_database, "canonical", WORKBOOK)

    assert summary.totals_by_entity() == {entity: (1, 1, 0) for entity in ENTITY_TABLE_NAMES}
    assert rejections(fresh_database, "canonical") == []
    contact = records(fresh_database, "canonical", "close_contact")["440305-20200201-001-C01"]
    assert contact["id_card_number"] == "440303199003022044"


def test_xlsx_template_matches_build_script(tmp_path):
    rebuilt = _load_build_script().build(tmp_path / "rebuilt.xlsx")

    assert rebuilt.read_bytes() == WORKBOOK.read_bytes(), (
        "canonical-template.xlsx is stale: run .venv/bin/python templates/build_xlsx.py")
