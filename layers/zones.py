"""Contested zones and briefing-region outlines."""

from __future__ import annotations

from collections.abc import Collection

import folium
import geopandas as gpd

from geo.naming import NEUTRAL, zone_name
from layers.cards import zone_card
from layers.escape import text
from layers.features import feature, geojson_layer
from layers.styles import REGION_STYLE, ZONE_STYLES

ZONES_LAYER = "Contested zones"
REGIONS_LAYER = "Briefing regions"


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
            out.append(
                feature(
                    geom.representative_point(),
                    ring,
                    fid=z["id"] + "#marker",
                    popup=popup,
                    tooltip=tip,
                )
            )
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
