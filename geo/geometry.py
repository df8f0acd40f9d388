"""Checks on raw GeoJSON geometries before they become shapely objects."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from typing import Any

from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

LINE_TYPES = frozenset({"LineString", "MultiLineString"})
AREA_TYPES = frozenset({"Polygon", "MultiPolygon"})
POINT_TYPES = frozenset({"Point", "MultiPoint"})
SUPPORTED = LINE_TYPES | AREA_TYPES | POINT_TYPES

_DEPTH = {
    "Point": 0,
    "MultiPoint": 1,
    "LineString": 1,
    "MultiLineString": 2,
    "Polygon": 2,
    "MultiPolygon": 3,
}


class GeometryError(ValueError):
    """A geometry that cannot be accepted; the message says what was expected."""


UNCLOSED = "expected closed rings"


def _positions(coords: Any, depth: int) -> Iterator[Any]:
    if depth == 0:
        yield coords
        return
    if not isinstance(coords, list):
        raise GeometryError(f"expected a nested list of positions, got {type(coords).__name__}")
    for c in coords:
        yield from _positions(c, depth - 1)


def _check_position(pos: Any) -> tuple[float, float]:
    if not isinstance(pos, list) or len(pos) < 2:
        raise GeometryError(f"expected a position [lon, lat], got {pos!r}")
    lon, lat = pos[0], pos[1]
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in (lon, lat)):
        raise GeometryError(f"expected numeric [lon, lat], got {pos!r}")
    if not (math.isfinite(lon) and math.isfinite(lat)):
        raise GeometryError(f"expected finite [lon, lat], got {pos!r}")
    if abs(lat) > 90:
        hint = " (looks like [lat, lon]: swap them)" if abs(lon) <= 90 < abs(lat) <= 180 else ""
        raise GeometryError(f"expected latitude in [-90, 90], got {lat} in {pos!r}{hint}")
    if abs(lon) > 180:
        raise GeometryError(f"expected longitude in [-180, 180], got {lon} in {pos!r}")
    return float(lon), float(lat)


def _rings_or_lines(gtype: str, coords: Any) -> Iterator[list[Any]]:
    if gtype == "LineString":
        yield coords
    elif gtype in ("MultiLineString", "Polygon"):
        yield from coords
    elif gtype == "MultiPolygon":
        for poly in coords:
            yield from poly


def check_geometry(geom: Any) -> BaseGeometry:
    """Validate a GeoJSON geometry mapping and return it as a shapely geometry.

    Parameters
    ----------
    geom : Any
        The ``geometry`` member of a Feature, as parsed by :mod:`json`.

    Returns
    -------
    shapely.geometry.base.BaseGeometry

    Raises
    ------
    GeometryError
        On a missing or unsupported type, bad or out-of-range coordinates, a segment that
        jumps across 180° instead of being cut there (RFC 7946), or an invalid shape.
    """
    if not isinstance(geom, dict):
        raise GeometryError(f"expected a GeoJSON geometry object, got {type(geom).__name__}")
    gtype = geom.get("type")
    if gtype not in SUPPORTED:
        raise GeometryError(f"expected one of {sorted(SUPPORTED)}, got type {gtype!r}")
    coords = geom.get("coordinates")
    positions = [_check_position(p) for p in _positions(coords, _DEPTH[gtype])]
    if not positions:
        raise GeometryError("expected at least one position, got an empty geometry")
    if gtype in ("Polygon", "MultiPolygon"):
        for ring in _rings_or_lines(gtype, coords):
            if ring and ring[0] != ring[-1]:
                raise GeometryError(
                    f"{UNCLOSED} (RFC 7946: the first and last positions are equal), got a "
                    f"ring from {ring[0]!r} to {ring[-1]!r}"
                )
    for part in _rings_or_lines(gtype, coords):
        for a, b in itertools.pairwise(part):
            if abs(a[0] - b[0]) > 180:
                raise GeometryError(
                    f"expected geometry cut at 180° (RFC 7946), got a segment from lon {a[0]} "
                    f"to {b[0]} that spans the globe the wrong way"
                )
    try:
        shp = shape(geom)
    except Exception as exc:  # shapely raises several types for malformed rings
        raise GeometryError(f"expected a well-formed {gtype}, got {exc}") from None
    if shp.is_empty:
        raise GeometryError(f"expected a non-empty {gtype}, got an empty one")
    if not shp.is_valid:
        from shapely.validation import explain_validity

        raise GeometryError(f"expected a valid {gtype}, got {explain_validity(shp)}")
    return shp
