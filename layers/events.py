"""The events layer: one styled feature per event, with escaped popup and tooltip."""

from __future__ import annotations

from collections.abc import Mapping

import folium
import geopandas as gpd

from layers.cards import event_card, event_tooltip
from layers.features import feature, geojson_layer
from layers.playback import Playback
from layers.styles import event_style

EVENTS_LAYER = "Events"


def event_features(
    events: gpd.GeoDataFrame,
    region_names: Mapping[str, str],
    zone_names: Mapping[str, str] | None = None,
) -> list[dict]:
    """Display-frame GeoJSON features for the given events."""
    out = []
    for ev in events.to_dict("records"):
        out.append(
            feature(
                ev["geometry"],
                event_style(ev["kind"], ev["precision"]),
                fid=ev["id"],
                popup=event_card(ev, region_names, zone_names),
                tooltip=event_tooltip(ev),
                kind=ev["kind"],
                t0=ev["start_date"].isoformat(),
                t1=ev["end_date"].isoformat(),
            )
        )
    return out


def events_layer(
    events: gpd.GeoDataFrame,
    region_names: Mapping[str, str],
    zone_names: Mapping[str, str] | None = None,
) -> folium.FeatureGroup:
    """A FeatureGroup holding the events (possibly none), for ``feature_group_to_add``."""
    group = folium.FeatureGroup(name=EVENTS_LAYER, control=False)
    if len(events):
        feats = event_features(events, region_names, zone_names)
        layer = geojson_layer(feats, name=EVENTS_LAYER).add_to(group)
        Playback(layer).add_to(group)
    return group
