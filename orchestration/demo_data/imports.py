"""Imported cases: where they were infected, and how they arrived in Shenzhen."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from orchestration.demo_data.geography import Geography
from orchestration.demo_data.model import IMPORTED_ABROAD, Event
from orchestration.demo_data.people import Person

# (where, how, departure station or airport)
DOMESTIC_ORIGINS = (
    ("湖南省长沙市", "train", "长沙南站"),
    ("湖北省武汉市", "train", "武汉站"),
    ("江西省南昌市", "train", "南昌西站"),
    ("广西壮族自治区南宁市", "train", "南宁东站"),
    ("上海市", "flight", "上海虹桥国际机场"),
    ("北京市", "flight", "北京首都国际机场"),
    ("四川省成都市", "flight", "成都双流国际机场"),
    ("河南省郑州市", "flight", "郑州新郑国际机场"),
)
ABROAD_ORIGINS = (
    ("香港特别行政区", "border", "皇岗口岸"),
    ("香港特别行政区", "border", "深圳湾口岸"),
    ("新加坡", "flight", "新加坡樟宜机场"),
    ("泰国曼谷", "flight", "曼谷素万那普机场"),
    ("英国伦敦", "flight", "伦敦希思罗机场"),
)
DOMESTIC_PURPOSES = ("探亲", "出差", "旅游", "返乡")
AIRLINES = ("CZ", "ZH", "MU", "CA", "HU")


@dataclass
class Origin:
    """Place of an imported case before arrival in Shenzhen, and the arrival itself."""

    source: str
    place_text: str
    mode: str
    departure: str
    arrival_date: dt.date
    purpose: str
    carrier: str

    @property
    def is_quarantined_on_arrival(self) -> bool:
        """Arrivals from abroad went straight into hotel quarantine."""
        return self.source == IMPORTED_ABROAD

    def travel_event(self, day: dt.date) -> Event:
        if self.source == IMPORTED_ABROAD:
            description = f"在{self.place_text}居住、工作"
        else:
            description = f"在{self.place_text}{self.purpose}"
        return Event(day, 0, 23 * 60 + 59, "外出旅行", description, address=self.place_text)

    def arrival_events(self, geography: Geography, person: Person) -> list[Event]:
        day = self.arrival_date
        if self.mode == "train":
            entry = _landmark(geography, "深圳北站")
            text = f"乘坐{self.carrier}次列车由{self.departure}抵达深圳北站"
            start = 14 * 60
        elif self.mode == "flight":
            entry = _landmark(geography, "深圳宝安国际机场")
            text = f"乘坐{self.carrier}航班由{self.departure}抵达深圳宝安国际机场"
            start = 16 * 60
        else:
            entry = _landmark(geography, self.departure)
            text = f"经{self.departure}入境"
            start = 11 * 60
        if self.is_quarantined_on_arrival:
            text += "，入境后闭环转运至集中隔离酒店"
        events = [Event(day, start, start + 60, "抵深", text, entry)]
        if not self.is_quarantined_on_arrival:
            home = person.household.home.place
            events.append(Event(day, start + 120, 23 * 60 + 59, "居家",
                                f"返回{home.name}住处，此后未外出", home))
        return events


def draw_origin(rng: random.Random, source: str, onset_or_sample: dt.date) -> Origin:
    """Draw an origin with arrival 0-6 days before onset (1-5 before the sample if abroad)."""
    if source == IMPORTED_ABROAD:
        place_text, mode, departure = rng.choice(ABROAD_ORIGINS)
        arrival = onset_or_sample - dt.timedelta(days=rng.randint(1, 5))
    else:
        place_text, mode, departure = rng.choice(DOMESTIC_ORIGINS)
        arrival = onset_or_sample - dt.timedelta(days=rng.randint(0, 6))
    if mode == "train":
        carrier = f"G{rng.randint(60, 1999)}"
    elif mode == "flight":
        carrier = f"{rng.choice(AIRLINES)}{rng.randint(3001, 8999)}"
    else:
        carrier = ""
    return Origin(source, place_text, mode, departure, arrival, rng.choice(DOMESTIC_PURPOSES),
                  carrier)


def _landmark(geography: Geography, name: str):
    for place in geography.landmarks:
        if place.name == name:
            return place
    raise KeyError(f"landmark {name!r} is missing from places.yaml")
