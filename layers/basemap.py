"""Natural Earth vector basemap (offline) in the Pacific-centred display frame."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import shapely
from branca.element import MacroElement
from jinja2 import Template
from shapely.geometry import mapping

from geo.basemap import countries
from geo.frame import to_display
from geo.paths import BASEMAP
from layers.styles import LAND

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


class BasemapLayer(MacroElement):
    """Country polygons, drawn under everything and never catching clicks."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.geoJson({{ this.data_json }}, {
            style: {{ this.style_json }}, interactive: false, smoothFactor: 1.0
        }).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, path: Path = BASEMAP) -> None:
        super().__init__()
        self._name = "Basemap"
        self.data_json = _display_json(path)
        self.style_json = json.dumps(LAND)


def basemap_layer(path: Path = BASEMAP) -> BasemapLayer:
    """The basemap layer for :func:`layers.map.base_map`."""
    return BasemapLayer(path)
