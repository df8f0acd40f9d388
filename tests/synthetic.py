"""Synthetic catalogs for benchmarks: N events of mixed routes, areas and sites.

Usage: ``python -m tests.synthetic N OUT_DIR`` (zones, regions and basemap are copied from
data/). The events are random and clearly labelled synthetic; they never go into data/.
"""

from __future__ import annotations

import json
import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KINDS = [
    "air_patrol",
    "naval_patrol",
    "naval_exercise",
    "land_exercise",
    "counter_terrorism_exercise",
]
SOURCE = [
    {"publisher": "synthetic benchmark data", "title": "not a real event", "date": "2025-01-01"}
]


def _event(i: int, rng: random.Random) -> dict:
    year = rng.randint(2012, 2025)
    month = rng.randint(1, 12)
    x, y = rng.uniform(105, 175), rng.uniform(15, 55)
    shape = rng.random()
    if shape < 0.4:
        pts = [[x, y]]
        for _ in range(rng.randint(4, 14)):
            x = min(max(x + rng.uniform(-1.5, 1.5), 100.0), 179.0)
            y = min(max(y + rng.uniform(-1.0, 1.0), 5.0), 60.0)
            pts.append([round(x, 4), round(y, 4)])
        geom, precision = {"type": "LineString", "coordinates": pts}, "approximate_route"
    elif shape < 0.7:
        r = rng.uniform(0.3, 1.5)
        ring = [
            [round(x + r * c, 4), round(y + r * s, 4)]
            for c, s in ((1, 0), (0.5, 0.87), (-0.5, 0.87), (-1, 0), (-0.5, -0.87), (0.5, -0.87))
        ]
        geom, precision = {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}, "approximate_area"
    else:
        geom, precision = {"type": "Point", "coordinates": [round(x, 4), round(y, 4)]}, "site"
    kind = KINDS[i % len(KINDS)]
    return {
        "type": "Feature",
        "geometry": geom,
        "properties": {
            "id": f"synthetic-{i}",
            "name": f"Synthetic event {i}",
            "kind": kind,
            "domains": ["sea"],
            "start": f"{year}-{month:02d}-01",
            "end": f"{year}-{month:02d}-02",
            "participants": ["CN", "RU"],
            "assets": "synthetic",
            "summary": "Synthetic event.",
            "precision": precision,
            "sources": SOURCE,
        },
    }


def generate(n: int, out: Path, seed: int = 7, *, basemap: bool = True) -> Path:
    """Write a data folder with ``n`` synthetic events; return it.

    Zones and regions are copied from data/; so is the basemap unless ``basemap`` is false
    (the route facts then hold no distances to countries, which cost most of their time).
    """
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    feats = [_event(i, rng) for i in range(n)]
    (out / "events.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": feats}), "utf-8"
    )
    for name in ("zones.geojson", "regions.geojson"):
        shutil.copy(ROOT / "data" / name, out / name)
    if basemap:
        shutil.copytree(ROOT / "data" / "basemap", out / "basemap", dirs_exist_ok=True)
    return out


if __name__ == "__main__":
    print(generate(int(sys.argv[1]), Path(sys.argv[2])))
