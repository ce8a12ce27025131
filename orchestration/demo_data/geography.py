"""Shenzhen geography for the synthetic outbreak: real landmarks, metro stations, homes, and
the neighbourhood places (restaurants, shops, clinics) generated around each subdistrict."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml

from liudiao.jurisdictions import Jurisdiction, Subdistrict

# Place kinds of the simulation and the canonical 场所类型 each is exported as.
PLACE_TYPES = {
    "residence": "住宅小区", "village": "住宅小区", "mall": "商场", "shop": "商场",
    "restaurant": "餐厅", "market": "农贸市场", "hospital": "医院", "clinic": "医院",
    "office": "写字楼", "factory": "工厂", "school": "学校", "station": "交通场站",
    "metro": "交通场站", "hotel": "酒店", "park": "其他", "pharmacy": "其他",
    "sampling_site": "其他", "delivery_station": "其他",
}

RESTAURANT_CHAINS = ("海底捞火锅", "西贝莜面村", "太二酸菜鱼", "麦当劳", "肯德基", "真功夫",
                     "点都德", "八合里海记牛肉火锅", "探鱼", "喜茶", "必胜客", "九毛九")
LOCAL_EATERIES = ("隆江猪脚饭", "沙县小吃", "兰州牛肉拉面", "潮汕牛肉火锅", "客家酿豆腐",
                  "柳州螺蛳粉", "肠粉店", "桂林米粉", "湘菜馆", "椰子鸡火锅", "烧腊快餐",
                  "猪肚鸡")
SHOP_CHAINS = ("沃尔玛", "天虹超市", "华润万家", "钱大妈", "百果园", "美宜佳便利店")
PHARMACY_CHAINS = ("海王星辰", "大参林药店", "老百姓大药房")
HOTEL_CHAINS = ("维也纳酒店", "城市便捷酒店", "7天连锁酒店", "如家酒店", "锦江之星", "汉庭酒店")
DEVELOPERS = ("万科", "招商", "华润", "中海", "金地", "龙光", "佳兆业", "卓越", "星河", "鸿荣源",
              "宏发", "天健", "深业", "京基")
COMPOUND_STEMS = ("锦绣", "翠湖", "海景", "阳光", "金色", "碧海", "丽景", "御景", "蓝湾", "东方",
                  "世纪", "桃源", "紫薇", "荔景", "百合", "星海", "鹿鸣", "嘉园", "怡景", "半岛",
                  "君悦", "松坪", "皇御", "新港", "城市", "龙泉", "春华", "泰华")
COMPOUND_SUFFIXES = ("花园", "苑", "名苑", "华庭", "家园", "山庄", "雅居", "公馆", "名城",
                     "新村", "豪庭", "小区")
COMPANY_STEMS = ("恒达", "华信", "鑫泰", "宏图", "安捷", "创新", "联合", "天成", "盛世", "永利",
                 "博远", "精工", "嘉信", "顺达", "德润", "昌盛")
INDUSTRIES = ("电子", "科技", "精密五金", "塑胶制品", "光电", "包装材料", "服装", "智能设备")
INDUSTRIAL_DISTRICTS = ("440306", "440307", "440309", "440310", "440311")


@dataclass(eq=False, slots=True)
class Place:
    name: str
    kind: str
    district_code: str
    subdistrict_code: str
    address: str
    latitude: float
    longitude: float
    aliases: tuple[str, ...] = ()
    lines: tuple[int, ...] = ()

    @property
    def place_type(self) -> str:
        return PLACE_TYPES[self.kind]


@dataclass(frozen=True)
class Home:
    place: Place
    address: str

    @property
    def district_code(self) -> str:
        return self.place.district_code

    @property
    def subdistrict_code(self) -> str:
        return self.place.subdistrict_code


@dataclass(eq=False, slots=True)
class Neighbourhood:
    """A subdistrict: its real roads plus the local places generated for it on first use."""

    subdistrict: Subdistrict
    latitude: float
    longitude: float
    roads: tuple[str, ...]
    villages: tuple[str, ...]
    places: dict[str, list[Place]] = field(default_factory=dict)
    is_generated: bool = False


@cache
def load_place_data() -> tuple[dict, dict]:
    folder = resources.files(__package__).joinpath("data")
    places = yaml.safe_load(folder.joinpath("places.yaml").read_text("utf-8"))
    subdistricts = yaml.safe_load(folder.joinpath("subdistricts.yaml").read_text("utf-8"))
    return places, subdistricts


def distance_km(latitude_a: float, longitude_a: float, latitude_b: float,
                longitude_b: float) -> float:
    """Equirectangular distance, accurate to a few metres at Shenzhen's scale."""
    x = math.radians(longitude_b - longitude_a) * math.cos(math.radians(latitude_a))
    y = math.radians(latitude_b - latitude_a)
    return 6371.0 * math.hypot(x, y)


class Geography:
    def __init__(self, rng: random.Random, jurisdiction: Jurisdiction):
        self.rng = rng
        self.jurisdiction = jurisdiction
        place_data, subdistrict_data = load_place_data()
        self.neighbourhoods: dict[str, Neighbourhood] = {}
        for district in jurisdiction.districts:
            for subdistrict in district.subdistricts:
                entry = subdistrict_data[subdistrict.code]
                self.neighbourhoods[subdistrict.code] = Neighbourhood(
                    subdistrict, entry["lat"], entry["lon"], tuple(entry["roads"]),
                    tuple(entry.get("villages", ())))
        self.landmarks = [self._landmark(entry) for entry in place_data["landmarks"]]
        self.metro_stations = [self._station(entry) for entry in place_data["metro_stations"]]
        self._district_names = {district.code: district.name
                                for district in jurisdiction.districts}
        self._landmarks_by_kind: dict[tuple[str, str | None], list[Place]] = {}
        self._nearest_stations: dict[int, Place | None] = {}

    def _located(self, subdistrict_name: str) -> Subdistrict:
        subdistrict = self.jurisdiction.find_subdistrict(subdistrict_name)
        if subdistrict is None:
            raise ValueError(f"subdistrict {subdistrict_name!r} in places.yaml is not in the "
                             f"jurisdiction {self.jurisdiction.code}")
        return subdistrict

    def _landmark(self, entry: dict) -> Place:
        subdistrict = self._located(entry["subdistrict"])
        return Place(entry["name"], entry["kind"], subdistrict.district_code, subdistrict.code,
                     entry.get("address", ""), entry["lat"], entry["lon"],
                     tuple(entry.get("aliases", ())))

    def _station(self, entry: dict) -> Place:
        subdistrict = self._located(entry["subdistrict"])
        name = f"地铁{entry['name']}站"
        aliases = (f"{entry['name']}地铁站", f"地铁{entry['lines'][0]}号线{entry['name']}站")
        return Place(name, "metro", subdistrict.district_code, subdistrict.code, "",
                     entry["lat"], entry["lon"], aliases, tuple(entry["lines"]))

    # Lookups -------------------------------------------------------------------------------

    def district_name(self, code: str) -> str:
        return self._district_names[code]

    def subdistrict_name(self, code: str) -> str:
        return self.neighbourhoods[code].subdistrict.name

    def full_address(self, place: Place) -> str:
        """Address as written in an export: 区 + 街道 + street address or place name."""
        street = place.address or place.name
        district = self.district_name(place.district_code)
        return f"{district}{self.subdistrict_name(place.subdistrict_code)}{street}"

    def landmarks_of(self, kind: str, district_code: str | None = None) -> list[Place]:
        key = (kind, district_code)
        if key not in self._landmarks_by_kind:
            self._landmarks_by_kind[key] = [
                place for place in self.landmarks if place.kind == kind
                and (district_code is None or place.district_code == district_code)]
        return self._landmarks_by_kind[key]

    def nearest_station(self, place: Place, max_km: float = 2.5) -> Place | None:
        """Return the metro station closest to a place, or None beyond walking distance."""
        key = id(place)
        if key not in self._nearest_stations:
            best = min(self.metro_stations, key=lambda station: distance_km(
                place.latitude, place.longitude, station.latitude, station.longitude))
            distance = distance_km(place.latitude, place.longitude, best.latitude,
                                   best.longitude)
            self._nearest_stations[key] = best if distance <= max_km else None
        return self._nearest_stations[key]

    def nearby_places(self, subdistrict_code: str, kind: str) -> list[Place]:
        """Local places of one kind in a subdistrict, generated on first use."""
        neighbourhood = self.neighbourhoods[subdistrict_code]
        if not neighbourhood.is_generated:
            neighbourhood.places.update(self._generate_local_places(neighbourhood))
            neighbourhood.is_generated = True
        key = f"nearby:{kind}"
        if key not in neighbourhood.places:
            landmarks = [place for place in self.landmarks
                         if place.kind == kind and place.subdistrict_code == subdistrict_code]
            neighbourhood.places[key] = neighbourhood.places.get(kind, []) + landmarks
        return neighbourhood.places[key]

    def written_name(self, place: Place) -> str:
        """Write the name as one investigator might: official, an alias, or with the district."""
        draw = self.rng.random()
        if draw < 0.55 or not place.aliases and draw < 0.85:
            return place.name
        if draw < 0.9 and place.aliases:
            return self.rng.choice(place.aliases)
        return self.district_name(place.district_code) + place.name

    # Homes ---------------------------------------------------------------------------------

    def home_in(self, subdistrict_code: str) -> Home:
        """Draw a flat in a residential compound, or a rented room in an urban village."""
        rng = self.rng
        villages = self.nearby_places(subdistrict_code, "village")
        if villages and rng.random() < 0.35:
            village = rng.choice(villages)
            floor = rng.randint(1, 8)
            address = (f"{village.name}{rng.randint(1, 30)}巷{rng.randint(1, 60)}号"
                       f"{floor}{rng.randint(1, 6):02d}")
            return Home(village, address)
        compound = rng.choice(self.nearby_places(subdistrict_code, "residence"))
        building = rng.choice((f"{rng.randint(1, 12)}栋", f"{rng.choice('ABCD')}座",
                               f"{rng.randint(1, 8)}栋{rng.choice('AB')}单元"))
        room = f"{rng.randint(2, 33)}{rng.randint(1, 8):02d}"
        return Home(compound, f"{compound.address}{compound.name}{building}{room}")

    def restaurants_in_mall(self, mall: Place) -> list[Place]:
        """Chain restaurants inside a mall, named the way chains name branches."""
        key = f"restaurants:{mall.name}"
        neighbourhood = self.neighbourhoods[mall.subdistrict_code]
        if key not in neighbourhood.places:
            short = min((mall.name, *mall.aliases), key=len)
            chains = self.rng.sample(RESTAURANT_CHAINS, 4)
            neighbourhood.places[key] = [
                Place(f"{chain}（{short}店）", "restaurant", mall.district_code,
                      mall.subdistrict_code, f"{mall.address}{mall.name}{floor}楼",
                      mall.latitude, mall.longitude, (f"{chain}({short}店)", f"{short}{chain}"))
                for floor, chain in enumerate(chains, start=self.rng.randint(1, 3))
            ]
        return neighbourhood.places[key]

    # Generation of local places ------------------------------------------------------------

    def _generate_local_places(self, neighbourhood: Neighbourhood) -> dict[str, list[Place]]:
        rng = self.rng
        communities = list(neighbourhood.villages) or [
            neighbourhood.subdistrict.name.removesuffix("街道")]
        places: dict[str, list[Place]] = {
            "residence": [self._compound(neighbourhood) for _ in range(rng.randint(6, 10))],
            "village": [self._local(neighbourhood, "village", village, street=False)
                        for village in neighbourhood.villages],
            "restaurant": [self._branch(neighbourhood, "restaurant", rng.choice(LOCAL_EATERIES))
                           for _ in range(5)],
            "shop": [self._branch(neighbourhood, "shop", chain)
                     for chain in rng.sample(SHOP_CHAINS, 3)],
            "pharmacy": [self._branch(neighbourhood, "pharmacy", rng.choice(PHARMACY_CHAINS))],
            "hotel": [self._branch(neighbourhood, "hotel", chain)
                      for chain in rng.sample(HOTEL_CHAINS, 2)],
            "market": [self._local(neighbourhood, "market", f"{communities[0]}市场")],
            "clinic": [self._local(neighbourhood, "clinic", f"{community}社区健康服务中心")
                       for community in communities[:2]],
            "sampling_site": [self._local(neighbourhood, "sampling_site",
                                          f"{community}社区核酸采样点")
                              for community in communities[:2]],
            "school": [self._local(neighbourhood, "school", f"{communities[0]}小学"),
                       self._local(neighbourhood, "school", f"{communities[0]}幼儿园")],
            "delivery_station": [self._local(
                neighbourhood, "delivery_station",
                f"{rng.choice(('美团外卖', '饿了么', '顺丰速运'))}{communities[0]}站")],
            "office": [self._local(neighbourhood, "office",
                                   f"{rng.choice(COMPANY_STEMS)}大厦")],
        }
        if neighbourhood.subdistrict.district_code in INDUSTRIAL_DISTRICTS:
            places["factory"] = [self._factory(neighbourhood, communities)
                                 for _ in range(rng.randint(3, 5))]
        return places

    def _jitter(self, neighbourhood: Neighbourhood) -> tuple[float, float]:
        return (round(neighbourhood.latitude + self.rng.uniform(-0.012, 0.012), 6),
                round(neighbourhood.longitude + self.rng.uniform(-0.012, 0.012), 6))

    def _street_address(self, neighbourhood: Neighbourhood) -> str:
        return f"{self.rng.choice(neighbourhood.roads)}{self.rng.randint(1, 320)}号"

    def _local(self, neighbourhood: Neighbourhood, kind: str, name: str,
               street: bool = True, aliases: tuple[str, ...] = ()) -> Place:
        latitude, longitude = self._jitter(neighbourhood)
        subdistrict = neighbourhood.subdistrict
        address = self._street_address(neighbourhood) if street else ""
        return Place(name, kind, subdistrict.district_code, subdistrict.code, address,
                     latitude, longitude, aliases)

    def _branch(self, neighbourhood: Neighbourhood, kind: str, chain: str) -> Place:
        road = self.rng.choice(neighbourhood.roads)
        return self._local(neighbourhood, kind, f"{chain}（{road}店）",
                           aliases=(f"{chain}({road}店)", f"{road}{chain}"))

    def _compound(self, neighbourhood: Neighbourhood) -> Place:
        rng = self.rng
        name = rng.choice(COMPOUND_STEMS) + rng.choice(COMPOUND_SUFFIXES)
        if rng.random() < 0.35:
            name = rng.choice(DEVELOPERS) + name
        aliases = (name + "小区",) if not name.endswith("小区") else (name.removesuffix("小区"),)
        return self._local(neighbourhood, "residence", name, aliases=aliases)

    def _factory(self, neighbourhood: Neighbourhood, communities: list[str]) -> Place:
        rng = self.rng
        company = f"深圳市{rng.choice(COMPANY_STEMS)}{rng.choice(INDUSTRIES)}有限公司"
        park = f"{rng.choice(communities)}{rng.choice(('工业区', '工业园', '科技园'))}"
        return self._local(neighbourhood, "factory", company,
                           aliases=(f"{company}（{park}）", company.removeprefix("深圳市")))
