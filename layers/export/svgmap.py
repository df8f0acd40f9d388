"""SVG pieces of a figure: geometries as paths, markers, route arrows, text with halos.

Every string that comes from data is escaped for XML here (``esc``), so a figure is valid
SVG whatever the record says.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable

import shapely
from shapely.geometry.base import BaseGeometry

from geo.extent import MapFrame
from layers.escape import xml_attr, xml_text
from layers.export.placement import FONT_FAMILY
from layers.styles import Ink

Point2 = tuple[float, float]


def esc(text: object) -> str:
    """Text for an SVG text node: XML-escaped; characters XML forbids replaced."""
    return xml_text(text)


def attr(value: object) -> str:
    """A quoted XML attribute value."""
    return xml_attr(value)


def _ring(coords: Iterable[Point2], frame: MapFrame, close: bool) -> str:
    pts = [frame.xy(x, y) for x, y in coords]
    if not pts:
        return ""
    body = "L".join(f"{x:.1f},{y:.1f}" for x, y in pts)
    return f"M{body}{'Z' if close else ''}"


def path_d(geom: BaseGeometry, frame: MapFrame) -> str:
    """The SVG path data of a display-frame geometry (lines, rings; points are skipped)."""
    out = []
    for part in getattr(geom, "geoms", [geom]):
        if part.is_empty:
            continue
        if part.geom_type == "Polygon":
            out.append(_ring(part.exterior.coords, frame, True))
            out += [_ring(r.coords, frame, True) for r in part.interiors]
        elif part.geom_type == "LineString":
            out.append(_ring(part.coords, frame, False))
        elif part.geom_type in ("MultiPolygon", "MultiLineString", "GeometryCollection"):
            out.append(path_d(part, frame))
    return "".join(out)


def clip(geom: BaseGeometry, frame: MapFrame, pad: float = 0.15) -> BaseGeometry:
    """``geom`` cut to the map's bounds plus ``pad`` of its size (keeps figures small)."""
    lon0, lat0, lon1, lat1 = frame.bounds
    dx, dy = (lon1 - lon0) * pad, (lat1 - lat0) * pad
    return shapely.clip_by_rect(geom, lon0 - dx, max(lat0 - dy, -85), lon1 + dx, min(lat1 + dy, 85))


def stroke_attrs(ink: Ink, *, fill: bool, hatch_id: str | None = None) -> str:
    """SVG presentation attributes for ``ink``."""
    parts = [
        f'stroke="{ink.stroke}" stroke-width="{ink.width:g}"',
        'stroke-linejoin="round" stroke-linecap="round"',
    ]
    if ink.dash:
        parts.append(f'stroke-dasharray="{ink.dash}"')
    if fill and hatch_id:
        parts.append(f'fill="url(#{hatch_id})"')
    elif fill:
        parts.append(f'fill="{ink.fill}" fill-opacity="{ink.fill_opacity:g}" fill-rule="evenodd"')
    else:
        parts.append('fill="none"')
    return " ".join(parts)


def hatch_defs(hatch: str, colour: str, hid: str) -> str:
    """A ``<pattern>`` of lines for greyscale areas."""
    lines = {
        "diag": '<path d="M-2,2 L2,-2 M0,8 L8,0 M6,10 L10,6"/>',
        "cross": '<path d="M0,4 L8,4 M4,0 L4,8"/>',
        "horiz": '<path d="M0,2 L8,2 M0,6 L8,6"/>',
        "vert": '<path d="M2,0 L2,8 M6,0 L6,8"/>',
    }[hatch]
    return (
        f'<pattern id="{hid}" width="8" height="8" patternUnits="userSpaceOnUse">'
        f'<g stroke="{colour}" stroke-width="1">{lines}</g></pattern>'
    )


def marker(shape: str, x: float, y: float, r: float, ink: Ink) -> str:
    """A site marker of ``shape`` centred on ``(x, y)``."""
    fill = "none" if shape == "ring" else ink.fill
    common = (
        f'fill="{fill}" fill-opacity="{min(ink.fill_opacity + 0.3, 1):g}" '
        f'stroke="{ink.stroke}" stroke-width="1.6"'
    )
    if shape in ("circle", "ring"):
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:g}" {common}/>'
    if shape == "square":
        side = f'width="{2 * r:g}" height="{2 * r:g}"'
        return f'<rect x="{x - r:.1f}" y="{y - r:.1f}" {side} {common}/>'
    if shape == "cross":
        return (
            f'<path d="M{x - r:.1f},{y - r:.1f}L{x + r:.1f},{y + r:.1f}M{x - r:.1f},'
            f'{y + r:.1f}L{x + r:.1f},{y - r:.1f}" stroke="{ink.stroke}" stroke-width="3"/>'
        )
    if shape == "star":
        star = []
        for k in range(10):
            rr = r * (1.25 if k % 2 == 0 else 0.55)
            a = math.pi / 2 + k * math.pi / 5
            star.append(f"{x + rr * math.cos(a):.1f},{y - rr * math.sin(a):.1f}")
        return f'<polygon points="{" ".join(star)}" {common}/>'
    corners = {
        "triangle": [(0, -1.2), (1.1, 0.8), (-1.1, 0.8)],
        "down": [(0, 1.2), (1.1, -0.8), (-1.1, -0.8)],
        "diamond": [(0, -1.3), (1.1, 0), (0, 1.3), (-1.1, 0)],
    }[shape]
    pts = " ".join(f"{x + dx * r:.1f},{y + dy * r:.1f}" for dx, dy in corners)
    return f'<polygon points="{pts}" {common}/>'


def along(pts: list[Point2], t: float) -> tuple[Point2, float]:
    """The point at fraction ``t`` of a pixel polyline's length, and its heading (radians)."""
    seg = [math.dist(a, b) for a, b in itertools.pairwise(pts)]
    total = sum(seg)
    goal, run = t * total, 0.0
    for (a, b), s in zip(itertools.pairwise(pts), seg, strict=True):
        if s > 0 and run + s >= goal:
            f = (goal - run) / s
            return (a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1])), math.atan2(
                b[1] - a[1], b[0] - a[0]
            )
        run += s
    return pts[-1], math.atan2(pts[-1][1] - pts[-2][1], pts[-1][0] - pts[-2][0])


def arrow(p: Point2, heading: float, size: float, colour: str) -> str:
    """A filled arrowhead at ``p`` pointing along ``heading`` (white-edged, to read on lines)."""
    c, s = math.cos(heading), math.sin(heading)
    tip = (p[0] + c * size, p[1] + s * size)
    left = (p[0] - c * size * 0.8 - s * size * 0.75, p[1] - s * size * 0.8 + c * size * 0.75)
    right = (p[0] - c * size * 0.8 + s * size * 0.75, p[1] - s * size * 0.8 - c * size * 0.75)
    pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in (tip, left, right))
    return (
        f'<polygon points="{pts}" fill="{colour}" stroke="#ffffff" stroke-width="1"'
        ' stroke-linejoin="round"/>'
    )


def route_marks(geom: BaseGeometry, frame: MapFrame, colour: str, size: float = 7.0) -> str:
    """Direction arrows along each part of a route, a ring at its start and a bar at its end.

    Long routes get more arrows (one per few hundred pixels).
    """
    out = []
    parts = [p for p in getattr(geom, "geoms", [geom]) if p.geom_type == "LineString"]
    for part in parts:
        pts = [frame.xy(x, y) for x, y in part.coords]
        length = sum(math.dist(a, b) for a, b in itertools.pairwise(pts))
        if length < 12:
            continue
        n = 1 if length < 300 else 2 if length < 700 else 3
        for k in range(n):
            p, h = along(pts, (k + 1) / (n + 1))
            out.append(arrow(p, h, size, colour))
    if parts:
        first = [frame.xy(x, y) for x, y in parts[0].coords]
        last = [frame.xy(x, y) for x, y in parts[-1].coords]
        (sx, sy), (ex, ey) = first[0], last[-1]
        out.append(
            f'<circle cx="{sx:.1f}" cy="{sy:.1f}" r="4.5" fill="#ffffff" '
            f'stroke="{colour}" stroke-width="2.2"/>'
        )
        _, h = along(last, 1.0)
        c, s = math.cos(h), math.sin(h)
        out.append(
            f'<path d="M{ex - s * 6:.1f},{ey + c * 6:.1f}L{ex + s * 6:.1f},'
            f'{ey - c * 6:.1f}" stroke="{colour}" stroke-width="3.2" '
            'stroke-linecap="round"/>'
        )
    return "".join(out)


def text(
    x: float,
    y: float,
    body: str,
    size: float,
    *,
    anchor: str = "start",
    colour: str = "#222222",
    bold: bool = False,
    italic: bool = False,
    halo: bool = True,
    cls: str = "",
) -> str:
    """A text element, vertically centred on ``y``, with a white halo for legibility."""
    style = [
        f'font-size="{size:g}px"',
        f"font-family={attr(FONT_FAMILY)}",
        f'text-anchor="{anchor}"',
        'dominant-baseline="central"',
        f'fill="{colour}"',
    ]
    if bold:
        style.append('font-weight="bold"')
    if italic:
        style.append('font-style="italic"')
    if halo:
        style.append(
            'stroke="#ffffff" stroke-width="3" paint-order="stroke" stroke-linejoin="round"'
        )
    klass = f' class="{cls}"' if cls else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" {" ".join(style)}{klass}>{esc(body)}</text>'
