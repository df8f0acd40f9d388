"""Which briefing regions an event touches, by spatial intersection (never hand tags)."""

from __future__ import annotations

import geopandas as gpd


def assign(events: gpd.GeoDataFrame, regions: gpd.GeoDataFrame) -> list[list[str]]:
    """Return, for each event, the ids of the regions its geometry intersects.

    Parameters
    ----------
    events : geopandas.GeoDataFrame
        Events in the storage frame (EPSG:4326, cut at 180°).
    regions : geopandas.GeoDataFrame
        Regions with an ``id`` column, same frame.

    Returns
    -------
    list of list of str
        Region ids per event, in the order of ``regions``; empty when none intersect.
    """
    if len(events) == 0:
        return []
    if len(regions) == 0:
        return [[] for _ in range(len(events))]
    ev_idx, reg_idx = regions.sindex.query(events.geometry, predicate="intersects")
    order = {rid: k for k, rid in enumerate(regions["id"])}
    out: list[list[str]] = [[] for _ in range(len(events))]
    ids = regions["id"].to_numpy()
    for e, r in zip(ev_idx, reg_idx, strict=True):
        out[e].append(str(ids[r]))
    return [sorted(set(rs), key=order.__getitem__) for rs in out]
