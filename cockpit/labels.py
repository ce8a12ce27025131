"""Chinese labels of the marts' columns and coded values, for tables, charts and exports."""

from __future__ import annotations

import pandas as pd

from liudiao.cli.run import ENTITY_LABELS

COLUMN_LABELS = {
    "case_id": "病例ID",
    "source_case_ref": "病例编号",
    "source_name": "数据源",
    "case_date": "报告日期",
    "case_date_basis": "日期依据",
    "report_date": "报告日期",
    "confirmed_date": "确诊日期",
    "onset_date": "发病日期",
    "first_visit_date": "首诊日期",
    "discharge_date": "出院日期",
    "death_date": "死亡日期",
    "case_type": "病例类型",
    "severity": "临床分型",
    "infection_source": "感染来源",
    "sex": "性别",
    "age": "年龄",
    "cluster_ref": "聚集性疫情编号",
    "travel_history": "旅行史",
    "district_code": "行政区代码",
    "district_name": "行政区",
    "subdistrict_code": "街道代码",
    "generation": "代际",
    "chain_id": "传播链",
    "count_cases": "病例数",
    "count_new_cases": "新增病例",
    "count_recent_cases": "近7天新增",
    "count_close_contacts": "在管密接",
    "count_secondary_contacts": "在管次密接",
    "count_key_places": "重点场所",
    "count_visits": "到访次数",
    "count_recent_visits": "近14天到访",
    "count_mentions": "提及次数",
    "count_recent_mentions": "近14天提及",
    "count_cases_last_14_days": "近14天病例数",
    "mention_date": "提及日期",
    "mention_kind": "提及类型",
    "count_rows": "行数",
    "count_links": "传播关系数",
    "key_place_id": "场所ID",
    "canonical_name": "场所名称",
    "place_name": "场所名称",
    "first_mention_date": "首次提及",
    "last_mention_date": "最近提及",
    "last_visit_date": "最近到访",
    "event_date": "日期",
    "start_time": "开始时间",
    "end_time": "结束时间",
    "event_type": "活动类型",
    "day_date": "日期",
    "entity": "数据类别",
    "reason_code": "原因代码",
    "reason": "拒收原因",
    "source_file": "文件",
    "line_number": "行号",
    "cumulative_cases": "官方累计",
    "cumulative_line_list": "病例清单累计",
    "difference": "差值",
    "infector_case_ref": "传染者病例编号",
    "infectee_case_ref": "被传染者病例编号",
    "relation": "关系",
    "issue": "问题",
    "kind": "问题",
    "action": "处理",
    "first_case_date": "首例日期",
    "last_case_date": "末例日期",
    "count_generations": "代数",
}

CASE_TYPE_LABELS = {"confirmed": "确诊病例", "asymptomatic": "无症状感染者"}
INFECTION_SOURCE_LABELS = {
    "local": "本土",
    "imported_domestic": "外省输入",
    "imported_abroad": "境外输入",
}
CONTACT_LEVEL_LABELS = {"close": "密切接触者", "secondary": "次密接"}
EVENT_TYPE_LABELS = {
    "travel": "外出旅行",
    "arrival": "抵深",
    "onset": "发病",
    "hospital_visit": "就诊",
    "admission": "入院",
    "discharge": "出院",
    "home": "居家",
    "work": "工作",
    "dining": "就餐",
    "shopping": "购物",
    "transport": "交通",
    "medical": "就医",
    "social": "聚会",
    "test": "核酸检测",
    "other": "其他",
}
LINK_ISSUE_LABELS = {
    "self_link": "传染者与被传染者为同一病例",
    "unknown_case": "病例不在病例清单中",
    "duplicate_link": "重复的传播关系",
    "multiple_infectors": "被传染者有多个传染来源",
    "cycle": "传播关系成环",
    "onset_after_infectee": "传染者发病晚于被传染者",
}
LINK_ACTION_LABELS = {
    "dropped_from_graph": "未纳入传播链",
    "broken_by_onset_rule": "按发病先后断开环",
    "kept": "保留",
}
SOURCE_LABELS = {
    "demo": "演示数据",
    "shenzhen-2020": "深圳 2020 公开病例",
    "ds4c": "韩国 DS4C 公开数据",
    "canonical": "区疾控标准导出",
}

VALUE_LABELS = {
    "case_type": CASE_TYPE_LABELS,
    "infection_source": INFECTION_SOURCE_LABELS,
    "contact_level": CONTACT_LEVEL_LABELS,
    "event_type": EVENT_TYPE_LABELS,
    "entity": ENTITY_LABELS,
    "source_name": SOURCE_LABELS,
    "kind": LINK_ISSUE_LABELS,
    "action": LINK_ACTION_LABELS,
}


def source_label(source_name: str) -> str:
    label = SOURCE_LABELS.get(source_name)
    return f"{label}（{source_name}）" if label else source_name


def for_display(frame: pd.DataFrame, columns: list[str] | None = None) -> pd.DataFrame:
    """Return a copy with coded values translated and Chinese column headers.

    ``columns`` picks and orders the columns; unknown column names keep their own name.
    """
    shown = frame[columns].copy() if columns else frame.copy()
    for column, labels in VALUE_LABELS.items():
        if column in shown.columns:
            shown[column] = shown[column].map(lambda value, labels=labels: labels.get(value, value))
    return shown.rename(columns=lambda column: COLUMN_LABELS.get(column, column))
