"""The naive baseline for bench/run.py: the app, but every change rebuilds the whole map.

The events (of the chosen years only) are part of the folium map, so every filter change,
the year slider included, rebuilds, re-sends and remounts the whole map frame, and a large
layer is inlined rather than fetched. Run it with ``streamlit run bench/naive_app.py`` from
the project's root; it is never part of the product or the test run.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import folium  # noqa: E402

from geo.filters import in_years  # noqa: E402
from layers.map import overlay  # noqa: E402
from streamlit_app import main  # noqa: E402
from ui.mapview import Screen  # noqa: E402


def rebuild_everything(m: folium.Map, s: Screen) -> None:
    """Add the year-filtered events to the map itself (nothing swapped, nothing kept)."""
    user = in_years(s.user, s.view.years) if s.user is not None else None
    overlay(s.cat, s.shown, s.layers, user=user).add_to(m)


main(rebuild_everything)
