"""An analyst's corrections to the place merge, read from a small CSV file.

Columns: ``rule, pattern, other_pattern, canonical_name, district_code, note``.

- ``assign``: every mention whose normalised text matches ``pattern`` belongs to one key place
  named ``canonical_name`` (within ``district_code`` when given), whatever the similarity
  scores are.
- ``never_merge``: a mention matching ``pattern`` and one matching ``other_pattern`` are never in
  the same key place (within ``district_code`` when given).

Patterns are Python regular expressions searched in the normalised text (simplified,
half-width, lowercase, without spaces or punctuation, see ``normalize.fold_text``). The rules
are applied on every run, so a correction survives re-imports and re-runs. Errors name the file
line in Chinese because analysts edit this file.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

COLUMNS = ("rule", "pattern", "other_pattern", "canonical_name", "district_code", "note")
RULES = ("assign", "never_merge")


class OverrideFileError(ValueError):
    """The overrides file has a row that cannot be applied."""


@dataclass(frozen=True)
class OverrideRule:
    line_number: int
    rule: str
    pattern: re.Pattern[str]
    other_pattern: re.Pattern[str] | None
    canonical_name: str
    district_code: str | None

    def applies_to_district(self, district_code: str | None) -> bool:
        return self.district_code is None or self.district_code == district_code


def _compile(path: Path, line_number: int, column: str, text: str) -> re.Pattern[str]:
    try:
        return re.compile(text)
    except re.error as error:
        raise OverrideFileError(
            f"重点场所人工修正文件 {path} 第 {line_number} 行：{column} 列的正则表达式 "
            f"{text!r} 无效（{error}），请修改后重新运行。"
        ) from error


def _parse_row(path: Path, line_number: int, row: dict[str, str]) -> OverrideRule:
    rule = (row.get("rule") or "").strip()
    pattern = (row.get("pattern") or "").strip()
    other = (row.get("other_pattern") or "").strip()
    canonical_name = (row.get("canonical_name") or "").strip()
    where = f"重点场所人工修正文件 {path} 第 {line_number} 行"
    if rule not in RULES:
        raise OverrideFileError(f"{where}：规则 {rule!r} 无效，应为 assign 或 never_merge。")
    if not pattern:
        raise OverrideFileError(f"{where}：pattern 列为空。")
    if rule == "assign" and not canonical_name:
        raise OverrideFileError(f"{where}：assign 规则需要填写 canonical_name（重点场所名称）。")
    if rule == "never_merge" and not other:
        raise OverrideFileError(f"{where}：never_merge 规则需要填写 other_pattern。")
    return OverrideRule(
        line_number=line_number,
        rule=rule,
        pattern=_compile(path, line_number, "pattern", pattern),
        other_pattern=_compile(path, line_number, "other_pattern", other) if other else None,
        canonical_name=canonical_name,
        district_code=(row.get("district_code") or "").strip() or None,
    )


def read_overrides(path: Path) -> list[OverrideRule]:
    """Read the rules in file order; a missing file means no rules."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [column for column in ("rule", "pattern") if column not in (reader.fieldnames
                                                                               or [])]
        if missing:
            raise OverrideFileError(
                f"重点场所人工修正文件 {path} 缺少列：{', '.join(missing)}；"
                f"表头应为 {','.join(COLUMNS)}。"
            )
        # Line 1 is the header; csv keeps embedded newlines inside one record.
        return [_parse_row(path, reader.line_num, row) for row in reader
                if any((value or "").strip() for value in row.values())]
