"""District boundaries shipped with the cockpit; nothing is fetched at run time."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

GEO_DIR = Path(__file__).parent


@cache
def district_boundaries() -> dict[str, dict]:
    """Load the GeoJSON feature of every shipped district, by district code (WGS 84, simplified)."""
    features: dict[str, dict] = {}
    for path in sorted(GEO_DIR.glob("*.geojson")):
        collection = json.loads(path.read_text(encoding="utf-8"))
        for feature in collection["features"]:
            features[feature["properties"]["district_code"]] = feature
    return features


def centroid(feature: dict) -> tuple[float, float]:
    """Return the longitude and latitude of the area centroid of a district's largest outer
    ring, where its label goes."""
    rings = [polygon[0] for polygon in feature["geometry"]["coordinates"]]
    ring = max(rings, key=lambda points: abs(_signed_area(points)))
    area = _signed_area(ring)
    x_sum = y_sum = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        x_sum += (x0 + x1) * cross
        y_sum += (y0 + y1) * cross
    return x_sum / (6 * area), y_sum / (6 * area)


def _signed_area(ring: list[list[float]]) -> float:
    """Compute a ring's area with the shoelace formula, in square degrees."""
    return sum(x0 * y1 - x1 * y0
               for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True)) / 2
