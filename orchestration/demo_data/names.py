"""Chinese personal names: surnames by national frequency, given names by sex and generation."""

from __future__ import annotations

import random
from functools import cache
from itertools import accumulate

# Share of the population per 1,000 people for the most common surnames, rounded from the
# Ministry of Public Security's 2019 household-registration ranking, plus a few compound
# surnames. The long tail of rarer surnames is left out.
SURNAME_WEIGHTS: dict[str, float] = {
    "王": 71.2, "李": 70.0, "张": 67.4, "刘": 51.0, "陈": 46.1, "杨": 32.2, "黄": 24.5,
    "赵": 22.3, "吴": 20.5, "周": 19.1, "徐": 15.3, "孙": 15.2, "马": 14.4, "朱": 12.9,
    "胡": 12.8, "郭": 11.8, "何": 11.7, "林": 11.2, "高": 10.8, "罗": 9.5, "郑": 9.3,
    "梁": 8.5, "谢": 8.1, "宋": 7.8, "唐": 7.7, "许": 7.5, "韩": 7.2, "冯": 7.0, "邓": 6.9,
    "曹": 6.8, "彭": 6.6, "曾": 6.4, "肖": 6.3, "田": 6.2, "董": 6.0, "袁": 5.8, "潘": 5.7,
    "于": 5.6, "蒋": 5.5, "蔡": 5.4, "余": 5.3, "杜": 5.2, "叶": 5.1, "程": 5.0, "苏": 4.9,
    "魏": 4.8, "吕": 4.7, "丁": 4.6, "任": 4.5, "沈": 4.4, "姚": 4.3, "卢": 4.2, "姜": 4.1,
    "崔": 4.0, "钟": 3.9, "谭": 3.8, "陆": 3.7, "汪": 3.6, "范": 3.5, "金": 3.4, "石": 3.3,
    "廖": 3.2, "贾": 3.1, "夏": 3.0, "韦": 2.9, "付": 2.8, "方": 2.7, "白": 2.6, "邹": 2.5,
    "孟": 2.4, "熊": 2.3, "秦": 2.2, "邱": 2.1, "江": 2.0, "尹": 1.9, "薛": 1.8, "黎": 1.7,
    "覃": 1.2, "莫": 1.1, "赖": 1.0, "温": 1.0, "蒙": 0.5,
    "欧阳": 0.5, "司徒": 0.15, "上官": 0.08, "诸葛": 0.05, "司马": 0.05,
}

# Weight multiplier for the surnames of a birthplace province: a 潮汕 village is mostly 陈, 林
# and 黄, a 广西 one 韦 and 覃.
PROVINCE_SURNAME_BOOST = 4.0

MALE_CHARACTERS = {
    "old": "国建军华平明德志文海福春荣忠富贵昌庆林永金生兴贤",
    "middle": "伟强磊勇杰涛斌超刚辉鹏飞波宇浩凯健俊帆亮峰军东龙锋智洪",
    "young": "子浩宇轩睿涵晨泽博翔梓俊哲铭诚锦逸鑫昊阳天奕楷宸航",
}
FEMALE_CHARACTERS = {
    "old": "秀英桂兰玉珍凤芳淑华琴梅兰莲翠美娥金月春",
    "middle": "芳娜敏静丽艳娟霞玲燕萍红婷雪琳晶慧莉丹颖倩洁媛",
    "young": "欣怡梓涵诗雨琪思悦可馨萱佳语若彤依晴梦雅静妍淇",
}


def generation(birth_year: int) -> str:
    """Naming generation: the characters parents chose shifted with the decades."""
    if birth_year < 1965:
        return "old"
    if birth_year < 1995:
        return "middle"
    return "young"


@cache
def _surname_table(province_surnames: tuple[str, ...]) -> tuple[list[str], list[float]]:
    names = list(SURNAME_WEIGHTS)
    weights = [SURNAME_WEIGHTS[name] * (PROVINCE_SURNAME_BOOST if name in province_surnames
                                        else 1.0) for name in names]
    return names, list(accumulate(weights))


def draw_surname(rng: random.Random, province_surnames: tuple[str, ...] = ()) -> str:
    names, cumulative_weights = _surname_table(province_surnames)
    return rng.choices(names, cum_weights=cumulative_weights)[0]


def draw_given_name(rng: random.Random, sex: str, birth_year: int) -> str:
    """Draw one character for about one name in seven, two otherwise."""
    pool = (MALE_CHARACTERS if sex == "男" else FEMALE_CHARACTERS)[generation(birth_year)]
    if rng.random() < 0.15:
        return rng.choice(pool)
    first = rng.choice(pool)
    second = rng.choice(pool)
    while second == first and rng.random() < 0.8:
        second = rng.choice(pool)
    return first + second


def draw_full_name(rng: random.Random, sex: str, birth_year: int,
                   surname: str | None = None, province_surnames: tuple[str, ...] = ()) -> str:
    surname = surname or draw_surname(rng, province_surnames)
    return surname + draw_given_name(rng, sex, birth_year)
