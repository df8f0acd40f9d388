"""Small builders for fixture data files (kept in code so each test shows its data)."""

from __future__ import annotations

import copy
import functools
import json
import sys
from pathlib import Path
from typing import Any

import geopandas as gpd

from geo.cache import load_cached
from geo.catalog import Catalog
from geo.paths import DATA_DIR

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"

SOURCE = {"publisher": "Xinhua", "title": "A report", "date": "2024-07-25"}


def event(eid: str = "ev-1", **over: Any) -> dict[str, Any]:
    """A valid event Feature; ``geometry=`` and any property can be overridden."""
    props: dict[str, Any] = {
        "id": eid,
        "name": "Test patrol",
        "kind": "air_patrol",
        "domains": ["air"],
        "start": "2024-07-24",
        "end": "2024-07-24",
        "participants": ["CN", "RU"],
        "assets": "2 Tu-95MS, 2 H-6K",
        "summary": "A test event.",
        "precision": "approximate_route",
        "sources": [dict(SOURCE)],
    }
    geometry = over.pop(
        "geometry", {"type": "LineString", "coordinates": [[130.0, 35.0], [135.0, 40.0]]}
    )
    for key, value in over.items():
        if value is DROP:
            props.pop(key, None)
        else:
            props[key] = value
    return {"type": "Feature", "properties": props, "geometry": copy.deepcopy(geometry)}


DROP = object()


def collection(features: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": features}


def region(rid: str, ring: list[tuple[float, float]], name: str | None = None) -> dict[str, Any]:
    return {
        "type": "Feature",
        "properties": {"id": rid, "name": name or rid},
        "geometry": {"type": "Polygon", "coordinates": [[list(p) for p in ring]]},
    }


def box(x0: float, y0: float, x1: float, y1: float) -> list[tuple[float, float]]:
    """A lon/lat box; a mid vertex keeps edges under 180° (else they read as uncut)."""
    xm = (x0 + x1) / 2
    return [(x0, y0), (xm, y0), (x1, y0), (x1, y1), (xm, y1), (x0, y1), (x0, y0)]


def write_data(
    folder: Path,
    events: list[dict[str, Any]],
    regions: list[dict[str, Any]] | None = None,
    zones: list[dict[str, Any]] | None = None,
) -> Path:
    """Write events/regions/zones files into ``folder`` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    if regions is None:
        regions = [region("everywhere", box(-180, -85, 180, 85))]
    for name, feats in (("events", events), ("regions", regions), ("zones", zones or [])):
        (folder / f"{name}.geojson").write_text(json.dumps(collection(feats)), "utf-8")
    return folder


def app_command(port: int, script: Path = ROOT / "streamlit_app.py") -> list[str]:
    """``streamlit run`` for ``script`` on 127.0.0.1:``port``, headless, no usage stats."""
    return [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
            "--server.port", str(port), "--server.address", "127.0.0.1",
            "--browser.gatherUsageStats", "false"]  # fmt: skip


@functools.cache
def curated() -> Catalog:
    """The bundled catalog with its route facts, loaded once per test process (through the
    session's disk cache, which the app servers and CLI runs of the session share)."""
    return load_cached(DATA_DIR)[0]


def events() -> gpd.GeoDataFrame:
    """The curated events indexed by id."""
    return curated().events.set_index("id")


def zones() -> gpd.GeoDataFrame:
    """The curated zones indexed by id."""
    return curated().zones.set_index("id")
