"""Natural Earth vector basemap (offline) in the Pacific-centred display frame."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import folium
from shapely.geometry import mapping, shape

from geo.catalog import DATA_DIR
from geo.frame import to_display
from layers.styles import LAND

BASEMAP = DATA_DIR / "basemap" / "countries-50m.geojson"
ATTRIBUTION = "Basemap: Natural Earth (public domain)"


@functools.cache
def display_countries(path: Path = BASEMAP) -> dict:
    """The basemap as a display-frame FeatureCollection (computed once per process)."""
    doc = json.loads(Path(path).read_text("utf-8"))
    feats = []
    for f in doc["features"]:
        geom = to_display(shape(f["geometry"]))
        feats.append({"type": "Feature", "properties": {"name": f["properties"]["name"]},
                      "geometry": mapping(geom)})
    return {"type": "FeatureCollection", "features": feats}


def basemap_layer(path: Path = BASEMAP) -> folium.GeoJson:
    """Country polygons, drawn under everything and never catching clicks."""
    return folium.GeoJson(
        display_countries(path),
        name="Basemap",
        style_function=lambda _f: dict(LAND),
        interactive=False,
        control=False,
        smooth_factor=1.0,
    )
