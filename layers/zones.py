"""Contested zones and briefing-region outlines."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

import folium
import geopandas as gpd

from geo.schema import COUNTRY_NAMES
from layers.cards import zone_card
from layers.escape import text
from layers.features import feature, geojson_layer
from layers.styles import REGION_STYLE, ZONE_STYLES

ZONES_LAYER = "Contested zones"
REGIONS_LAYER = "Briefing regions"
NEUTRAL = "neutral"


def zone_name(zone: Mapping[str, Any], naming: str = NEUTRAL) -> str:
    """The zone's display name: neutral, or the name used by party ``naming`` (e.g. ``JP``)."""
    names = zone.get("names") or {}
    return names.get(naming, zone["name"]) if naming != NEUTRAL else zone["name"]


def zone_names(zones: gpd.GeoDataFrame, naming: str = NEUTRAL) -> dict[str, str]:
    """Zone id -> display name under the naming setting."""
    return {z["id"]: zone_name(z, naming) for z in zones.to_dict("records")}


def naming_options(zones: gpd.GeoDataFrame) -> list[str]:
    """``neutral`` plus every party that names a disputed feature, e.g. ``CN``, ``JP``."""
    parties = sorted({p for names in zones["names"] for p in (names or {})})
    return [NEUTRAL, *parties]


def naming_label(option: str) -> str:
    """Label of a naming option: ``Neutral (both names)`` or ``Japan's names``."""
    if option == NEUTRAL:
        return "Neutral (all names)"
    return f"{COUNTRY_NAMES.get(option, option)}'s names"


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
    for z in zones.to_dict("records"):
        if types is not None and z["zone_type"] not in types:
            continue
        style = ZONE_STYLES[z["zone_type"]].leaflet()
        name = zone_name(z, naming)
        popup, tip = zone_card(z, name), f"<b>{text(name)}</b>"
        geom = z["geometry"]
        out.append(feature(geom, style, fid=z["id"], popup=popup, tooltip=tip))
        if z["zone_type"] == "disputed_territory" and geom.geom_type not in ("Point", "MultiPoint"):
            ring = dict(style, fillOpacity=0.0, weight=2.0)
            out.append(feature(geom.representative_point(), ring, fid=z["id"] + "#marker",
                               popup=popup, tooltip=tip))
    return out


def zones_layer(
    zones: gpd.GeoDataFrame, *, types: Collection[str] | None = None, naming: str = NEUTRAL
) -> folium.FeatureGroup:
    """FeatureGroup of contested zones."""
    group = folium.FeatureGroup(name=ZONES_LAYER, control=False)
    feats = zone_features(zones, types=types, naming=naming)
    if feats:
        geojson_layer(feats, name=ZONES_LAYER).add_to(group)
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
