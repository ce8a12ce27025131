"""Activity histories (活动轨迹): what a case did each day from 14 days before onset to report."""

from __future__ import annotations

import datetime as dt
import random

from orchestration.demo_data.geography import Place, distance_km
from orchestration.demo_data.imports import Origin
from orchestration.demo_data.model import Case, Event
from orchestration.demo_data.people import Person
from orchestration.demo_data.timeline import HISTORY_DAYS, days_between, is_workday
from orchestration.demo_data.workplaces import MOBILE_OCCUPATIONS
from orchestration.demo_data.world import World

DAY_END = 23 * 60 + 59
NOT_WORKING = frozenset({"散居儿童", "离退休人员", "家务及待业"})
SYMPTOMS = ("发热、咳嗽", "咽痛、乏力", "发热、咽干", "咳嗽、流涕", "发热、肌肉酸痛", "咽痒、干咳")


class HistoryBuilder:
    def __init__(self, world: World, routine_testing: bool):
        self.world = world
        self.geography = world.geography
        self.rng: random.Random = world.rng
        self.routine_testing = routine_testing
        self._is_walkable: dict[tuple[int, int], bool] = {}
        self._nearest_cache: dict[tuple[int, int], Place] = {}
        self._bus_routes: dict[tuple[int, int], str] = {}

    def build(self, case: Case, shared: Event | None, origin: Origin | None) -> list[Event]:
        """Build the events from 14 days before onset (or positive sample) to the report date."""
        first_day = case.key_date - dt.timedelta(days=HISTORY_DAYS)
        test_offset = self.rng.randint(0, 2)
        events: list[Event] = []
        for day in days_between(first_day, case.report_date - dt.timedelta(days=1)):
            if origin and day < origin.arrival_date:
                events.append(origin.travel_event(day))
            elif origin and day == origin.arrival_date:
                events.extend(origin.arrival_events(self.geography, case.person))
            elif case.quarantine_start_date and day >= case.quarantine_start_date:
                events.extend(self._quarantine_day(case, day))
            elif case.onset_date and day >= case.onset_date:
                events.extend(self._sick_day(case, day))
            else:
                day_events = self._ordinary_day(case.person, day)
                if self.routine_testing and (day - first_day).days % 3 == test_offset:
                    day_events = self._with_routine_test(case.person, day_events)
                events.extend(day_events)
        if case.onset_date and case.onset_date >= first_day:
            events.append(self._onset_event(case))
        events.append(self._report_event(case))
        if shared is not None and shared.event_date >= first_day:
            events = _with_shared_event(events, shared)
        events.sort(key=lambda event: (event.event_date, event.start_minute))
        return events

    # Ordinary days ---------------------------------------------------------------------------

    def _ordinary_day(self, person: Person, day: dt.date) -> list[Event]:
        works = is_workday(day) and person.workplace is not None \
            and person.occupation not in NOT_WORKING
        if works and person.occupation in MOBILE_OCCUPATIONS:
            return self._mobile_work_day(person, day)
        if works:
            return self._work_day(person, day)
        return self._free_day(person, day)

    def _home(self, person: Person) -> Place:
        return self.world.household_of(person).home.place

    def _work_day(self, person: Person, day: dt.date) -> list[Event]:
        rng, workplace = self.rng, person.workplace
        home = self._home(person)
        is_school = person.occupation in ("学生", "幼托儿童")
        start = 8 * 60 if is_school else rng.choice((8 * 60, 8 * 60 + 30, 9 * 60))
        end = (16 * 60 + 30) if is_school else rng.choice((17 * 60 + 30, 18 * 60, 19 * 60,
                                                           20 * 60))
        verb = "上课" if is_school or person.occupation == "大学生" else "上班"
        events = []
        commute = self._commute(day, home, workplace.place, start - 50, start - 5)
        if commute:
            events.append(commute)
        events.append(Event(day, start, end, "工作", f"在{workplace.name}{verb}",
                            workplace.place))
        if not is_school and rng.random() < 0.35:
            restaurant = self._restaurant_near(workplace.place)
            events.append(Event(day, 12 * 60, 12 * 60 + 50, "就餐", f"在{restaurant.name}就餐",
                                restaurant))
        back = self._commute(day, workplace.place, home, end + 5, end + 50)
        if back:
            events.append(back)
        events.extend(self._evening(person, day, end + 55))
        return events

    def _mobile_work_day(self, person: Person, day: dt.date) -> list[Event]:
        rng, workplace = self.rng, person.workplace
        start, end = rng.choice((8 * 60, 9 * 60)), rng.choice((19 * 60, 20 * 60, 21 * 60))
        events = []
        if person.occupation == "快递外卖人员":
            events.append(Event(day, start, end, "工作",
                                f"在{workplace.name}周边配送，骑电动车", workplace.place))
            mall = self._mall_near(workplace.place)
            for restaurant in self.rng.sample(self.geography.restaurants_in_mall(mall), 2):
                pickup = self._time(11, 13.5)
                events.append(Event(day, pickup, pickup + 10, "工作",
                                    f"到{restaurant.name}取餐", restaurant))
        elif person.occupation == "网约车司机":
            plate = f"粤B{rng.choice('DF')}{rng.randint(10000, 99999)}"
            events.append(Event(day, start, end, "交通", f"驾驶网约车（{plate}）接送乘客",
                                address=f"{self.geography.district_name(self._home(person).district_code)}及周边"))
        else:
            events.append(Event(day, start, end, "工作",
                                f"驾驶跨境货车经{workplace.place.name}往返深港", workplace.place))
        events.append(self._home_event(person, day, end + 20))
        return events

    def _free_day(self, person: Person, day: dt.date) -> list[Event]:
        rng = self.rng
        home = self._home(person)
        events: list[Event] = []
        is_older = person.occupation in ("离退休人员", "家务及待业")
        if is_older and rng.random() < 0.7:
            market = rng.choice(self.geography.nearby_places(home.subdistrict_code, "market"))
            start = self._time(7, 9)
            events.append(Event(day, start, start + 45, "购物", f"在{market.name}买菜", market))
        if rng.random() < (0.25 if is_older else 0.4):
            events.extend(self._mall_visit(person, day, home))
        elif rng.random() < 0.2:
            park = self._nearest(home, self.geography.landmarks_of("park"))
            start = self._time(9, 16)
            events.append(Event(day, start, start + 120, "其他", f"在{park.name}游玩", park))
        if not events:
            events.append(Event(day, 0, DAY_END, "居家", "全天居家，未外出", home))
            return events
        latest = max(event.end_minute for event in events)
        events.append(self._home_event(person, day, latest + 30))
        return events

    def _mall_visit(self, person: Person, day: dt.date, home: Place) -> list[Event]:
        rng = self.rng
        mall = self._mall_near(home) if rng.random() < 0.85 else rng.choice(
            self.geography.landmarks_of("mall"))
        start = self._time(13, 16)
        events = [Event(day, start, start + rng.choice((60, 90, 120)), "购物",
                        f"在{mall.name}逛街购物", mall)]
        if rng.random() < 0.6:
            restaurant = rng.choice(self.geography.restaurants_in_mall(mall))
            dinner = events[0].end_minute + 15
            if person.age_on(day) >= 16 and rng.random() < 0.3:
                friends = self.world.friends_of(person, rng.randint(2, 5))
                events.append(Event(day, dinner, dinner + 90, "聚会",
                                    f"与朋友{len(friends)}人在{restaurant.name}聚餐", restaurant,
                                    companions=friends))
            else:
                events.append(Event(day, dinner, dinner + 60, "就餐",
                                    f"与家人在{restaurant.name}就餐", restaurant))
        return events

    def _evening(self, person: Person, day: dt.date, start: int) -> list[Event]:
        rng, home = self.rng, self._home(person)
        events = []
        draw = rng.random()
        if draw < 0.2:
            eatery = rng.choice(self.geography.nearby_places(home.subdistrict_code, "restaurant"))
            events.append(Event(day, start, start + 45, "就餐", f"在{eatery.name}就餐", eatery))
        elif draw < 0.4:
            kind = "shop" if rng.random() < 0.8 else "pharmacy"
            shop = rng.choice(self.geography.nearby_places(home.subdistrict_code, kind))
            events.append(Event(day, start, start + 30, "购物", f"在{shop.name}购物", shop))
        latest = events[-1].end_minute if events else start
        events.append(self._home_event(person, day, latest + 15))
        return events

    def _home_event(self, person: Person, day: dt.date, start: int) -> Event:
        home = self._home(person)
        return Event(day, min(start, DAY_END - 30), DAY_END, "居家",
                     f"返回{home.name}住处，此后未外出", home)

    def _with_routine_test(self, person: Person, day_events: list[Event]) -> list[Event]:
        """Add a routine PCR test (常态化核酸) on the way home, or a trip out on a home day."""
        home_event = day_events[-1]
        site = self.rng.choice(self.geography.nearby_places(self._home(person).subdistrict_code,
                                                            "sampling_site"))
        if home_event.start_minute == 0:
            start = self._time(9, 11)
            home_event.description = "除外出做核酸检测外，全天居家"
        else:
            start = max(home_event.start_minute - 20, 0)
        test = Event(home_event.event_date, start, start + 15, "核酸检测",
                     f"在{site.name}做常态化核酸检测", site)
        return day_events[:-1] + [test, home_event]

    # Travel between places -------------------------------------------------------------------

    def _commute(self, day: dt.date, origin: Place, destination: Place, start: int,
                 end: int) -> Event | None:
        """Build a metro ride between the nearest stations or a bus ride, or None within 2 km."""
        key = (id(origin), id(destination))
        if key not in self._is_walkable:
            self._is_walkable[key] = distance_km(origin.latitude, origin.longitude,
                                                 destination.latitude, destination.longitude) < 2
        if self._is_walkable[key]:
            return None
        geography = self.geography
        departure = geography.nearest_station(origin)
        arrival = geography.nearest_station(destination)
        if departure and arrival and departure is not arrival:
            line = _line_between(departure, arrival)
            return Event(day, start, end, "交通",
                         f"乘坐地铁{line}由{departure.name[2:]}至{arrival.name[2:]}", departure)
        route = self._bus_routes.get(key)
        if route is None:
            route = f"{self.rng.choice(('M', 'B', ''))}{self.rng.randint(1, 499)}路"
            self._bus_routes[key] = self._bus_routes[key[::-1]] = route
        return Event(day, start, end, "交通", f"乘坐{route}公交车",
                     address=f"{geography.full_address(origin)}附近公交站")

    # Illness, quarantine and report ------------------------------------------------------------

    def _sick_day(self, case: Case, day: dt.date) -> list[Event]:
        person, rng = case.person, self.rng
        fever_clinic_day = case.report_date - dt.timedelta(days=1)
        if day == fever_clinic_day:
            hospital = self._hospital_near(self._home(person))
            start = self._time(9, 20)
            events = [Event(day, start, start + 120, "就医",
                            f"到{hospital.name}发热门诊就诊，采集核酸样本", hospital)]
            events.append(self._home_event(person, day, start + 150))
            return events
        if day > case.onset_date and rng.random() < 0.5:
            clinic_kind = "clinic" if rng.random() < 0.5 else "pharmacy"
            clinic = rng.choice(self.geography.nearby_places(self._home(person).subdistrict_code,
                                                             clinic_kind))
            start = self._time(9, 18)
            verb = "就诊" if clinic_kind == "clinic" else "购买退烧药"
            return [Event(day, start, start + 40, "就医" if clinic_kind == "clinic" else "购物",
                          f"到{clinic.name}{verb}", clinic),
                    self._home_event(person, day, start + 60)]
        if rng.random() < 0.5:
            return self._ordinary_day(person, day)
        return [Event(day, 0, DAY_END, "居家", "身体不适，全天居家休息", self._home(person))]

    def _quarantine_day(self, case: Case, day: dt.date) -> list[Event]:
        at_home = case.quarantine_place == "居家隔离"
        place = self._home(case.person) if at_home else self._quarantine_hotel(case)
        if day == case.quarantine_start_date:
            start = self._time(10, 22)
            text = "作为密切接触者开始居家隔离" if at_home else \
                f"作为密切接触者被转运至{place.name}集中隔离"
            return [Event(day, start, DAY_END, "居家" if at_home else "其他", text, place)]
        if (day - case.quarantine_start_date).days % 2 == 1:
            text = "居家隔离期间上门采样核酸检测" if at_home else "集中隔离期间采样核酸检测"
            return [Event(day, 8 * 60, 8 * 60 + 15, "核酸检测", text, place)]
        return []

    def _quarantine_hotel(self, case: Case) -> Place:
        return self.geography.nearby_places(self._home(case.person).subdistrict_code, "hotel")[0]

    def _onset_event(self, case: Case) -> Event:
        symptoms = self.rng.choice(SYMPTOMS)
        place = self._home(case.person)
        if case.quarantine_start_date and case.onset_date > case.quarantine_start_date \
                and case.quarantine_place != "居家隔离":
            place = self._quarantine_hotel(case)
        start = self._time(6, 22)
        return Event(case.onset_date, start, start, "发病", f"出现{symptoms}等症状", place)

    def _report_event(self, case: Case) -> Event:
        descriptions = {
            "就诊发现": "核酸检测结果阳性，当日闭环转运至定点医院隔离治疗",
            "密接筛查": "隔离期间核酸检测结果阳性，当日闭环转运至定点医院",
            "常态化核酸筛查": "常态化核酸检测结果阳性，当日闭环转运至定点医院",
            "入境筛查": "入境隔离期间核酸检测结果阳性，当日转运至定点医院",
        }
        start = self._time(8, 20)
        return Event(case.report_date, start, start + 30, "核酸检测",
                     descriptions[case.detection])

    # Place choices ---------------------------------------------------------------------------

    def _restaurant_near(self, place: Place) -> Place:
        if place.kind == "mall":
            return self.rng.choice(self.geography.restaurants_in_mall(place))
        return self.rng.choice(self.geography.nearby_places(place.subdistrict_code, "restaurant"))

    def _mall_near(self, place: Place) -> Place:
        return self._nearest(place, self.geography.landmarks_of("mall"))

    def _hospital_near(self, place: Place) -> Place:
        return self._nearest(place, self.geography.landmarks_of("hospital"))

    def _nearest(self, place: Place, candidates: list[Place]) -> Place:
        key = (id(place), id(candidates))
        if key not in self._nearest_cache:
            self._nearest_cache[key] = min(candidates, key=lambda candidate: distance_km(
                place.latitude, place.longitude, candidate.latitude, candidate.longitude))
        return self._nearest_cache[key]

    def _time(self, earliest_hour: float, latest_hour: float) -> int:
        return int(5 * round(self.rng.uniform(earliest_hour * 60, latest_hour * 60) / 5))


def _line_between(departure: Place, arrival: Place) -> str:
    shared = [line for line in departure.lines if line in arrival.lines]
    if shared:
        return f"{shared[0]}号线"
    return f"{departure.lines[0]}号线转{arrival.lines[0]}号线"


def _with_shared_event(events: list[Event], shared: Event) -> list[Event]:
    """Put the event where the case was infected into the history, in place of what overlaps;
    the day's return home moves to after it."""
    remaining = []
    for event in events:
        if event.event_date != shared.event_date:
            remaining.append(event)
        elif event.event_type == "居家":
            start = max(event.start_minute, shared.end_minute + 20)
            if start < DAY_END:
                home_name = event.place.name if event.place else "住处"
                remaining.append(Event(event.event_date, start, DAY_END, "居家",
                                  f"返回{home_name}住处，此后未外出", event.place))
        elif event.end_minute <= shared.start_minute or event.start_minute >= shared.end_minute:
            remaining.append(event)
    return remaining + [shared]
