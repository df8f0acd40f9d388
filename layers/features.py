"""Turn catalog rows into display-frame GeoJSON features and folium layers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import folium
from folium.utilities import JsCode
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


def geojson_layer(
    features: Iterable[dict[str, Any]],
    *,
    name: str,
    interactive: bool = True,
) -> folium.GeoJson:
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
    feats = sorted(features, key=lambda f: _ORDER.get(f["geometry"]["type"], 1))
    return folium.GeoJson(
        {"type": "FeatureCollection", "features": feats},
        name=name,
        marker=folium.CircleMarker(radius=MARKER_RADIUS),
        on_each_feature=_BIND if interactive else None,
        interactive=interactive,
        control=False,
    )
