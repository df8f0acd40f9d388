"""Natural Earth country polygons (storage frame), shared by analysis and rendering."""

from __future__ import annotations

import functools
import json
from pathlib import Path

from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from geo.frame import to_display
from geo.paths import BASEMAP


@functools.cache
def countries(path: Path = BASEMAP) -> tuple[tuple[str, BaseGeometry], ...]:
    """``(name, geometry)`` per country, in the storage frame; empty if the file is absent."""
    if not Path(path).exists():
        return ()
    doc = json.loads(Path(path).read_text("utf-8"))
    return tuple((f["properties"]["name"], shape(f["geometry"])) for f in doc["features"])


@functools.cache
def display_countries(path: Path = BASEMAP) -> tuple[tuple[str, BaseGeometry], ...]:
    """``(name, geometry)`` per country in the display frame (computed once per process)."""
    return tuple((name, to_display(geom)) for name, geom in countries(path))
