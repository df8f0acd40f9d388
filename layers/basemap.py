"""Natural Earth vector basemap (offline) in the Pacific-centred display frame."""

from __future__ import annotations

import functools
from pathlib import Path

import folium
from shapely.geometry import mapping

from geo.basemap import BASEMAP, countries
from geo.frame import to_display
from layers.styles import LAND

ATTRIBUTION = "Basemap: Natural Earth (public domain)"


@functools.cache
def display_countries(path: Path = BASEMAP) -> dict:
    """The basemap as a display-frame FeatureCollection (computed once per process)."""
    feats = [{"type": "Feature", "properties": {"name": name},
              "geometry": mapping(to_display(geom))} for name, geom in countries(path)]
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
