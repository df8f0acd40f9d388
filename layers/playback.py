"""Time playback inside the map: play, pause, step by year or month, cumulative or moving.

It runs in the browser on the events already drawn (each feature carries ``t0``/``t1``),
so it works inside Streamlit (where folium's time plugins do not render) and in the
standalone HTML export, and it costs the server nothing. The JavaScript is
``layers/js/playback.js``.
"""

from __future__ import annotations

from branca.element import MacroElement
from jinja2 import Template

from layers.jscode import script
from layers.legend import enclosing_map_name


class Playback(MacroElement):
    """A Leaflet control that steps the events layer through time.

    Parameters
    ----------
    *layers : MacroElement
        The layers stepped together (events, the user's data): GeoJSON features with ``t0``
        and ``t1`` ISO dates, or layers whose JavaScript object offers ``jmSource()`` (see
        :mod:`layers.dense`).

    Notes
    -----
    The current state is kept in ``window.jmPlayback`` (``label``, ``visible``, ``playing``)
    for tests and for the page around the map.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.js }}
        JointMap.playback({{ this.map_name }},
            [{% for l in this.layers %}{{ l.get_name() }}, {% endfor %}]);
        {% endmacro %}
        """
    )

    def __init__(self, *layers: MacroElement) -> None:
        super().__init__()
        self._name = "Playback"
        self.layers = layers
        self.js = script("playback.js")

    @property
    def map_name(self) -> str:
        """JS name of the map above this control, resolved at render time."""
        return enclosing_map_name(self)
