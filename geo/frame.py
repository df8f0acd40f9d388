"""The Pacific-centred display frame: longitudes in [-30, 330).

Storage follows RFC 7946 (longitudes in [-180, 180], geometries cut at 180°). Leaflet does
not wrap vectors, so for display every geometry is moved into one frame where Alaska
(-150) is drawn at 210 next to Chukotka (175), and parts cut at 180° join up again.
"""

from __future__ import annotations

from typing import Any

import shapely
from shapely import affinity
from shapely.geometry import box
from shapely.geometry.base import BaseGeometry

WEST = -30.0  # frame edge: the Atlantic, away from every event and zone
_LEFT = box(-180.0, -90.0, WEST, 90.0)
_RIGHT = box(WEST, -90.0, 180.0, 90.0)


def to_display_lon(lon: float) -> float:
    """Map a storage longitude to the display frame."""
    return lon + 360.0 if lon < WEST else lon


def to_storage_lon(lon: float) -> float:
    """Map a display-frame longitude back to [-180, 180)."""
    lon = ((lon + 180.0) % 360.0) - 180.0
    return lon


def to_display(geom: BaseGeometry) -> BaseGeometry:
    """Move a storage-frame geometry into the display frame.

    Parts west of :data:`WEST` shift by +360°. Lines cut at 180° are merged back into
    one line and polygons cut there are dissolved, so nothing shows a seam.

    Parameters
    ----------
    geom : shapely.geometry.base.BaseGeometry
        Storage-frame geometry (EPSG:4326 lon/lat).

    Returns
    -------
    shapely.geometry.base.BaseGeometry
    """
    if geom is None or geom.is_empty:
        return geom
    minx, _, maxx, _ = geom.bounds
    if minx >= WEST:
        return geom
    if maxx < WEST:
        return affinity.translate(geom, xoff=360.0)
    west = affinity.translate(geom.intersection(_LEFT), xoff=360.0)
    east = geom.intersection(_RIGHT)
    kind = geom.geom_type
    if kind in ("LineString", "MultiLineString"):
        return shapely.line_merge(shapely.union(west, east))
    if kind in ("Polygon", "MultiPolygon"):
        return shapely.make_valid(shapely.union(west, east))
    return shapely.union(west, east)


def display_bounds(geoms: list[BaseGeometry]) -> tuple[float, float, float, float] | None:
    """Bounds ``(minx, miny, maxx, maxy)`` of display-frame geometries, or ``None``."""
    nonempty = [g for g in geoms if g is not None and not g.is_empty]
    if not nonempty:
        return None
    minx, miny, maxx, maxy = shapely.total_bounds(nonempty).tolist()
    return minx, miny, maxx, maxy


def unwrap_lons(lons: list[float]) -> list[float]:
    """Longitudes made continuous: each within 180° of the one before (may leave ±180)."""
    out = [lons[0]]
    for lon in lons[1:]:
        prev = out[-1]
        while lon - prev > 180:
            lon -= 360
        while lon - prev < -180:
            lon += 360
        out.append(lon)
    return out


def wrap_lon(lon: float) -> float:
    """A longitude brought back into [-180, 180] (unchanged when it is already inside)."""
    return ((lon + 180.0) % 360.0) - 180.0 if not -180.0 <= lon <= 180.0 else lon


def cut_line(points: list[tuple[float, float]], ndigits: int = 4) -> dict[str, Any]:
    """GeoJSON LineString or MultiLineString through ``points``, cut where it crosses 180°.

    Parameters
    ----------
    points : list of (lon, lat)
        The route's vertices; each leg takes the shorter way round (under 180° of longitude).
    ndigits : int
        Decimals kept in the coordinates.

    Returns
    -------
    dict
        RFC 7946 storage geometry: parts meet at ±180° at the same latitude.
    """
    lons = unwrap_lons([p[0] for p in points])
    lats = [p[1] for p in points]
    parts: list[list[list[float]]] = [[]]
    for i, (lon, lat) in enumerate(zip(lons, lats, strict=True)):
        if i:
            plon, plat = lons[i - 1], lats[i - 1]
            for edge in (180.0, -180.0):
                if (plon - edge) * (lon - edge) < 0:
                    t = (edge - plon) / (lon - plon)
                    y = round(plat + t * (lat - plat), ndigits)
                    side = 180.0 if plon < edge else -180.0
                    parts[-1].append([side, y])
                    parts.append([[-side, y]])
        parts[-1].append([round(wrap_lon(lon), ndigits), round(lat, ndigits)])
    parts = [p for p in parts if len(p) >= 2]
    if len(parts) == 1:
        return {"type": "LineString", "coordinates": parts[0]}
    return {"type": "MultiLineString", "coordinates": parts}
