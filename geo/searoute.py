"""Route an approximate leg around obstacles (land, or foreign territory) on a lon/lat grid.

An approximate route joins the places the reports name. Drawn straight, a leg between two
seas can cut across Honshu or Korea, which no ship did and no joint patrol flew. This module
finds the shortest path between two waypoints that keeps off the given obstacle polygons,
on a grid of ``step`` degrees, and then pulls it taut. The result is still an
approximation: it says "went round", never "went exactly here".
"""

from __future__ import annotations

import heapq
import itertools
import math

import numpy as np
import shapely
import shapely.ops
from shapely.geometry import LineString
from shapely.geometry.base import BaseGeometry

Coord = tuple[float, float]
MIN_STEP = 0.02  # degrees: the finest grid a clipped piece is redone on
_MOVES = [(-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1), (1, -1), (1, 0), (1, 1)]


def crosses(a: Coord, b: Coord, obstacles: BaseGeometry, tolerance_km: float = 5.0) -> bool:
    """Whether the straight leg a→b runs over more than ``tolerance_km`` of obstacle."""
    inter = LineString([a, b]).intersection(obstacles)
    if inter.is_empty:
        return False
    mid_lat = math.radians((a[1] + b[1]) / 2)
    km = 0.0
    for g in getattr(inter, "geoms", [inter]):
        coords = list(getattr(g, "coords", []))
        for (x0, y0), (x1, y1) in itertools.pairwise(coords):
            km += 111.2 * math.hypot((x1 - x0) * math.cos(mid_lat), y1 - y0)
    return km > tolerance_km


def route_leg(
    a: Coord,
    b: Coord,
    obstacles: BaseGeometry,
    *,
    step: float = 0.1,
    margin: float = 8.0,
    tolerance_km: float = 0.5,
    clearance: float = 0.0,
) -> list[Coord]:
    """Points from ``a`` to ``b`` (both included) that avoid ``obstacles``.

    Parameters
    ----------
    a, b : tuple of float
        ``(lon, lat)`` in one continuous frame (no jump at 180°).
    obstacles : shapely geometry
        Polygons to keep off, in the same frame; prepared for speed by the caller.
    step : float
        Grid spacing in degrees (0.1° ≈ 11 km keeps straits such as Tsugaru open).
    margin : float
        Degrees of search area around the two points.
    tolerance_km : float
        Obstacle a leg may run over (a coastline's generalisation grazed, not land crossed).
    clearance : float
        Degrees to keep off the obstacles (aircraft keep off foreign coasts, not just land).

    Returns
    -------
    list of tuple
        ``[a, ..., b]``; just ``[a, b]`` when the straight leg is clear or no path exists
        inside the search area.
    """
    x0, x1 = min(a[0], b[0]) - margin, max(a[0], b[0]) + margin
    y0, y1 = max(min(a[1], b[1]) - margin, -85.0), min(max(a[1], b[1]) + margin, 85.0)
    # every test below looks only inside the search area: clip the world's coast to it once
    obstacles = shapely.clip_by_rect(obstacles, x0, y0, x1, y1)
    if clearance:
        obstacles = shapely.buffer(obstacles, clearance, quad_segs=4)
    shapely.prepare(obstacles)
    if not crosses(a, b, obstacles, tolerance_km):
        return [a, b]
    # a half-step grid: a move between two free cells must have a free midpoint too, so the
    # path never clips a cape or an island's corner between grid points
    fx = np.arange(x0, x1 + step / 4, step / 2)
    fy = np.arange(y0, y1 + step / 4, step / 2)
    gx, gy = np.meshgrid(fx, fy)
    fine = ~shapely.contains_xy(obstacles, gx, gy)
    free = fine[::2, ::2]
    xs, ys = fx[::2], fy[::2]
    ny, nx = free.shape

    def cell(p: Coord) -> tuple[int, int]:
        j = min(max(round((p[0] - x0) / step), 0), nx - 1)
        i = min(max(round((p[1] - y0) / step), 0), ny - 1)
        if free[i, j]:
            return i, j
        fi, fj = np.nonzero(free)  # snap a waypoint on land to the nearest free cell
        k = int(np.argmin((fi - i) ** 2 + ((fj - j) * math.cos(math.radians(p[1]))) ** 2))
        return int(fi[k]), int(fj[k])

    start, goal = cell(a), cell(b)
    coslat = np.cos(np.radians(ys))

    def h(i: int, j: int) -> float:
        return math.hypot((j - goal[1]) * coslat[i], i - goal[0])

    best = {start: 0.0}
    prev: dict[tuple[int, int], tuple[int, int]] = {}
    heap = [(h(*start), 0.0, start)]
    while heap:
        _, g, cur = heapq.heappop(heap)
        if cur == goal:
            break
        if g > best.get(cur, math.inf):
            continue
        i, j = cur
        for di, dj in _MOVES:
            ni, nj = i + di, j + dj
            if 0 <= ni < ny and 0 <= nj < nx and free[ni, nj] and fine[i + ni, j + nj]:
                ng = g + math.hypot(dj * coslat[i], di)
                if ng < best.get((ni, nj), math.inf):
                    best[(ni, nj)] = ng
                    prev[(ni, nj)] = cur
                    heapq.heappush(heap, (ng + h(ni, nj), ng, (ni, nj)))
    if goal not in best:
        return [a, b]
    path = [goal]
    while path[-1] != start:
        path.append(prev[path[-1]])
    pts = [a] + [(float(xs[j]), float(ys[i])) for i, j in reversed(path)] + [b]
    taut = _taut(pts, obstacles, tolerance_km)
    if step / 2 < MIN_STEP:
        return taut
    # a grid edge may still clip a cape between its points: redo such a piece on a finer grid
    out = [taut[0]]
    for p, q in itertools.pairwise(taut):
        if crosses(p, q, obstacles, tolerance_km):
            out.extend(
                route_leg(p, q, obstacles, step=step / 2, margin=1.0, tolerance_km=tolerance_km)[1:]
                # (the obstacles here already keep their clearance)
            )
        else:
            out.append(q)
    return out


def _taut(pts: list[Coord], obstacles: BaseGeometry, tolerance_km: float) -> list[Coord]:
    """Drop every point whose neighbours can see each other across open water."""
    out = [pts[0]]
    i = 0
    while i < len(pts) - 1:
        j = len(pts) - 1
        while j > i + 1 and crosses(pts[i], pts[j], obstacles, tolerance_km=tolerance_km):
            j -= 1
        out.append(pts[j])
        i = j
    return [(round(x, 3), round(y, 3)) for x, y in out]


def off_obstacle(p: Coord, obstacles: BaseGeometry, clearance: float = 0.15) -> Coord:
    """``p`` itself if it is clear; else the nearest clear point off the obstacle.

    The point is put ``clearance`` degrees beyond the obstacle's edge (for a named waypoint
    such as "off Shikoku" that was placed on land).
    """
    pt = shapely.Point(p)
    if not obstacles.contains(pt):
        return p
    part = next(g for g in getattr(obstacles, "geoms", [obstacles]) if g.contains(pt))
    edge = shapely.ops.nearest_points(part.exterior, pt)[0]
    dx, dy = edge.x - p[0], edge.y - p[1]
    norm = math.hypot(dx, dy) or 1.0
    return (round(edge.x + dx / norm * clearance, 3), round(edge.y + dy / norm * clearance, 3))
