"""Turn catalog rows into display-frame GeoJSON features and folium layers."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from branca.element import MacroElement
from folium.utilities import JsCode
from jinja2 import Template
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from geo.frame import to_display
from layers.styles import MARKER_RADIUS

# Popup and tooltip HTML travel as JSON properties (folium escapes <, >, & in them) and are
# bound here; every data string in them was escaped by layers.cards.
_BIND = JsCode(
    """function(feature, layer) {
        var p = feature.properties;
        if (p.popup) { layer.bindPopup(p.popup, {maxWidth: 420}); }
        if (p.tooltip) { layer.bindTooltip(p.tooltip, {sticky: true}); }
    }"""
)
_ORDER = {"Polygon": 0, "MultiPolygon": 0, "LineString": 1, "MultiLineString": 1,
          "Point": 2, "MultiPoint": 2}  # fmt: skip


def feature(
    geom: BaseGeometry,
    style: dict[str, object],
    *,
    fid: str,
    displayed: bool = False,
    popup: str | None = None,
    tooltip: str | None = None,
    **props: Any,
) -> dict[str, Any]:
    """A GeoJSON Feature in the display frame, carrying its style and card HTML.

    Parameters
    ----------
    geom : shapely geometry
        Storage-frame geometry (display-frame when ``displayed``).
    style : dict
        Leaflet path options.
    fid : str
        Feature id; also sent back by the map on click.
    popup, tooltip : str, optional
        Already-escaped HTML.
    **props
        Extra properties (plain values).
    """
    # Leaflet fills only when told; a line must never fill (it would shade its hull).
    style = {"fill": "LineString" not in geom.geom_type} | style
    return {
        "type": "Feature",
        "id": fid,
        "geometry": mapping(geom if displayed else to_display(geom)),
        "properties": {"fid": fid, "style": style, "popup": popup, "tooltip": tooltip, **props},
    }


def to_script_json(doc: Any) -> str:
    """JSON safe inside a ``<script>``: ``<``, ``>`` and ``&`` escaped as folium does."""
    return json.dumps(doc).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class FeatureLayer(MacroElement):
    """``L.geoJson`` over pre-serialised features, each styled by its ``style`` property.

    Unlike ``folium.GeoJson`` it does not serialise its data on every render: the app
    re-renders the map on every rerun, and the events layer can be megabytes.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.geoJson({{ this.data_json }}, {
            style: function(f) { return f.properties.style; },
            pointToLayer: function(f, latlng) {
                return L.circleMarker(latlng, Object.assign({radius: {{ this.radius }}},
                                                            f.properties.style));
            },
            {%- if this.interactive %}
            onEachFeature: {{ this.bind }},
            {%- else %}
            interactive: false,
            {%- endif %}
        }).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, data_json: str, *, name: str, interactive: bool = True) -> None:
        super().__init__()
        self._name = name.replace(" ", "_")
        self.data_json = data_json
        self.interactive = interactive
        self.radius = MARKER_RADIUS
        self.bind = _BIND.js_code


def collection_json(features: Iterable[dict[str, Any]]) -> str:
    """Areas under lines under points, as script-safe FeatureCollection JSON."""
    feats = sorted(features, key=lambda f: _ORDER.get(f["geometry"]["type"], 1))
    return to_script_json({"type": "FeatureCollection", "features": feats})


def geojson_layer(
    features: Iterable[dict[str, Any]],
    *,
    name: str,
    interactive: bool = True,
) -> FeatureLayer:
    """One ``L.geoJson`` for many features: areas under lines under points.

    Parameters
    ----------
    features : iterable of dict
        From :func:`feature`.
    name : str
        Layer name.
    interactive : bool
        ``False`` for reference layers that should not catch clicks.
    """
    return FeatureLayer(collection_json(features), name=name, interactive=interactive)
