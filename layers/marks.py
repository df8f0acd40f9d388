"""Route marks on the live map: direction arrows, and start and end marks, per route.

Each mark is a point feature carrying its event's dates (``t0``/``t1``) and ``mark``, so the
year slider and playback show and hide it with its route, and never count it as an event.
"""

from __future__ import annotations

import math
from typing import Any

import geopandas as gpd
from branca.element import MacroElement
from jinja2 import Template
from shapely.geometry import LineString

from geo.extent import merc_y
from layers.features import to_script_json
from layers.jscode import script
from layers.styles import event_style


def _heading(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Screen heading from ``a`` to ``b`` in degrees, clockwise from east (Web Mercator)."""
    dx = math.radians(b[0] - a[0])
    dy = merc_y(b[1]) - merc_y(a[1])
    return round(math.degrees(math.atan2(-dy, dx)), 1)


def _along(line: LineString, t: float) -> tuple[tuple[float, float], float]:
    p = line.interpolate(t, normalized=True)
    q = line.interpolate(min(t + 0.01, 1.0), normalized=True)
    o = line.interpolate(max(t - 0.01, 0.0), normalized=True)
    return (p.x, p.y), _heading((o.x, o.y), (q.x, q.y))


def route_marks(events: gpd.GeoDataFrame) -> list[dict[str, Any]]:
    """Mark features for every route, in the route's colour.

    Arrows at its thirds (its half when short), a start ring and an end bar.
    """
    out = []
    for ev in events.to_dict("records"):
        geom = ev["display"]
        parts = [p for p in getattr(geom, "geoms", [geom]) if p.geom_type == "LineString"]
        if not parts:
            continue
        colour = str(event_style(ev["kind"], ev["precision"])["color"])
        marks = []
        for part in parts:
            ts = (0.5,) if part.length < 15 else (1 / 3, 2 / 3)
            marks += [("arrow", *_along(part, t)) for t in ts]
        first, last = parts[0], parts[-1]
        marks.append(("start", first.coords[0], 0.0))
        marks.append(("end", last.coords[-1], _along(last, 0.99)[1]))
        for mark, (x, y), heading in marks:
            out.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [round(x, 4), round(y, 4)]},
                    "properties": {
                        "mark": mark,
                        "heading": heading,
                        "colour": colour,
                        "kind": ev["kind"],
                        "t0": ev["start_date"].isoformat(),
                        "t1": ev["end_date"].isoformat(),
                    },
                }
            )
    return out


class MarksLayer(MacroElement):
    """The route marks of the events drawn (``layers/js/places.js``, ``routeMark``)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.js }}
        var {{ this.get_name() }} = L.geoJson({{ this.data }}, {
            pointToLayer: function(f, latlng) {
                var p = f.properties;
                return JointMap.routeMark(latlng, p.mark, p.heading, p.colour);
            }
        }).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, events: gpd.GeoDataFrame) -> None:
        super().__init__()
        self._name = "RouteMarks"
        self.data = to_script_json({"type": "FeatureCollection", "features": route_marks(events)})
        self.js = script("places.js")
