"""The events layer for large catalogs: compact columns drawn on one canvas.

Above :data:`layers.events.LOD_EVENTS` events, one Leaflet object per event costs seconds to
build and megabytes of GeoJSON to send. This layer sends columns instead (ids, names, kinds,
dates, style index, and coordinates quantised to 0.001° and delta-encoded: ~10× smaller) and
draws them itself on a canvas renderer, grouped by style, culled to the view. Sites are
grouped into counted circles when zoomed out (click one to zoom in). Hover shows the name
(set as text, never as HTML); a click reports ``{"properties": {"fid": id}}`` the way a
GeoJSON feature would, so the app's details panel works unchanged.
"""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import numpy as np
import shapely
from branca.element import MacroElement
from jinja2 import Template

from geo.frame import to_display
from layers.features import to_script_json
from layers.jscode import script
from layers.legend import enclosing_map_name
from layers.styles import AGGREGATE_RAMP, MARKER_RADIUS, event_style

QUANTUM = 1000  # coordinates sent as integers of 0.001° (~110 m; a pixel at zoom 10 is ~150 m)
SIMPLIFY_DEG = 0.02  # ~2 km
GROUP_BELOW_ZOOM = 7  # sites are grouped into counted circles below this zoom
GROUP_CELL_PX = 44
DRAW_MAX = 3000  # more features in view than this are counted per grid cell, not drawn
_CLASS = {"Polygon": 2, "MultiPolygon": 2, "LineString": 1, "MultiLineString": 1,
          "Point": 0, "MultiPoint": 0}  # fmt: skip


def _ymd(d: Any) -> int:
    return d.year * 10000 + d.month * 100 + d.day


def dense_payload(events: gpd.GeoDataFrame) -> dict[str, Any]:
    """Column-wise, quantised description of ``events`` for :class:`DenseLayer`.

    Returns
    -------
    dict
        ``id``, ``name``, ``k`` (index into ``kinds``), ``s`` (index into ``styles``),
        ``g`` (0 site, 1 route, 2 area), ``t0``/``t1`` (YYYYMMDD integers), ``pe`` (paths
        per event), ``pn`` (vertices per path), ``c`` (per path: the first vertex in units of
        ``1/q`` degrees, then differences to the previous vertex; x then y).
    """
    geoms = (
        events["display"] if "display" in events else events.geometry.map(to_display)
    ).to_numpy()
    geoms = shapely.set_precision(shapely.simplify(geoms, SIMPLIFY_DEG), 1 / QUANTUM)
    parts, part_ev = shapely.get_parts(geoms, return_index=True)
    poly = shapely.get_type_id(parts) == 3
    rings, ring_part = shapely.get_rings(parts[poly], return_index=True)
    paths = np.concatenate([parts[~poly], rings])
    path_ev = np.concatenate([part_ev[~poly], part_ev[poly][ring_part]])
    order = np.argsort(path_ev, kind="stable")
    paths, path_ev = paths[order], path_ev[order]
    coords, vert_path = shapely.get_coordinates(paths, return_index=True)
    q = np.rint(coords * QUANTUM).astype(np.int64)
    starts = np.r_[True, vert_path[1:] != vert_path[:-1]]
    delta = q.copy()
    delta[1:] -= q[:-1]
    delta[starts] = q[starts]

    kinds = sorted(set(events["kind"]))
    style_keys = sorted(set(zip(events["kind"], events["precision"], strict=True)))
    style_of = {key: i for i, key in enumerate(style_keys)}
    return {
        "q": QUANTUM,
        "id": events["id"].tolist(),
        "name": events["name"].tolist(),
        "kinds": kinds,
        "k": [kinds.index(k) for k in events["kind"]],
        "styles": [event_style(*key) | {"radius": MARKER_RADIUS} for key in style_keys],
        "s": [style_of[key] for key in zip(events["kind"], events["precision"], strict=True)],
        "g": [_CLASS.get(t, 1) for t in events.geom_type],
        "t0": [_ymd(d) for d in events["start_date"]],
        "t1": [_ymd(d) for d in events["end_date"]],
        "pe": np.bincount(path_ev, minlength=len(events)).tolist(),
        "pn": np.bincount(vert_path, minlength=len(paths)).tolist(),
        "c": delta.ravel().tolist(),
    }


def dense_json(events: gpd.GeoDataFrame) -> str:
    """:func:`dense_payload` as script-safe JSON."""
    return to_script_json(dense_payload(events))


class DenseLayer(MacroElement):
    """Canvas layer drawing a :func:`dense_payload`; exposes ``jmSource()`` for playback.

    Parameters
    ----------
    data_json : str, optional
        Output of :func:`dense_json`, inlined in the page (exports: one offline file).
    url : str, optional
        Instead of ``data_json``: where the page fetches it, relative to the app's root
        (the app serves it itself). The JavaScript object is then a placeholder offering
        ``jmWhenReady(callback)``.
    name : str
        Layer name (its JavaScript variable is derived from it).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.js }}
        {% if this.url %}
        var {{ this.get_name() }} = JointMap.fetchLayer(JointMap.denseLayer,
            {{ this.map_name }}, {{ this._parent.get_name() }}, {{ this.url|tojson }},
            {{ this.opts }});
        {% else %}
        var {{ this.get_name() }} = JointMap.denseLayer({{ this.map_name }},
            {{ this._parent.get_name() }}, {{ this.data_json }}, {{ this.opts }});
        {% endif %}
        {% endmacro %}
        """
    )

    def __init__(self, data_json: str | None = None, *, url: str | None = None, name: str) -> None:
        super().__init__()
        if (data_json is None) == (url is None):
            raise ValueError(
                f"expected exactly one of data_json and url, got {'both' if url else 'neither'}"
            )
        self._name = name.replace(" ", "_")
        self.data_json = data_json
        self.url = url
        self.opts = to_script_json(
            {
                "groupBelow": GROUP_BELOW_ZOOM,
                "cell": GROUP_CELL_PX,
                "drawMax": DRAW_MAX,
                "ramp": list(AGGREGATE_RAMP),
            }
        )
        self.js = script("dense.js") + (script("dense_fetch.js") if url else "")

    @property
    def map_name(self) -> str:
        """JS name of the map above this layer, resolved at render time."""
        return enclosing_map_name(self)
