"""Map extents for figures: Web Mercator frames fitted to regions or events, in pixels.

A :class:`MapFrame` maps display-frame longitude and latitude (``geo.frame``) to pixels of a
figure, as Leaflet's Web Mercator does, so figures and the app agree on scale and zoom.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import geopandas as gpd
import shapely
from shapely.geometry.base import BaseGeometry

from geo.frame import to_display

MAX_LAT = 85.0511287798


def merc_y(lat: float) -> float:
    """Web Mercator ordinate of a latitude (radians of the sphere, north up)."""
    lat = max(min(lat, MAX_LAT), -MAX_LAT)
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def merc_lat(y: float) -> float:
    """The latitude of a Web Mercator ordinate."""
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


Bounds = tuple[float, float, float, float]  # lon0, lat0, lon1, lat1 (display frame)
WIDE_DEG = 120.0  # a region wider than this is framed by the events in it, not by itself
WIDE_MIN_DEG = 12.0  # the least a wide region's used part is framed with (its sea, its coast)
REACH = 0.25  # routes are followed this far out of a region (share of its size), then clipped


@dataclass(frozen=True)
class MapFrame:
    """A Web Mercator map drawn in the pixel box ``(x, y, width, height)`` of a figure.

    Attributes
    ----------
    x, y, width, height : float
        The map's box on the figure, in pixels.
    lon, lat : float
        The centre (display-frame longitude).
    scale : float
        Pixels per radian of longitude.
    """

    x: float
    y: float
    width: float
    height: float
    lon: float
    lat: float
    scale: float

    @property
    def zoom(self) -> float:
        """The Leaflet zoom of the same scale (256-pixel tiles at zoom 0)."""
        return math.log2(self.scale * 2 * math.pi / 256.0)

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        """Figure pixels of a display-frame position."""
        px = self.x + self.width / 2 + math.radians(lon - self.lon) * self.scale
        py = self.y + self.height / 2 - (merc_y(lat) - merc_y(self.lat)) * self.scale
        return px, py

    def lonlat(self, px: float, py: float) -> tuple[float, float]:
        """The display-frame position at figure pixels ``(px, py)``."""
        lon = self.lon + math.degrees((px - self.x - self.width / 2) / self.scale)
        lat = merc_lat(merc_y(self.lat) - (py - self.y - self.height / 2) / self.scale)
        return lon, lat

    @property
    def bounds(self) -> Bounds:
        """The display-frame bounds the map shows."""
        lon0, lat0 = self.lonlat(self.x, self.y + self.height)
        lon1, lat1 = self.lonlat(self.x + self.width, self.y)
        return lon0, lat0, lon1, lat1

    def km_per_px(self) -> float:
        """Ground distance of one pixel at the centre latitude, in km."""
        return 6378.137 * math.cos(math.radians(self.lat)) / self.scale


def fit(
    bounds: Bounds,
    box: tuple[float, float, float, float],
    margin: float = 0.06,
    max_zoom: float = 10.0,
) -> MapFrame:
    """The frame that shows ``bounds`` (plus ``margin`` of its size) in the pixel ``box``.

    Parameters
    ----------
    bounds : tuple of float
        Display-frame ``(lon0, lat0, lon1, lat1)``.
    box : tuple of float
        ``(x, y, width, height)`` of the map on the figure.
    margin : float
        Added on every side, as a fraction of the extent.
    max_zoom : float
        The closest the frame may zoom in (a single site would otherwise fill the map).
    """
    lon0, lat0, lon1, lat1 = bounds
    x, y, w, h = box
    dx = max(math.radians(lon1 - lon0), 1e-6) * (1 + 2 * margin)
    dy = max(merc_y(lat1) - merc_y(lat0), 1e-6) * (1 + 2 * margin)
    scale = min(w / dx, h / dy, 256.0 * 2**max_zoom / (2 * math.pi))
    lat = merc_lat((merc_y(lat0) + merc_y(lat1)) / 2)
    return MapFrame(x, y, w, h, (lon0 + lon1) / 2, lat, scale)


def bounds_of(geoms: Iterable[BaseGeometry]) -> Bounds | None:
    """Bounds of display-frame geometries (``None`` when there are none)."""
    parts = [g for g in geoms if g is not None and not g.is_empty]
    if not parts:
        return None
    lon0, lat0, lon1, lat1 = shapely.total_bounds(parts).tolist()
    return lon0, lat0, lon1, lat1


def at_least(bounds: Bounds, degrees: float = 4.0) -> Bounds:
    """``bounds`` grown about its centre to at least ``degrees`` in each direction."""
    lon0, lat0, lon1, lat1 = bounds
    if lon1 - lon0 < degrees:
        c = (lon0 + lon1) / 2
        lon0, lon1 = c - degrees / 2, c + degrees / 2
    if lat1 - lat0 < degrees:
        c = (lat0 + lat1) / 2
        lat0, lat1 = c - degrees / 2, c + degrees / 2
    return lon0, lat0, lon1, lat1


def view_bounds(
    regions: gpd.GeoDataFrame, chosen: Iterable[str], events: gpd.GeoDataFrame
) -> Bounds:
    """The display-frame bounds a view of ``chosen`` regions and its ``events`` shows.

    The chosen regions when the view names some, with the routes through them followed up
    to :data:`REACH` of the region's size beyond it (what runs further is clipped); when they
    span more than :data:`WIDE_DEG` of longitude (the Arctic, Russia), the part of them the
    events use, followed the same way; else the events' own extent. At least 4° each way.

    Parameters
    ----------
    regions : GeoDataFrame
        The catalogue's regions (``id``, geometry).
    chosen : iterable of str
        The region ids of the view (empty: all).
    events : GeoDataFrame
        The events shown.
    """
    picked = regions[regions["id"].isin(sorted(chosen))]
    area = shapely.union_all([to_display(g) for g in picked.geometry]) if len(picked) else None
    found = bounds_of([area]) if area is not None else None
    if found is not None and area is not None:
        touching = [g for g in (to_display(g) for g in events.geometry) if g.intersects(area)]
        wide = found[2] - found[0] > WIDE_DEG
        if wide:  # the Arctic, Russia: the part of the region the events use
            found = bounds_of([g.intersection(area) for g in touching]) or found
        # follow the routes a little way out (a strait, an exit), no more
        lon0, lat0, lon1, lat1 = found = at_least(found, WIDE_MIN_DEG if wide else 4.0)
        dx, dy = (lon1 - lon0) * REACH, (lat1 - lat0) * REACH
        reach = shapely.box(lon0 - dx, lat0 - dy, lon1 + dx, lat1 + dy)
        followed = [g.intersection(reach) for g in touching]
        found = bounds_of([*followed, shapely.box(*found)] if wide else [area, *followed]) or found
    if found is None:
        shown = [to_display(g) for g in events.geometry] if len(events) else []
        found = bounds_of(shown) or (100.0, 20.0, 180.0, 60.0)
    return at_least(found)
