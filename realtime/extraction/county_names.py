"""County-level cities and counties of China, named on their own as someone's home town.

Written by hand and incomplete: the county-level cities of the provinces most Shenzhen
residents come from, and their best-known counties. A county-level city is reported with 市
(监利 → 监利市), a county with 县 (于都 → 于都县). Names that are also everyday words, given
names, mountains or place words (津市, 永康, 公安, 庐山, 商城) are left out.
"""

from __future__ import annotations

_COUNTY_LEVEL_CITIES = (
    # Guangdong.
    "普宁", "陆丰", "兴宁", "信宜", "高州", "化州", "廉江", "雷州", "吴川", "罗定",
    "英德", "连州", "乐昌", "南雄", "开平", "台山", "鹤山", "恩平", "四会",
    # Hunan.
    "邵东", "冷水江", "涟源", "醴陵", "湘乡", "耒阳", "常宁", "汨罗", "临湘", "沅江",
    "资兴", "洪江", "武冈", "宁乡", "浏阳",
    # Hubei.
    "监利", "仙桃", "潜江", "天门", "洪湖", "石首", "松滋", "麻城", "武穴", "应城", "安陆",
    "汉川", "大冶", "赤壁", "枣阳", "宜城", "老河口", "钟祥", "京山", "当阳", "枝江", "宜都",
    "利川", "丹江口", "广水",
    # Jiangxi.
    "瑞金", "龙南", "丰城", "樟树", "高安", "贵溪", "乐平", "瑞昌", "共青城",
    "德兴",
    # Guangxi.
    "桂平", "北流", "岑溪", "合山", "东兴", "凭祥", "荔浦", "靖西",
    # Fujian.
    "晋江", "石狮", "南安", "福清", "龙海", "漳平", "永安", "邵武", "建瓯",
    "福鼎", "福安",
    # Sichuan and Chongqing.
    "阆中", "江油", "都江堰", "彭州", "崇州", "邛崃", "简阳", "华蓥", "万源", "广汉",
    "什邡", "绵竹", "西昌",
    # Henan, Hebei, Shandong, Jiangsu, Zhejiang, Anhui and others.
    "邳州", "新沂", "昆山", "江阴", "宜兴", "常熟", "张家港", "太仓", "义乌", "诸暨",
    "乐清", "瑞安", "温岭", "余姚", "慈溪", "定州", "辛集", "涿州", "任丘", "巩义", "登封",
    "新郑", "禹州", "长葛", "项城", "永城", "邓州", "滕州", "寿光", "曲阜", "界首", "桐城",
    "天长", "明光", "宁国", "潜山", "仁怀", "凯里", "都匀", "兴义", "个旧", "景洪",
)
_COUNTIES = (
    # Jiangxi.
    "于都", "兴国", "宁都", "会昌", "信丰", "大余", "上犹", "崇义", "安远", "定南", "全南",
    "寻乌", "石城", "都昌", "鄱阳", "余干", "永修", "修水",
    # Hunan and Hubei.
    "祁东", "衡东", "衡南", "新化", "隆回", "新邵", "邵阳县", "安化", "桃江", "平江",
    "华容", "溆浦", "嘉禾", "桂阳", "宜章", "永兴", "蕲春", "浠水", "红安", "英山",
    "江陵", "云梦", "大悟",
    # Guangdong and Guangxi.
    "五华", "陆河", "丰顺", "大埔", "蕉岭", "平远", "惠来", "揭西", "紫金", "龙川", "和平县",
    "连平", "海丰", "博白", "陆川", "容县", "平南", "藤县", "苍梧", "岑巩",
    # Sichuan, Henan and others.
    "南部县", "仪陇", "营山", "蓬安", "渠县", "大竹", "宣汉", "岳池", "中江", "固始",
    "潢川", "光山", "淮阳", "太康", "鹿邑", "郸城", "沈丘", "上蔡", "平舆", "息县",
)

COUNTY_NAMES: dict[str, str] = {
    **{name: name + "市" for name in _COUNTY_LEVEL_CITIES},
    **{name: name if name.endswith("县") else name + "县" for name in _COUNTIES},
}
