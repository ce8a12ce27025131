"""District boundaries shipped with the cockpit; nothing is fetched at run time."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

GEO_DIR = Path(__file__).parent


@cache
def district_boundaries() -> dict[str, dict]:
    """GeoJSON features of every shipped district, by district code (WGS 84, simplified)."""
    features: dict[str, dict] = {}
    for path in sorted(GEO_DIR.glob("*.geojson")):
        collection = json.loads(path.read_text(encoding="utf-8"))
        for feature in collection["features"]:
            features[feature["properties"]["district_code"]] = feature
    return features


def centroid(feature: dict) -> tuple[float, float]:
    """Longitude and latitude of the vertex mean of a district's largest outer ring: close
    enough to place a label inside these compact districts."""
    rings = [polygon[0] for polygon in feature["geometry"]["coordinates"]]
    ring = max(rings, key=len)
    return (sum(point[0] for point in ring) / len(ring),
            sum(point[1] for point in ring) / len(ring))
