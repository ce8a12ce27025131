"""Person names introduced in dialogue, and common words that must not read as names."""

import pytest

from tests.realtime.extraction_helpers import found


@pytest.mark.parametrize(("text", "expected"), [
    ("我叫张伟。", ["张伟"]),
    ("我叫张伟今年三十五", ["张伟"]),
    ("他叫梁家豪，电话不知道", ["梁家豪"]),
    ("名字是陈思琪", ["陈思琪"]),
])
def test_name_after_self_cue(text, expected):
    assert found(text, "name") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("我老公李建国也去了", ["李建国"]),
    ("同事王芳一起去的", ["王芳"]),
    ("还有我姐夫田志刚", ["田志刚"]),
    ("我老婆林晓燕，还有我女儿陈思琪", ["林晓燕", "陈思琪"]),
    ("您同事吴昊天确诊了", ["吴昊天"]),
])
def test_name_after_relation_cue(text, expected):
    assert found(text, "name") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("跟我同事张婷婷还有欧阳娜娜一起", ["张婷婷", "欧阳娜娜"]),
    ("我叫司马俊杰", ["司马俊杰"]),
    ("你好，请问是诸葛明吗？", ["诸葛明"]),
    ("还有我婆婆上官秀兰", ["上官秀兰"]),
])
def test_compound_surnames(text, expected):
    assert found(text, "name") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("喂，是杨帆吗？", ["杨帆"]),
    ("您好，这边是福田区疾控的，您是王芳女士吧？", ["王芳"]),
    ("请问您是林国华老先生吗？", ["林国华"]),
    ("请问您是韩梅梅的家属吗？", ["韩梅梅"]),
])
def test_name_in_confirming_question(text, expected):
    assert found(text, "name") == expected


@pytest.mark.parametrize("text", [
    "我们一起去吃饭，周末和家人去公园走了走。",
    "没有，跟平时一样都在上班，马上要过年了。",
    "坐高铁站那边的公交，一般七点半出门。",
    "我是说我老公姓王，我叫小王就行。",
    "跟同事一起，和朋友聊天，还有我妈。",
    "我是从东莞过来的，我是坐地铁来的。",
    "跟华强北那边的人没接触，跟高速上的人也没有。",
    "我是上周一去的，是周末回来的吗？",
])
def test_common_words_are_not_names(text):
    assert found(text, "name") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("还有我们领导郑国栋，和行政的许静。", ["郑国栋", "许静"]),
    ("有聂小倩、殷桃，还有老板金大福。", ["聂小倩", "殷桃", "金大福"]),
    ("温婉如。", ["温婉如"]),
    ("请问付建国是您什么人？", ["付建国"]),
])
def test_uncued_name_between_boundaries(text, expected):
    assert found(text, "name") == expected


@pytest.mark.parametrize("text", ["高兴。", "我们的方向，", "有黄金、白银。", "跟我室友苗苗。"])
def test_uncued_words_are_not_names(text):
    assert found(text, "name") == []


def test_name_wins_over_place_in_given_name():
    assert found("您丈夫是司马光明对吧？", "name") == ["司马光明"]
    assert found("您丈夫是司马光明对吧？", "place") == []


def test_clause_end_character_ends_name_before_pause():
    assert found("我老公叫魏东来。", "name") == ["魏东来"]


def test_job_title_cue():
    assert found("我们组长覃海燕前两天请假了", "name") == ["覃海燕"]


@pytest.mark.parametrize(("text", "expected"), [
    ("喂，是韦国平师傅吗？", ["韦国平"]),
    ("您好，是黎志成老板吧？", ["黎志成"]),
    ("是龚桂芳不？", ["龚桂芳"]),
    ("后面是陶雅琴，前面是谁不记得了", ["陶雅琴"]),
])
def test_name_confirmed_after_shi(text, expected):
    assert found(text, "name") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("那天去了卢美玲女士家里", ["卢美玲"]),
    ("班上汪子豪同学发烧了", ["汪子豪"]),
])
def test_name_before_title(text, expected):
    assert found(text, "name") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("数学老师钟晓琳，语文老师何振东。", ["钟晓琳", "何振东"]),
    ("我找主管岑志明签的字", ["岑志明"]),
    ("我只认得黎永年，别的不认识", ["黎永年"]),
    ("周六带孔思远去打疫苗", ["孔思远"]),
])
def test_name_after_role_or_verb(text, expected):
    assert found(text, "name") == expected


def test_names_next_to_a_name_in_a_list():
    assert found("有雷建华，邬国庆，还有我堂哥", "name") == ["雷建华", "邬国庆"]
    assert found("还有简立新，祁淑贞。", "name") == ["简立新", "祁淑贞"]


def test_southern_surnames():
    assert found("我叫丘文斌。", "name") == ["丘文斌"]
    assert found("快递员叫幸国华", "name") == ["幸国华"]


def test_form_of_address_with_a_is_no_name():
    assert found("还有何阿婆。", "name") == []
    assert found("隔壁的黄阿伯也去了", "name") == []
