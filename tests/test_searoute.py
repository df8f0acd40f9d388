"""Approximate legs go round obstacles; clear legs stay straight; real routes keep off land."""

from __future__ import annotations

import shapely
from shapely.geometry import LineString, box

from geo.searoute import crosses, off_obstacle, route_leg

ISLAND = box(10, -2, 12, 2)
shapely.prepare(ISLAND)


def test_clear_leg_stays_straight() -> None:
    assert route_leg((0.0, 5.0), (20.0, 5.0), ISLAND) == [(0.0, 5.0), (20.0, 5.0)]


def test_blocked_leg_goes_round_and_is_short() -> None:
    pts = route_leg((0.0, 0.0), (20.0, 0.0), ISLAND, step=0.1)
    line = LineString(pts)
    assert pts[0] == (0.0, 0.0) and pts[-1] == (20.0, 0.0)
    assert line.intersection(ISLAND.buffer(-0.01)).is_empty  # may graze, never cut through
    assert line.length < 21.1  # round the corner, not a detour
    assert len(pts) <= 6  # pulled taut


def test_waypoint_on_land_moves_off() -> None:
    p = off_obstacle((11.9, 0.0), ISLAND)
    assert not ISLAND.contains(shapely.Point(p)) and abs(p[0] - 12.15) < 0.01
    assert off_obstacle((30.0, 0.0), ISLAND) == (30.0, 0.0)


def test_crosses_tolerance() -> None:
    assert crosses((0.0, 0.0), (20.0, 0.0), ISLAND)
    assert not crosses((0.0, 2.02), (20.0, 2.02), ISLAND)
