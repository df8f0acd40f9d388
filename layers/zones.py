"""Contested zones and briefing-region outlines."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import folium
import geopandas as gpd
from branca.element import MacroElement
from jinja2 import Template
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

from geo.frame import to_display
from geo.naming import NEUTRAL, zone_label, zone_name
from geo.view import Years
from layers.cards import zone_card
from layers.escape import text
from layers.features import FeatureLayer, feature, geojson_layer, to_script_json
from layers.jscode import script
from layers.legend import enclosing_map_name
from layers.styles import REGION_STYLE, ZONE_STYLES

ZONES_LAYER = "Contested zones"
REGIONS_LAYER = "Briefing regions"
LABEL_ZOOM = 4  # zone labels from this zoom in: at zoom 3 they would crowd the whole Pacific


def zone_features(
    zones: gpd.GeoDataFrame,
    *,
    types: Collection[str] | None = None,
    naming: str = NEUTRAL,
) -> list[dict]:
    """Display features for zones of the given types (all when ``None``).

    Small disputed features also get a ring marker at a point on them, so they stay
    visible at briefing scales where their polygons shrink to nothing.
    """
    out = []
    for i, z in enumerate(drawn(zones, types).to_dict("records")):
        style = ZONE_STYLES[z["zone_type"]].leaflet()
        name = zone_name(z, naming)
        popup, tip = zone_card(z, name), f"<b>{text(name)}</b>"
        geom = z["geometry"]
        out.append(feature(geom, style, fid=z["id"], popup=popup, tooltip=tip, zi=i))
        if z["zone_type"] == "disputed_territory" and geom.geom_type not in ("Point", "MultiPoint"):
            ring = dict(style, fillOpacity=0.0, weight=2.0)
            out.append(
                feature(
                    geom.representative_point(),
                    ring,
                    fid=z["id"] + "#marker",
                    popup=popup,
                    tooltip=tip,
                    zi=i,
                )
            )
    return out


def label_point(geom: BaseGeometry) -> tuple[float, float]:
    """Where a zone's label goes (display frame, ``(lon, lat)``).

    Inside the largest part of an area (its pole of inaccessibility), at the middle of the
    longest part of a line, at the first of a group of points.
    """
    parts = list(getattr(geom, "geoms", [geom]))
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        part = max(parts, key=lambda g: g.area)
        p = polylabel(part, tolerance=max(part.length / 2000.0, 0.01))
    elif geom.geom_type in ("LineString", "MultiLineString"):
        p = max(parts, key=lambda g: g.length).interpolate(0.5, normalized=True)
    else:
        p = parts[0]
    return round(p.x, 4), round(p.y, 4)


def drawn(zones: gpd.GeoDataFrame, types: Collection[str] | None) -> gpd.GeoDataFrame:
    """The zones of the given types (all when ``None``); features and labels index them."""
    return zones if types is None else zones[zones["zone_type"].isin(list(types))]


def zone_timeline(
    zones: gpd.GeoDataFrame, naming: str = NEUTRAL, types: Collection[str] | None = None
) -> list[dict[str, Any]]:
    """Per zone, what the map needs to show it as it stood in a year range, and its label.

    ``family``, ``label``, ``t0``/``t1`` (the first and last day in force, ISO, or ``None``),
    ``lon``/``lat`` of the label, its ``color`` (the zone type's, from the style table) and
    whether it goes ``below`` its point (islands drawn as points: the label must not cover
    them); for the zones of ``types`` only, in the order of :func:`zone_features`.
    """
    out = []
    for z in drawn(zones, types).to_dict("records"):
        lon, lat = label_point(to_display(z["geometry"]))
        out.append({
            "family": z["family"], "label": zone_label(z, naming),
            "t0": z["from_date"].isoformat() if z["from_date"] else None,
            "t1": z["to_date"].isoformat() if z["to_date"] else None,
            "lon": lon, "lat": lat, "color": ZONE_STYLES[z["zone_type"]].color,
            "drawn": True,
            "below": z["geometry"].geom_type in ("Point", "MultiPoint"),  # beside its marks
        })  # fmt: skip
    return out


class ZoneTime(MacroElement):
    """Shows the zones as they stood in the selected years, with their labels.

    The years come from the page (``window.jmZoneYears(lo, hi)``, called by the app's years
    bridge) or, in an export, from ``years``. See ``layers/js/zones.js``.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.js }}
        JointMap.zoneTime({{ this.map_name }}, {{ this.layer.get_name() }}, {{ this.opts }});
        {% endmacro %}
        """
    )

    def __init__(
        self, layer: FeatureLayer, timeline: list[dict[str, Any]], years: Years | None
    ) -> None:
        super().__init__()
        self._name = "ZoneTime"
        self.layer = layer
        self.opts = to_script_json(
            {"zones": timeline, "labelZoom": LABEL_ZOOM, "years": list(years) if years else None}
        )
        self.js = script("zones.js")

    @property
    def map_name(self) -> str:
        """JS name of the map above this element, resolved at render time."""
        return enclosing_map_name(self)


def zones_layer(
    zones: gpd.GeoDataFrame,
    *,
    types: Collection[str] | None = None,
    naming: str = NEUTRAL,
    years: Years | None = None,
) -> folium.FeatureGroup:
    """FeatureGroup of contested zones, each labelled from zoom :data:`LABEL_ZOOM`.

    They are shown as they stood in ``years``; with ``None``, in every year until the page
    hands the map a range.
    """
    group = folium.FeatureGroup(name=ZONES_LAYER, control=False)
    feats = zone_features(zones, types=types, naming=naming)
    if feats:
        layer = geojson_layer(feats, name=ZONES_LAYER)
        layer.add_to(group)
        ZoneTime(layer, zone_timeline(zones, naming, types), years).add_to(group)
    return group


def regions_layer(regions: gpd.GeoDataFrame) -> folium.FeatureGroup:
    """Outlines of the briefing regions, named in tooltips; they never catch clicks inside."""
    group = folium.FeatureGroup(name=REGIONS_LAYER, control=False)
    style = REGION_STYLE.leaflet() | {"fill": False}
    feats = [
        feature(r["geometry"], style, fid="region:" + r["id"], tooltip=text(r["name"]))
        for r in regions.to_dict("records")
    ]
    if feats:
        geojson_layer(feats, name=REGIONS_LAYER).add_to(group)
    return group
