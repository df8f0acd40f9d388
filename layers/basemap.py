"""Natural Earth vector basemap (offline) in the Pacific-centred display frame."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import shapely
from branca.element import MacroElement
from jinja2 import Template
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from geo.basemap import countries
from geo.frame import to_display
from geo.paths import BASEMAP, BASEMAP_10M
from layers.jscode import script
from layers.styles import LAND, SEA

ATTRIBUTION = "Basemap: Natural Earth (public domain)"
DISPLAY_SIMPLIFY_DEG = 0.01  # ~1 km, invisible at briefing scales; a third less to send


@functools.cache
def display_countries(path: Path = BASEMAP) -> dict:
    """The basemap as a display-frame FeatureCollection (computed once per process)."""
    feats = [
        {
            "type": "Feature",
            "properties": {"name": name},
            "geometry": mapping(
                shapely.set_precision(
                    shapely.simplify(to_display(geom), DISPLAY_SIMPLIFY_DEG), 0.01
                )
            ),
        }
        for name, geom in countries(path)
    ]
    return {"type": "FeatureCollection", "features": feats}


@functools.cache
def _display_json(path: Path = BASEMAP) -> str:
    # serialised once: every rerun of the app re-renders the base map
    return json.dumps(display_countries(path), separators=(",", ":")).replace("</", "<\\/")


DETAIL_ZOOM = 6  # from here in, the 1:10m coast where the routes run
DETAIL_BUFFER_DEG = 1.5  # how far round the record's geometries the fine coast reaches
DETAIL_SIMPLIFY_DEG = 0.003


@functools.cache
def _detail_json(path: Path, around: tuple[BaseGeometry, ...]) -> tuple[str, str]:
    """The area near ``around`` (display frame) and the 1:10m land inside it, as JSON."""
    if not around or not path.exists():
        empty = '{"type":"FeatureCollection","features":[]}'
        return empty, empty
    area = shapely.simplify(shapely.union_all([g.buffer(DETAIL_BUFFER_DEG) for g in around]), 0.1)
    fine = []
    for name, geom in countries(path):
        disp = to_display(geom)
        if not disp.intersects(area):
            continue
        part = shapely.set_precision(
            shapely.simplify(disp.intersection(area), DETAIL_SIMPLIFY_DEG), 0.001
        )
        if not part.is_empty:
            fine.append(
                {"type": "Feature", "properties": {"name": name}, "geometry": mapping(part)}
            )
    area_doc = {"type": "Feature", "properties": {}, "geometry": mapping(area)}
    fine_doc = {"type": "FeatureCollection", "features": fine}
    return (
        json.dumps(area_doc, separators=(",", ":")),
        json.dumps(fine_doc, separators=(",", ":")),
    )


class BasemapLayer(MacroElement):
    """Country polygons, drawn under everything and never catching clicks.

    The 1:50m land everywhere; from :data:`DETAIL_ZOOM` in, the 1:10m coast near the
    record's geometries (``layers/js/basemap.js``).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.js }}
        var {{ this.get_name() }} = JointMap.basemap({{ this._parent.get_name() }}, {
            land: {{ this.data_json }}, area: {{ this.area_json }}, fine: {{ this.fine_json }},
            style: {{ this.style_json }}, sea: {{ this.sea_json }},
            detailZoom: {{ this.detail_zoom }}
        });
        {% endmacro %}
        """
    )

    def __init__(
        self, path: Path = BASEMAP, around: tuple[BaseGeometry, ...] = (), fine: Path = BASEMAP_10M
    ) -> None:
        super().__init__()
        self._name = "Basemap"
        self.js = script("basemap.js")
        self.data_json = _display_json(path)
        area, land = _detail_json(fine, around)
        self.area_json = area.replace("</", "<\\/")
        self.fine_json = land.replace("</", "<\\/")
        self.style_json = json.dumps(LAND)
        self.sea_json = json.dumps(SEA)
        self.detail_zoom = DETAIL_ZOOM


def basemap_layer(path: Path = BASEMAP, around: tuple[BaseGeometry, ...] = ()) -> BasemapLayer:
    """The basemap layer for :func:`layers.map.base_map`.

    ``around``: display-frame geometries (the record's) near which the fine coast is sent.
    """
    return BasemapLayer(path, around)
