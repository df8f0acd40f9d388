"""The events layer: one styled feature per event, with escaped popup and tooltip."""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from pathlib import Path

import folium
import geopandas as gpd
import shapely
from branca.element import MacroElement

from geo.frame import to_display
from layers.cards import event_card, event_tooltip
from layers.dense import DenseLayer, dense_json
from layers.escape import text
from layers.features import FeatureLayer, collection_json, feature
from layers.marks import MarksLayer
from layers.playback import Playback
from layers.publish import Publisher
from layers.styles import event_style

EVENTS_LAYER = "Events"
# the code that shapes a published payload: part of its cache key
CODE = hashlib.sha256(
    b"".join((Path(__file__).parent / f).read_bytes() for f in ("dense.py", "styles.py"))
).hexdigest()[:16]
LOD_EVENTS = 2000  # above this, cards move to the details panel and geometry is thinned
LOD_SIMPLIFY_DEG = 0.02  # ~2 km: below what a zoomed-out screen shows


def event_features(
    events: gpd.GeoDataFrame,
    region_names: Mapping[str, str],
    zone_names: Mapping[str, str] | None = None,
) -> list[dict]:
    """Display-frame GeoJSON features for the given events.

    Above :data:`LOD_EVENTS` events the page would carry megabytes of popup HTML: features
    then keep only a name tooltip (a click still opens the details panel in the app) and
    their geometry is simplified and rounded to what a zoomed-out screen shows.
    """
    lod = len(events) > LOD_EVENTS
    geoms = (
        events["display"] if "display" in events else events.geometry.map(to_display)
    ).to_numpy()
    if lod:
        geoms = shapely.set_precision(shapely.simplify(geoms, LOD_SIMPLIFY_DEG), 0.001)
    out = []
    for ev, geom in zip(events.to_dict("records"), geoms, strict=True):
        out.append(
            feature(
                geom,
                event_style(ev["kind"], ev["precision"]),
                fid=ev["id"],
                displayed=True,
                popup=None if lod else event_card(ev, region_names, zone_names),
                tooltip=text(ev["name"]) if lod else event_tooltip(ev),
                kind=ev["kind"],
                t0=ev["start_date"].isoformat(),
                t1=ev["end_date"].isoformat(),
            )
        )
    return out


_CACHE: OrderedDict[tuple, str] = OrderedDict()
_CACHE_SIZE = 6


def events_json(
    events: gpd.GeoDataFrame,
    region_names: Mapping[str, str],
    zone_names: Mapping[str, str] | None = None,
    version: str | None = None,
) -> str:
    """Serialised events layer; with a catalog ``version``, kept for the next rerun.

    Above :data:`LOD_EVENTS` events this is the compact form of :mod:`layers.dense`.

    A year-slider move reruns the app with the same events layer: serialising megabytes
    again would cost seconds at 10k+ events.
    """
    dense = len(events) > LOD_EVENTS
    key = None
    if version is not None:
        key = (
            version,
            dense,
            tuple(events["id"]),
            tuple(sorted((zone_names or {}).items())),
            tuple(sorted(region_names.items())),
        )
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    data = (
        dense_json(events)
        if dense
        else collection_json(event_features(events, region_names, zone_names))
    )
    if key is not None:
        _CACHE[key] = data
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return data


def events_layer(
    events: gpd.GeoDataFrame,
    region_names: Mapping[str, str],
    zone_names: Mapping[str, str] | None = None,
    version: str | None = None,
    publish: Publisher | None = None,
    extra: Sequence[MacroElement] = (),
) -> folium.FeatureGroup:
    """A FeatureGroup holding the events (possibly none), for ``feature_group_to_add``.

    Parameters
    ----------
    events : GeoDataFrame
        The events to draw.
    region_names, zone_names : mapping
        Display names for cards.
    version : str, optional
        Catalog version: the serialised layer is cached under it.
    publish : Publisher, optional
        Stores a large (dense) payload where the page can fetch it and returns its URL;
        without it, or when it cannot write, the payload is inlined.
    extra : sequence of MacroElement
        More time-stamped layers (features with ``t0``/``t1``) filtered with the events.
    """
    group = folium.FeatureGroup(name=EVENTS_LAYER, control=False)
    layers: list[MacroElement] = []
    if len(events):
        url = None
        if len(events) > LOD_EVENTS and publish is not None and version is not None:
            key = f"{version}|{CODE}|{'|'.join(events['id'])}"
            url = publish(key, lambda: events_json(events, region_names, zone_names, version))
        if url is not None:
            layer: MacroElement = DenseLayer(url=url, name=EVENTS_LAYER)
        else:  # small, or the static/ folder could not be written (publish.problem says why)
            data = events_json(events, region_names, zone_names, version)
            layer = (
                FeatureLayer(data, name=EVENTS_LAYER)
                if len(events) <= LOD_EVENTS
                else DenseLayer(data, name=EVENTS_LAYER)
            )
        layer.add_to(group)
        layers.append(layer)
        if len(events) <= LOD_EVENTS:  # arrows and start and end marks on every route
            marks = MarksLayer(events)
            marks.add_to(group)
            layers.append(marks)
    for other in extra:  # e.g. the user's data: stepped by the same slider and playback
        other.add_to(group)
        layers.append(other)
    if layers:
        Playback(*layers).add_to(group)
    return group
