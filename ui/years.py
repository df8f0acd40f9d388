"""The page script that hands the Years slider's range to the map frame."""

from __future__ import annotations

import json

from geo.view import Years
from layers.jscode import script


def years_script(years: Years, label: str) -> str:
    """``<script>`` for ``st.html`` that hands ``years`` to the map frame.

    It also watches the slider labelled ``label`` and moves the map as soon as the slider
    moves (see ``ui/js/years_bridge.js``).

    Parameters
    ----------
    years : tuple of int
        The range chosen on the server (integers).
    label : str
        The slider's label, by which the page finds it.

    Returns
    -------
    str
        The script element.
    """
    arg = json.dumps(str(label)).replace("<", "\\u003c")
    return (
        f"<script>\n{script('years_bridge.js', 'ui')}\n"
        f"jmYearsBridge({int(years[0])}, {int(years[1])}, {arg});\n</script>"
    )
