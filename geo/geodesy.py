"""Lines as legal texts define them: great circles, rhumb lines and arcs, on WGS 84.

Boundaries in treaties and regulations join their points by great circles (geodesics),
loxodromes (rhumb lines) or arcs of a stated radius. The map draws straight segments in
longitude and latitude, so each such line is densified here into short straight pieces.
Longitudes may run past ±180° (a continuous frame); callers cut for storage.
"""

from __future__ import annotations

import math

from pyproj import Geod

Coord = tuple[float, float]  # (lon, lat)
NM_M = 1852.0  # metres in an international nautical mile
STEP_KM = 20.0  # densify to about this spacing
GEOD = Geod(ellps="WGS84")


def _continuous(lon: float, ref: float) -> float:
    while lon - ref > 180.0:
        lon -= 360.0
    while lon - ref < -180.0:
        lon += 360.0
    return lon


def great_circle(a: Coord, b: Coord, step_km: float = STEP_KM) -> list[Coord]:
    """Points along the geodesic from ``a`` to ``b`` (both included).

    Longitudes continue from ``a``'s (they may pass ±180°).
    """
    dist = GEOD.inv(a[0], a[1], b[0], b[1])[2] / 1000.0
    n = max(math.ceil(dist / step_km) - 1, 0)
    mid = GEOD.npts(a[0], a[1], b[0], b[1], n) if n else []
    out = [a]
    for lon, lat in [*mid, b]:
        out.append((_continuous(lon, out[-1][0]), lat))
    return out


def _mercator_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _mercator_lat(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


def rhumb_line(a: Coord, b: Coord, step_km: float = STEP_KM) -> list[Coord]:
    """Points along the loxodrome from ``a`` to ``b`` (both included).

    A loxodrome is straight on a Mercator chart: longitude changes linearly with the
    Mercator ordinate (with latitude itself along a parallel). Longitudes continue from
    ``a``'s, the short way round.
    """
    lon_b = _continuous(b[0], a[0])
    dist = GEOD.inv(a[0], a[1], b[0], b[1])[2] / 1000.0
    n = max(math.ceil(dist / step_km), 1)
    ya, yb = _mercator_y(a[1]), _mercator_y(b[1])
    out = []
    for i in range(n + 1):
        t = i / n
        lat = a[1] + t * (b[1] - a[1]) if a[1] == b[1] else _mercator_lat(ya + t * (yb - ya))
        out.append((a[0] + t * (lon_b - a[0]), lat))
    out[-1] = (lon_b, b[1])
    return out


def on_rhumb_line(p: Coord, a: Coord, b: Coord) -> float:
    """How far ``p`` is from the loxodrome through ``a`` and ``b``, in Mercator radians.

    Zero when ``p`` lies on it; used to check a point against a text's rhumb line.
    """
    ya, yb, yp = _mercator_y(a[1]), _mercator_y(b[1]), _mercator_y(p[1])
    lb, lp = math.radians(_continuous(b[0], a[0])), math.radians(_continuous(p[0], a[0]))
    la = math.radians(a[0])
    # distance of (lp, yp) from the straight line through (la, ya) and (lb, yb)
    dx, dy = lb - la, yb - ya
    return abs(dy * (lp - la) - dx * (yp - ya)) / math.hypot(dx, dy)


def arc(
    centre: Coord, start: Coord, end: Coord, radius_nm: float, step_km: float = STEP_KM
) -> list[Coord]:
    """Points along the arc of ``radius_nm`` round ``centre`` from ``start`` to ``end``.

    The arc turns the short way between the azimuths of ``start`` and ``end`` seen from the
    centre; ``start`` and ``end`` themselves begin and end it (they should lie on the circle:
    :func:`distance_nm` checks that).
    """
    az0 = GEOD.inv(centre[0], centre[1], start[0], start[1])[0]
    az1 = GEOD.inv(centre[0], centre[1], end[0], end[1])[0]
    sweep = (az1 - az0 + 180.0) % 360.0 - 180.0
    length_km = abs(math.radians(sweep)) * radius_nm * NM_M / 1000.0
    n = max(math.ceil(length_km / step_km), 1)
    out = [start]
    for i in range(1, n):
        lon, lat, _ = GEOD.fwd(centre[0], centre[1], az0 + sweep * i / n, radius_nm * NM_M)
        out.append((_continuous(lon, out[-1][0]), lat))
    out.append((_continuous(end[0], out[-1][0]), end[1]))
    return out


def distance_nm(a: Coord, b: Coord) -> float:
    """Geodesic distance from ``a`` to ``b`` in nautical miles."""
    return float(GEOD.inv(a[0], a[1], b[0], b[1])[2]) / NM_M


def dms(d: float, m: float = 0.0, s: float = 0.0, *, negative: bool = False) -> float:
    """Degrees, minutes and seconds to decimal degrees (S and W ``negative``), 6 places."""
    value = round(d + m / 60.0 + s / 3600.0, 6)
    return -value if negative else value
