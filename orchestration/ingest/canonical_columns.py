"""The canonical import format's tables and columns, and how headers and file names map to them.

Each column has its English name and its Chinese header. Either is accepted, and so are the
two combined (``病例编号(case_ref)``) and a trailing ``*`` that marks a required column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from orchestration.ingest.values import fold


@dataclass(frozen=True)
class Column:
    name: str
    label: str
    required: bool = False


def _columns(spec: str) -> tuple[Column, ...]:
    """Parse ``name label [*]`` lines: one column a line, ``*`` marking a required one."""
    columns = []
    for line in spec.strip().splitlines():
        parts = line.split()
        columns.append(Column(parts[0], parts[1], required=len(parts) > 2 and parts[2] == "*"))
    return tuple(columns)


ENTITY_COLUMNS: dict[str, tuple[Column, ...]] = {
    "case": _columns("""
        case_ref 病例编号 *
        report_date 报告日期 *
        district 报告辖区 *
        name 姓名
        sex 性别
        age 年龄
        id_card_number 身份证号
        phone 联系电话
        subdistrict 现住址街道
        residence_address 现住址
        onset_date 发病日期
        confirmed_date 确诊日期
        case_type 病例类型
        severity 临床分型
        infection_source 感染来源
        infector_case_ref 传染来源病例编号
        cluster_ref 聚集性疫情编号
        notes 备注
    """),
    "event": _columns("""
        event_ref 轨迹编号 *
        case_ref 病例编号 *
        event_date 日期 *
        start_time 开始时间
        end_time 结束时间
        event_type 活动类型
        place_ref 场所编号
        place_name 场所名称
        address 地址
        district 所在区
        subdistrict 所在街道
        latitude 纬度
        longitude 经度
        description 描述
    """),
    "close_contact": _columns("""
        contact_ref 接触者编号 *
        case_ref 关联病例编号 *
        contact_level 接触者类别 *
        via_contact_ref 关联密接编号
        name 姓名
        sex 性别
        age 年龄
        id_card_number 身份证号
        phone 联系电话
        relation 与病例关系
        contact_type 接触方式
        last_contact_date 末次接触日期 *
        district 管理辖区 *
        subdistrict 管理街道
        quarantine_start_date 隔离开始日期
        quarantine_place 隔离地点
        test_result 核酸结果
        became_case_ref 转归病例编号
    """),
    "place": _columns("""
        place_ref 场所编号 *
        place_name 场所名称 *
        place_type 场所类型
        address 地址
        district 所在区 *
        subdistrict 所在街道
        latitude 纬度
        longitude 经度
        report_date 报告日期
    """),
}

# File stems and sheet names of each table, English and Chinese.
ENTITY_TABLE_NAMES = {
    "case": ("cases", "病例"),
    "event": ("events", "活动轨迹"),
    "close_contact": ("close_contacts", "密切接触者"),
    "place": ("places", "场所"),
}
# Workbook sheets that explain the template rather than hold rows.
INSTRUCTION_SHEETS = frozenset({"说明", "填写说明", "readme", "instructions"})

ASCII_NAME = re.compile(r"[a-z_]+")
# Last characters of an area name that may directly precede a Chinese table name.
AREA_SUFFIXES = "区县市旗"


def entity_of(table_name: str) -> str | None:
    """Return the entity a file stem or sheet name names, allowing a prefix before ``_`` or ``-``.

    ``2020-02-01_440305_cases`` and ``南山区-密切接触者`` both match. A Chinese table name may
    also follow an area name directly (``南山区病例``, ``深圳市场所``), but no other word, so
    that ``疑似病例`` names no table.
    """
    folded = fold(table_name)
    for entity, names in ENTITY_TABLE_NAMES.items():
        for name in names:
            if folded == name or (folded.endswith(name)
                                  and folded[-len(name) - 1] in "_-.（(　 "):
                return entity
            follows_area = (not name.isascii() and len(folded) > len(name) + 1
                            and folded.endswith(name) and folded[-len(name) - 1] in AREA_SUFFIXES)
            if follows_area:
                return entity
    return None


def is_instruction_sheet(name: str) -> bool:
    return fold(name) in INSTRUCTION_SHEETS


def map_headers(headers: list[str], entity: str) -> tuple[dict[str, int], list[str]]:
    """Return ({column name: index}, unrecognised headers); the first of repeated columns wins."""
    by_name = {}
    for column in ENTITY_COLUMNS[entity]:
        by_name[column.name] = column.name
        by_name[fold(column.label)] = column.name
    indexes: dict[str, int] = {}
    unknown = []
    for index, header in enumerate(headers):
        name = _column_name(header, by_name)
        if name is None:
            if header:
                unknown.append(header)
        else:
            indexes.setdefault(name, index)
    return indexes, unknown


def _column_name(header: str, by_name: dict[str, str]) -> str | None:
    folded = fold(header).rstrip("*＊")
    if folded in by_name:
        return by_name[folded]
    for part in re.split(r"[()（）]", folded):
        if part in by_name:
            return by_name[part]
    for word in ASCII_NAME.findall(folded):
        if word in by_name:
            return by_name[word]
    return None


def missing_required(indexes: dict[str, int], entity: str) -> list[Column]:
    return [column for column in ENTITY_COLUMNS[entity]
            if column.required and column.name not in indexes]
