"""The navigable channels of straits that routes pass through.

A report says "through the Tsushima Strait"; a line drawn to the strait's conventional
centre can cut across Tsushima itself. The channels are modelled instead: each is the water
between two named shores, and its centre is the middle of the shortest line between those
shores on the basemap's coastline (the narrows), computed, not transcribed. A record's
waypoint may name a channel (``channel:korea-east``) or a strait whose channel was not
reported (``strait:korea``): then the route takes the channel that makes it shortest.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points

Coord = tuple[float, float]


@dataclass(frozen=True)
class Channel:
    """A channel between two shores, each named by a point on (or next to) it."""

    id: str
    label: str
    shore_a: Coord
    shore_b: Coord


CHANNELS: dict[str, Channel] = {
    c.id: c
    for c in (
        Channel(
            "korea-west",
            "Korea Strait, western channel (between Korea and Tsushima)",
            (129.0, 35.2),
            (129.3, 34.4),
        ),
        Channel(
            "korea-east",
            "Korea Strait, eastern channel (Tsushima Strait, between Tsushima and Iki)",
            (129.3, 34.4),
            (129.72, 33.78),
        ),
        Channel(
            "bering-west",
            "Bering Strait, western channel (between Big Diomede and Chukotka)",
            (-169.05, 65.78),
            (-170.5, 66.0),
        ),
        Channel(
            "bering-east",
            "Bering Strait, eastern channel (between Little Diomede and Cape Prince of Wales)",
            (-168.95, 65.76),
            (-168.08, 65.6),
        ),
    )
}
STRAITS: dict[str, tuple[str, ...]] = {
    "korea": ("korea-west", "korea-east"),
    "bering": ("bering-west", "bering-east"),
}


def _shore(point: Coord, land: Sequence[BaseGeometry]) -> BaseGeometry:
    pt = Point(point)
    return min(land, key=lambda g: g.distance(pt))


def centre(channel: Channel, land: Sequence[BaseGeometry]) -> Coord:
    """The middle of the narrows: halfway along the shortest line between the two shores.

    Parameters
    ----------
    channel : Channel
    land : sequence of shapely polygons
        Single land polygons (islands and mainlands, not merged into one).

    Returns
    -------
    tuple of float
        ``(lon, lat)`` rounded to 0.001°.
    """
    a, b = _shore(channel.shore_a, land), _shore(channel.shore_b, land)
    if a.equals(b):
        raise ValueError(f"channel {channel.id}: expected two shores, got one land polygon")
    pa, pb = nearest_points(a, b)
    return round((pa.x + pb.x) / 2, 3), round((pa.y + pb.y) / 2, 3)


def resolve(ref: str, land: Sequence[BaseGeometry]) -> list[tuple[str, Coord]]:
    """The channel(s) a waypoint reference may stand for, with their centres.

    ``channel:ID`` gives one; ``strait:ID`` gives every channel of the strait.

    Raises
    ------
    ValueError
        When the reference names no known channel or strait.
    """
    kind, _, key = ref.partition(":")
    if kind == "channel" and key in CHANNELS:
        ids: Sequence[str] = (key,)
    elif kind == "strait" and key in STRAITS:
        ids = STRAITS[key]
    else:
        known = [f"channel:{k}" for k in CHANNELS] + [f"strait:{k}" for k in STRAITS]
        raise ValueError(f"expected a waypoint reference among {known}, got {ref!r}")
    return [(CHANNELS[i].label, centre(CHANNELS[i], land)) for i in ids]


def shortest(
    before: Coord | None, options: Sequence[tuple[str, Coord]], after: Coord | None
) -> tuple[str, Coord]:
    """The option nearest the straight path from ``before`` to ``after``."""

    def km(p: Coord | None, q: Coord) -> float:
        if p is None:
            return 0.0
        lat = math.radians((p[1] + q[1]) / 2)
        return math.hypot((p[0] - q[0]) * math.cos(lat), p[1] - q[1]) * 111.2

    return min(options, key=lambda o: km(before, o[1]) + km(after, o[1]))


def land_parts(countries: Mapping[str, BaseGeometry]) -> list[BaseGeometry]:
    """Every single polygon of the countries, for :func:`centre`."""
    out: list[BaseGeometry] = []
    for geom in countries.values():
        out.extend(getattr(geom, "geoms", [geom]))
    return out
