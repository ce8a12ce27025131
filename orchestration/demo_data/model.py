"""Records of the synthetic outbreak: cases, their activity events and their contacts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from orchestration.demo_data.geography import Place
from orchestration.demo_data.people import Person

if TYPE_CHECKING:
    from orchestration.demo_data.imports import Origin

CONFIRMED = "确诊病例"
ASYMPTOMATIC = "无症状感染者"
LOCAL = "本土"
IMPORTED_DOMESTIC = "外省输入"
IMPORTED_ABROAD = "境外输入"


@dataclass(eq=False, slots=True)
class Event:
    """One entry of a case's activity history (活动轨迹)."""

    event_date: dt.date
    start_minute: int
    end_minute: int
    event_type: str
    description: str
    place: Place | None = None
    # Outside Shenzhen there is no Place, so the address text is all there is.
    address: str = ""
    companions: list[Person] = field(default_factory=list)
    ref: str = ""


@dataclass(eq=False, slots=True)
class Contact:
    """A close contact (密接) or secondary contact (次密接) of one case."""

    person: Person
    case: Case
    level: str
    relation: str
    contact_type: str
    last_contact_date: dt.date
    exposure_dates: list[dt.date]
    via: Contact | None = None
    shared_event: Event | None = None
    quarantine_start_date: dt.date | None = None
    quarantine_place: str = ""
    became_case: Case | None = None
    ref: str = ""


@dataclass(eq=False, slots=True)
class Infection:
    """An infection waiting to be turned into a case, in order of infection date."""

    person: Person
    infection_date: dt.date
    source: str
    infector: Case | None = None
    contact: Contact | None = None
    shared_event: Event | None = None
    quarantine_start_date: dt.date | None = None
    quarantine_place: str = ""
    origin: Origin | None = None
    # Imported cases are scheduled by the date they are reported.
    report_date: dt.date | None = None


@dataclass(eq=False, slots=True)
class Case:
    person: Person
    ref: str
    district_code: str
    subdistrict_code: str
    infection_date: dt.date
    report_date: dt.date
    onset_date: dt.date | None
    case_type: str
    severity: str
    source: str
    detection: str
    occupation: str
    infector: Case | None = None
    cluster_id: int = 0
    quarantine_start_date: dt.date | None = None
    quarantine_place: str = ""
    arrival_date: dt.date | None = None
    notes: str = ""
    events: list[Event] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)

    @property
    def key_date(self) -> dt.date:
        """Onset, or for an asymptomatic infection the date of the positive sample."""
        return self.onset_date or self.report_date

    @property
    def isolation_date(self) -> dt.date:
        """The day the case stopped meeting the public: quarantine or report, the earlier."""
        if self.quarantine_start_date and self.quarantine_start_date < self.report_date:
            return self.quarantine_start_date
        return self.report_date
