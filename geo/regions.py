"""Which briefing regions an event touches, by spatial intersection (never hand tags)."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely

SITE_TOLERANCE_DEG = 0.1  # ~10 km: the error of 1:50m borders


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
        Points (sites) count within :data:`SITE_TOLERANCE_DEG` of a region.
    """
    if len(events) == 0:
        return []
    if len(regions) == 0:
        return [[] for _ in range(len(events))]
    # a site on a generalised border (Manzhouli, Heihe) counts for both sides
    geoms = events.geometry.to_numpy()
    points = np.isin(shapely.get_type_id(geoms), [0, 4])  # Point, MultiPoint
    geoms = np.where(points, shapely.buffer(geoms, SITE_TOLERANCE_DEG), geoms)
    ev_idx, reg_idx = regions.sindex.query(geoms, predicate="intersects")
    order = {rid: k for k, rid in enumerate(regions["id"])}
    out: list[list[str]] = [[] for _ in range(len(events))]
    ids = regions["id"].to_numpy()
    for e, r in zip(ev_idx, reg_idx, strict=True):
        out[e].append(str(ids[r]))
    return [sorted(set(rs), key=order.__getitem__) for rs in out]
