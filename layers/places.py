"""Place names on the live map: the gazetteer labelled by zoom, without overlaps.

The placement runs in the page (``layers/js/places.js``), where the text can be measured;
the figures place the same names in Python (:mod:`layers.export.figure`).
"""

from __future__ import annotations

import geopandas as gpd
from branca.element import MacroElement
from jinja2 import Template

from geo.naming import NEUTRAL
from layers.features import to_script_json
from layers.jscode import script

# which types go first when space is short: countries, then seas, straits, islands, places
TYPE_ORDER = {"country": 0, "sea": 1, "strait": 2, "region": 3, "island": 4, "base": 5,
              "port": 5, "city": 6}  # fmt: skip


def _top(value: object) -> float:
    """The last zoom a label shows at (99: every zoom in)."""
    return float(value) if isinstance(value, int | float) and value == value else 99.0


def place_labels(labels: gpd.GeoDataFrame, naming: str = NEUTRAL) -> list[dict[str, object]]:
    """The gazetteer as the page needs it, most important first (names per the setting)."""
    out = []
    for lab in labels.to_dict("records"):
        names = lab.get("names") or {}
        text = names.get(naming, lab["name"]) if naming != NEUTRAL else lab["name"]
        out.append(
            {
                "text": text,
                "type": lab["label_type"],
                "zoom": float(lab["min_zoom"]),
                "top": _top(lab.get("max_zoom")),
                "rank": int(lab["rank"]),
                "lon": round(float(lab["lon"]), 3),
                "lat": round(float(lab["lat"]), 3),
            }
        )
    out.sort(key=lambda r: (TYPE_ORDER.get(str(r["type"]), 9), r["zoom"], r["rank"], r["text"]))
    return out


class PlaceLabels(MacroElement):
    """The gazetteer's labels on a map, placed in the page so that none overlap."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.js }}
        JointMap.placeLabels({{ this._parent.get_name() }}, {{ this.labels }});
        {% endmacro %}
        """
    )

    def __init__(self, labels: gpd.GeoDataFrame, naming: str = NEUTRAL) -> None:
        super().__init__()
        self._name = "PlaceLabels"
        self.labels = to_script_json(place_labels(labels, naming))
        self.js = script("places.js")
