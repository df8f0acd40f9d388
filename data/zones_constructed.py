"""Zones built from the words of their legal texts (see ../shared zones-sources notes).

Each function returns ``(properties, geometry)`` with the geometry in the storage frame
(RFC 7946: longitudes in [-180, 180], cut at 180°). The published points are kept exactly;
the lines between them are drawn as the text says (great circles, loxodromes, arcs), and
anything constructed by a rule of ours is named in ``notes`` and marked by ``precision``.
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from pyproj import Transformer
from shapely import affinity
from shapely.geometry import LineString, MultiLineString, Point, Polygon, box, mapping, shape

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent)]
from geo.geodesy import arc, dms, great_circle, rhumb_line  # noqa: E402

Zone = tuple[dict[str, Any], dict[str, Any]]


def _w(d: float, m: float = 0.0, s: float = 0.0) -> float:
    return dms(d, m, s, negative=True)


def _display(lon: float) -> float:
    """Longitude in a frame continuous across 180° (west longitudes past 180)."""
    return lon + 360.0 if lon < 0 else lon


def _round(geom: Any) -> Any:
    return shapely.set_precision(geom, 1e-6)


def _to_storage(geom: Any) -> Any:
    """A geometry drawn with longitudes in [0, 360) back to [-180, 180], cut at 180°.

    Only parts of the input's own dimension are kept (a cut can leave stray lines or
    points where an area touches 180°).
    """
    west = geom.intersection(box(-1.0, -90.0, 180.0, 90.0))
    east = affinity.translate(geom.intersection(box(180.0, -90.0, 361.0, 90.0)), xoff=-360.0)
    dim = shapely.get_dimensions(geom)
    parts = [
        g
        for piece in (west, east)
        for g in getattr(piece, "geoms", [piece])
        if not g.is_empty and shapely.get_dimensions(g) == dim
    ]
    out = _round(shapely.union_all(parts))
    if out.geom_type == "GeometryCollection":  # union of touching parts: keep their kind
        out = shapely.union_all([g for g in out.geoms if shapely.get_dimensions(g) == dim])
    return out


# --------------------------------------------------------------------------- Alaska ADIZ

# 14 CFR 99.45, in the printed order: (lat, lon); W negative. Point 13 and 14 are printed
# without a semicolon between them ("141°00′W 71°18′ N").
ALASKA_POINTS: list[tuple[float, float]] = [
    (dms(54), _w(136)), (dms(56, 57), _w(144)), (dms(57), _w(145)), (dms(53), _w(158)),
    (dms(50), _w(169)), (dms(50), 180.0), (dms(50), dms(170)), (dms(53), dms(170)),
    (dms(60), 180.0), (dms(65), _w(169)), (dms(75), _w(169)), (dms(75), _w(141)),
    (dms(69, 50), _w(141)), (dms(71, 18), _w(156, 44)), (dms(68, 40), _w(167, 10)),
    (dms(67), _w(165)), (dms(65, 40), _w(168, 15)), (dms(63, 45), _w(165, 30)),
    (dms(61, 20), _w(166, 40)), (dms(59), _w(163)), (dms(54), _w(163)),
    (dms(56, 30), _w(154)), (dms(59, 20), _w(146)), (dms(59, 30), _w(140)),
    (dms(57), _w(136)), (dms(54, 35), _w(133)),
]  # fmt: skip


def alaska_adiz() -> Zone:
    """The Alaska ADIZ: 26 points joined by great circles, rhumb lines along parallels."""
    pts = [(_display(lon), lat) for lat, lon in ALASKA_POINTS]
    ring: list[tuple[float, float]] = []
    for a, b in zip(pts, [*pts[1:], pts[0]], strict=True):
        # § 99.41: lines joining points on the same parallel are rhumb lines
        seg = rhumb_line(a, b) if a[1] == b[1] else great_circle(a, b)
        seg = [(x if abs(x - a[0]) < 180 else x + 360 * round((a[0] - x) / 360), y) for x, y in seg]
        ring.extend(seg[:-1])
    ring.append(ring[0])
    polygon = shapely.make_valid(Polygon(ring))
    props = {
        "id": "us-alaska-adiz",
        "name": "United States Alaska ADIZ (14 CFR 99.45)",
        "label": "Alaska ADIZ",
        "zone_type": "adiz",
        "claimants": ["US"],
        "summary": "The US air defense identification zone off Alaska: a band round the coast "
        "from south-east Alaska past the Aleutians to 170°E, and north through the Bering "
        "Strait to 75°N. Interior Alaska is outside it. NORAD reports Russian and Chinese "
        "aircraft tracked in it.",
        "precision": "reported_area",
        "valid_from": "2001-09-28",
        "sources": [
            {
                "publisher": "US Code of Federal Regulations (eCFR)",
                "title": "14 CFR 99.45 Alaska ADIZ",
                "date": "2026-09-29",
                "url": "https://www.ecfr.gov/on/2026-09-29/title-14/section-99.45",
            },
            {
                "publisher": "US Code of Federal Regulations (eCFR)",
                "title": "14 CFR 99.41 General (lines between points: great circles, rhumb "
                "lines along parallels)",
                "date": "2026-09-29",
                "url": "https://www.ecfr.gov/on/2026-09-29/title-14/section-99.41",
            },
        ],
        "notes": "All 26 points as printed; edges drawn as great circles densified every "
        "20 km, and as rhumb lines along the 50°N and 75°N parallels (§ 99.41). No datum is "
        "stated; WGS 84 is assumed. Valid from the rule of 28 Sep 2001 (66 FR 49822), "
        "redesignated as § 99.45 in 2004 (69 FR 16756). Stored cut at 180°.",
    }
    return props, mapping(_to_storage(polygon))


# --------------------------------------------------------------------------- Taiwan ADIZ


def taiwan_adiz() -> Zone:
    """Taiwan's ADIZ: the official south-east cut line and 123°E edge, other limits approximate."""
    ring = [
        (117.5, 21.0),  # approximate south-west corner (south limit about 21°N)
        (dms(121, 30), dms(21)),  # official: 21°N 121°30'E
        (dms(123), dms(22, 30)),  # official: 22°30'N 123°E
        (dms(123), dms(29)),  # 123°E (official edge) up to the approximate north limit
        (117.5, 29.0),  # approximate north-west corner (west limit about 117°30'E)
    ]
    edges: list[tuple[float, float]] = []
    for a, b in zip(ring, [*ring[1:], ring[0]], strict=True):
        edges.extend(great_circle(a, b)[:-1] if a[0] != b[0] and a[1] != b[1] else [a])
    edges.append(edges[0])
    props = {
        "id": "tw-adiz",
        "name": "Taiwan's (ROC) ADIZ",
        "label": "Taiwan ADIZ",
        "zone_type": "adiz",
        "claimants": ["TW"],
        "summary": "Taiwan's air defence identification zone, which takes in most of the "
        "Taiwan Strait and part of the mainland coast. Taiwan's defence ministry reports PLA "
        "aircraft entering it, most often its south-west corner.",
        "precision": "approximate_area",
        "sources": [
            {
                "publisher": "Taiwan Today (ROC Ministry of National Defense statement)",
                "title": "MND reiterates ADIZ (the line joining 22°30'N 123°E and 21°N "
                "121°30'E, in use since 1959)",
                "date": "2013-12-02",
            },
            {
                "publisher": "ROC Ministry of Foreign Affairs",
                "title": "Press release on Japan's ADIZ adjustment over Yonaguni (123°E)",
                "date": "2010-05-29",
            },
        ],
        "notes": "Official: the south-east cut line from 22°30'N 123°E to 21°N 121°30'E (in "
        "use since 1959) and the eastern edge on 123°E. Approximate (no vertices published): "
        "the north limit (about 29°N), the south limit (about 21°N) and the west limit (about "
        "117°30'E); the ROC air force calls the part west of the median line 'theoretical'.",
    }
    return props, mapping(_round(Polygon(edges)))


# ----------------------------------------------------------- 1990 US–USSR maritime line

INITIAL_POINT = (_w(168, 58, 37), dms(65, 30))
ARCTIC_END_LAT = 75.0  # the text runs "as far as permitted under international law"
BERING = {  # Article 2 points 30–53 as (lon, lat)
    30: (_w(178, 15, 36), dms(61, 2, 17)), 31: (_w(178, 32, 42), dms(60, 52, 57)),
    32: (_w(178, 49, 45), dms(60, 43, 35)), 33: (_w(179, 6, 44), dms(60, 34, 11)),
    34: (_w(179, 23, 38), dms(60, 24, 44)), 35: (_w(179, 40, 30), dms(60, 15, 14)),
    36: (_w(179, 46, 49), dms(60, 11, 39)), 37: (_w(179, 40, 55), dms(59, 58, 22)),
    38: (dms(178, 33, 59), dms(58, 57, 18)), 39: (dms(178, 15, 5), dms(58, 58, 14)),
    40: (dms(178, 14, 37), dms(58, 57, 58)), 41: (dms(177, 58, 14), dms(58, 48, 6)),
    42: (dms(177, 41, 53), dms(58, 38, 12)), 43: (dms(177, 25, 34), dms(58, 28, 16)),
    44: (dms(177, 9, 18), dms(58, 18, 17)), 45: (dms(176, 53, 4), dms(58, 8, 15)),
    46: (dms(176, 36, 52), dms(57, 58, 11)), 47: (dms(176, 20, 43), dms(57, 48, 4)),
    48: (dms(176, 4, 35), dms(57, 37, 54)), 49: (dms(175, 48, 31), dms(57, 27, 42)),
    50: (dms(175, 32, 28), dms(57, 17, 28)), 51: (dms(175, 16, 27), dms(57, 7, 11)),
    52: (dms(175, 0, 29), dms(56, 56, 51)), 53: (dms(174, 44, 32), dms(56, 46, 29)),
}  # fmt: skip
ARC_36_37 = (_w(173, 6, 54), dms(60, 38, 23))  # centre, radius 200 nm
LOXODROME = ((_w(172, 0, 0), dms(64, 5, 8)), (dms(170, 18, 31), dms(53, 43, 42)))
ARC_38_39 = (dms(179, 5, 34), dms(62, 16, 9))  # centre, radius 200 nm


def us_ussr_1990() -> Zone:
    """The 1990 line: the Arctic meridian, and Bering Sea points 30–53 with arcs and loxodrome."""
    arctic = [(INITIAL_POINT[0], INITIAL_POINT[1]), (INITIAL_POINT[0], ARCTIC_END_LAT)]
    pts = {k: (_display(lon), lat) for k, (lon, lat) in BERING.items()}
    line = [pts[k] for k in range(30, 37)]
    line += arc(_disp(ARC_36_37), pts[36], pts[37], 200.0)[1:]
    line += rhumb_line(pts[37], pts[38])[1:]
    line += arc(_disp(ARC_38_39), pts[38], pts[39], 200.0)[1:]
    line += [pts[k] for k in range(40, 54)]
    bering = _to_storage(LineString(line))
    parts = [LineString(arctic), *getattr(bering, "geoms", [bering])]
    props = {
        "id": "us-ussr-1990-line",
        "name": "1990 US–USSR maritime boundary (Arctic meridian; Bering Sea points 30–53)",
        "label": "1990 US–USSR line",
        "names": {
            "US": "USA/USSR Maritime Boundary Agreement line",
            "RU": "Линия разграничения морских пространств 1990 г.",
        },
        "zone_type": "maritime_boundary",
        "claimants": ["US", "RU"],
        "summary": "The Baker–Shevardnadze line of 1 June 1990, applied provisionally by both "
        "sides but never ratified by Russia. From 65°30'N 168°58'37\"W it runs north along "
        "that meridian through the Bering Strait and the Chukchi Sea, and south-west through "
        "the Bering Sea.",
        "precision": "reported_route",
        "valid_from": "1990-06-01",
        "sources": [
            {
                "publisher": "V. K. Zilanov, Россия теряет Арктику? (Moscow, 2013), online copy",
                "title": "Russian text of the 1990 Agreement, Article 2, points 30–53",
                "date": "2013",
                "url": "https://user.bibliboba.online/books/rossiia-teriaet-arktiku/p/73",
            },
            {
                "publisher": "npacific.kamchatka.ru",
                "title": "Соглашение между СССР и США о линии разграничения морских пространств",
                "date": "1990-06-01",
                "url": "http://npacific.kamchatka.ru/np/sovproblem/law/zakon/soglas.htm",
            },
        ],
        "notes": "Drawn as the text says: the meridian 168°58'37\"W north from the initial "
        "point 65°30'N (the agreement sets no northern end; drawn to 75°N); points 30–53 "
        "exactly, joined by straight segments, with the two 200-nautical-mile arcs (36–37 "
        "round 60°38'23\"N 173°06'54\"W, 38–39 round 62°16'09\"N 179°05'34\"E) and the "
        "loxodrome 37–38 constructed from their printed centres and points (each point lies "
        "within 0.01 nm of its arc and 0.3 km of the loxodrome: checked in tests). Points "
        "1–29 (65°30'N to about 61°N) and 54 onward (to about 51°N 167°E) were not "
        "available, so those stretches are not drawn.",
    }
    return props, mapping(_round(MultiLineString(parts)))


def _disp(p: tuple[float, float]) -> tuple[float, float]:
    return (_display(p[0]), p[1])


# --------------------------------------------------------- Northern Sea Route water area

CAPE_DEZHNEV = (_w(169, 39, 7), dms(66, 4, 45))
CAPE_ZHELANIYA = (dms(68, 34, 54), dms(76, 57, 16))
EEZ_KM = 200 * 1.852
_POLAR = "+proj=aeqd +lat_0=90 +lon_0=100 +datum=WGS84"


def nsr_water_area(countries: dict[str, Any]) -> Zone:
    """The Northern Sea Route water area, constructed from its legal definition (approximate).

    Russia's land buffered by 200 nautical miles (its EEZ, roughly), less all land, between
    the meridian of Cape Zhelaniya (north of Novaya Zemlya) and Novaya Zemlya itself in the
    west, and the 1990 line (168°58'37"W) and the parallel of Cape Dezhnev in the east.
    """
    to_polar = Transformer.from_crs("EPSG:4326", _POLAR, always_xy=True)
    to_lonlat = Transformer.from_crs(_POLAR, "EPSG:4326", always_xy=True)

    def polar(g: Any) -> Any:
        return shapely.transform(shapely.segmentize(g, 0.5), lambda xy: _xy(to_polar, xy))

    def lonlat(g: Any) -> Any:
        return shapely.transform(g, lambda xy: _xy(to_lonlat, xy))

    north = box(-180.0, 55.0, 180.0, 90.0)
    land = shapely.union_all(
        [polar(shapely.make_valid(g).intersection(north)) for g in countries.values()]
    )
    russia = polar(countries["Russia"].intersection(north))
    sea = russia.buffer(EEZ_KM * 1000.0, 16).difference(land)
    east = 360.0 - dms(168, 58, 37)  # the 1990 meridian, in a frame continuous across 180°
    # one ring (two boxes would leave a seam where their projected edges differ)
    bounds = polar(Polygon([
        (CAPE_ZHELANIYA[0], 89.9), (east, 89.9), (east, CAPE_DEZHNEV[1]),
        (50.0, CAPE_DEZHNEV[1]), (50.0, CAPE_ZHELANIYA[1]), CAPE_ZHELANIYA,
    ]))  # fmt: skip
    candidate = sea.intersection(bounds)
    # south of Cape Zhelaniya the west limit is Novaya Zemlya's east coast and the straits'
    # western ends: what lies due west of Novaya Zemlya and Vaygach (and west of Yugorsky
    # Shar, the gap between Vaygach and the mainland) is the Barents Sea, not the route
    barents = polar(
        _west_of(_novaya_zemlya_vaygach(countries["Russia"])).union(
            _west_of_strait(countries["Russia"])
        )
    )
    area = candidate.difference(barents).simplify(2_000.0)
    # slivers along the construction's seams and lagoons cut off at 1:50m (under 2,000 km²)
    area = shapely.union_all([g for g in getattr(area, "geoms", [area]) if g.area > 2e9])
    geom = lonlat(area)
    props = {
        "id": "ru-nsr-water-area",
        "name": "Northern Sea Route water area (Russian Merchant Shipping Code, art. 5.1)",
        "label": "Northern Sea Route water area",
        "zone_type": "sea_route",
        "claimants": ["RU"],
        "summary": "The water area Russian law assigns to the Northern Sea Route: Russia's "
        "internal waters, territorial sea, contiguous zone and exclusive economic zone off "
        "its northern coast, from Novaya Zemlya (the meridian of Cape Zhelaniya) east to the "
        "Bering Strait. Ships in it are subject to Russian navigation rules.",
        "precision": "approximate_area",
        "valid_from": "2012-07-28",
        "sources": [
            {
                "publisher": "Federal Law No. 132-FZ (Merchant Shipping Code of the Russian "
                "Federation, art. 5.1), English text published by Rosatom",
                "title": "Water area of the Northern Sea Route",
                "date": "2012-07-28",
            },
        ],
        "notes": "The law names lines and gives no coordinates, so this area is a "
        "construction: Natural Earth 1:50m Russian land buffered by 200 nautical miles "
        "(measured in a north-polar azimuthal equidistant projection, about 2% long at 70°N), "
        "less all land; east of the meridian of Cape Zhelaniya (68°34'54\"E) north of the "
        "cape, east of Novaya Zemlya and Vaygach south of it (their straits closed at about "
        "their middle, not their western borders); west of the 1990 line (168°58'37\"W) and "
        "north of the parallel of Cape Dezhnev (66°04'45\"N), applied along the whole south "
        "side. Landmark positions from gazetteers, not from the law. Dated from the law of "
        "28 July 2012; its entry into force is not recorded here.",
    }
    return props, mapping(_to_storage(_continuous_frame(geom)))


def _west_of(land: Any, reach_km: float = 2_000.0) -> Any:
    """Everything due west of ``land`` (in a local projection), up to ``reach_km`` away."""
    local = Transformer.from_crs(
        "EPSG:4326", "+proj=aeqd +lat_0=73 +lon_0=57 +datum=WGS84", always_xy=True
    )
    back = Transformer.from_crs(
        "+proj=aeqd +lat_0=73 +lon_0=57 +datum=WGS84", "EPSG:4326", always_xy=True
    )
    flat = shapely.transform(land, lambda xy: _xy(local, xy))
    w = reach_km * 1000.0
    quads = [flat]
    for poly in getattr(flat, "geoms", [flat]):
        coords = list(poly.exterior.coords)
        for (x0, y0), (x1, y1) in itertools.pairwise(coords):
            quads.append(Polygon([(x0, y0), (x1, y1), (x1 - w, y1), (x0 - w, y0)]).buffer(0))
    swept = shapely.union_all(quads)
    return shapely.transform(shapely.segmentize(swept, 20_000.0), lambda xy: _xy(back, xy))


def _novaya_zemlya_vaygach(russia: Any) -> Any:
    """Novaya Zemlya and Vaygach in the basemap, and the straits between them and the mainland.

    The islands are the large ones between 50°E and 70°E, 69.5°N and 77.5°N (the mainland
    excluded); each strait is closed by the shortest line across it.
    """
    parts = list(getattr(russia, "geoms", [russia]))
    mainland = max(parts, key=lambda g: g.area)
    islands = sorted(
        (
            g
            for g in parts
            if g is not mainland
            and g.area > 0.3
            and box(50.0, 69.5, 70.0, 77.5).contains(g.centroid)
        ),
        key=lambda g: -g.centroid.y,
    )  # north island, south island, Vaygach
    # the straits (Matochkin Shar, Karskie Vorota, Yugorsky Shar) closed at their narrowest
    coast = mainland.intersection(box(55.0, 67.0, 65.0, 71.0))
    chain = [*islands, coast]
    straits = [shapely.shortest_line(a, b).buffer(0.001) for a, b in itertools.pairwise(chain)]
    return shapely.union_all([*islands, *straits])


def _west_of_strait(russia: Any) -> Any:
    """The Barents coast south of Vaygach: west of Yugorsky Shar, south of its latitude.

    The strait is found in the basemap as the gap between Vaygach and the mainland.
    """
    vaygach = max(
        (
            g
            for g in getattr(russia, "geoms", [russia])
            if g.intersects(Point(59.5, 70.0)) and g.area < 5.0
        ),
        key=lambda g: g.area,
    )
    mainland = max(getattr(russia, "geoms", [russia]), key=lambda g: g.area)
    gap = shapely.shortest_line(vaygach, mainland.intersection(box(55.0, 67.0, 65.0, 71.0)))
    x, y = gap.centroid.x, gap.centroid.y
    return box(30.0, 60.0, x, y)


def _xy(t: Transformer, xy: Any) -> Any:
    x, y = t.transform(xy[:, 0], xy[:, 1])
    return np.column_stack([x, y])


def _continuous_frame(geom: Any) -> Any:
    """Move west longitudes past 180° so that a shape across 180° is one piece."""
    return shapely.transform(geom, lambda xy: _shift_west(xy))


def _shift_west(xy: Any) -> Any:
    out = np.array(xy, dtype=float)
    out[:, 0] = np.where(out[:, 0] < 0, out[:, 0] + 360.0, out[:, 0])
    return out


def countries(path: Path) -> dict[str, Any]:
    """Natural Earth countries by name (storage frame)."""
    doc = json.loads(path.read_text("utf-8"))
    return {f["properties"]["name"]: shape(f["geometry"]) for f in doc["features"]}
