"""Jurisdictions as data: a deployment's districts and subdistricts, read from a YAML file.

A bundled jurisdiction is named by its file stem (``shenzhen``); any other YAML file of the
same shape is named by its path. The DS4C source builds its jurisdiction from the Region file
instead (see :func:`from_ds4c_regions`): provinces become districts, cities subdistricts.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

BUNDLED = Path(__file__).parent
OTHER_CODE = "other"


@dataclass(frozen=True)
class Subdistrict:
    code: str
    name: str
    district_code: str
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class District:
    code: str
    name: str
    name_en: str = ""
    aliases: tuple[str, ...] = ()
    subdistricts: tuple[Subdistrict, ...] = ()
    latitude: float | None = None
    longitude: float | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, self.name_en, *self.aliases)


@dataclass
class Jurisdiction:
    code: str
    name: str
    districts: list[District]
    other: District
    aliases: tuple[str, ...] = ()
    _by_name: dict[str, District] = field(default_factory=dict, repr=False)
    _subdistricts_by_name: dict[str, Subdistrict] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for district in [*self.districts, self.other]:
            for name in district.names:
                if name:
                    self._by_name[_fold(name)] = district
            for subdistrict in district.subdistricts:
                self._subdistricts_by_name[_fold(subdistrict.name)] = subdistrict
                short = subdistrict.name.removesuffix("街道")
                if short != subdistrict.name:
                    self._subdistricts_by_name.setdefault(_fold(short), subdistrict)

    @property
    def district_codes(self) -> list[str]:
        """All district codes including the "other" district, in file order."""
        return [district.code for district in self.districts] + [self.other.code]

    def district(self, code: str) -> District:
        for district in [*self.districts, self.other]:
            if district.code == code:
                return district
        raise KeyError(f"unknown district code {code!r} in jurisdiction {self.code}")

    def find_district(self, text: str | None) -> District | None:
        """Return the district that ``text`` names exactly (name, English name or alias)."""
        if not text:
            return None
        return self._by_name.get(_fold(text))

    def find_district_in(self, text: str | None) -> District | None:
        """Return the first district whose name or alias occurs in free text, longest name first."""
        if not text:
            return None
        folded = _fold(text)
        for name in sorted(self._by_name, key=len, reverse=True):
            if len(name) >= 2 and name in folded and self._by_name[name] is not self.other:
                return self._by_name[name]
        return None

    def find_subdistrict(self, text: str | None) -> Subdistrict | None:
        if not text:
            return None
        return self._subdistricts_by_name.get(_fold(text))

    def find_subdistrict_in(self, text: str | None, district_code: str | None = None
                            ) -> Subdistrict | None:
        """Return the subdistrict named in free text.

        Only full names ending in 街道 match, except in ``district_code``, where the short name
        (粤海 for 粤海街道) also matches."""
        if not text:
            return None
        folded = _fold(text)
        for name in sorted(self._subdistricts_by_name, key=len, reverse=True):
            subdistrict = self._subdistricts_by_name[name]
            is_full = name.endswith("街道")
            if name in folded and (is_full or subdistrict.district_code == district_code):
                return subdistrict
        return None


def _fold(text: str) -> str:
    return text.strip().casefold().replace(" ", "")


def _district_from_yaml(entry: dict) -> District:
    code = str(entry["code"])
    subdistricts = tuple(
        Subdistrict(code=str(item["code"]), name=item["name"], district_code=code,
                    latitude=item.get("latitude"), longitude=item.get("longitude"))
        for item in entry.get("subdistricts", [])
    )
    return District(
        code=code,
        name=entry["name"],
        name_en=entry.get("name_en", ""),
        aliases=tuple(entry.get("aliases", [])),
        subdistricts=subdistricts,
        latitude=entry.get("latitude"),
        longitude=entry.get("longitude"),
    )


def from_yaml(path: Path) -> Jurisdiction:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    other = data.get("other_district", {"code": OTHER_CODE, "name": "其他地区"})
    return Jurisdiction(
        code=str(data["code"]),
        name=data["name"],
        aliases=tuple(data.get("aliases", [])),
        districts=[_district_from_yaml(entry) for entry in data["districts"]],
        other=_district_from_yaml(other),
    )


@cache
def load(name_or_path: str = "shenzhen") -> Jurisdiction:
    """Load a bundled jurisdiction by name, or any jurisdiction YAML by path."""
    bundled = BUNDLED / f"{name_or_path}.yaml"
    path = bundled if bundled.exists() else Path(name_or_path)
    if not path.exists():
        raise FileNotFoundError(
            f"jurisdiction {name_or_path!r} not found: neither a bundled name "
            f"({', '.join(p.stem for p in BUNDLED.glob('*.yaml'))}) nor an existing YAML path"
        )
    return from_yaml(path)


def from_ds4c_regions(region_csv: Path) -> Jurisdiction:
    """Build the Korean jurisdiction from DS4C's Region.csv.

    Rows whose city equals the province are provinces (districts here), except the national
    total row ``Korea``. Every other row is a city, county or gu (a subdistrict here).
    """
    with region_csv.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    provinces = {row["province"]: row for row in rows
                 if row["province"] == row["city"] and row["province"] != "Korea"}
    cities: dict[str, list[Subdistrict]] = {name: [] for name in provinces}
    for row in rows:
        province = provinces.get(row["province"])
        if province is None or row["city"] == row["province"]:
            continue
        cities[row["province"]].append(Subdistrict(
            code=row["code"], name=row["city"], district_code=province["code"],
            latitude=_float(row["latitude"]), longitude=_float(row["longitude"]),
        ))
    districts = [
        District(code=row["code"], name=name, name_en=name, subdistricts=tuple(cities[name]),
                 latitude=_float(row["latitude"]), longitude=_float(row["longitude"]))
        for name, row in provinces.items()
    ]
    return Jurisdiction(code="KR", name="Korea", districts=districts,
                        other=District(code=OTHER_CODE, name="其他地区", name_en="Other"))


def _float(text: str) -> float | None:
    try:
        return float(text)
    except (TypeError, ValueError):
        return None
