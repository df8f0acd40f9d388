"""China–Russia joint military activity: the briefing map (the page; UI only).

Widgets and the URL give a View and Layers (``geo.view``); ``geo`` filters the catalog;
``layers`` draws the map and makes the exports; the ``ui`` package holds the page's panels,
tables, words and scripts.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from geo import filters
from geo.cache import store_problem
from geo.catalog import ANALYSE_MAX
from geo.store import StoreError
from geo.titles import title_for
from geo.view import to_query
from layers.captions import describe_view
from ui import settings as ui
from ui import state
from ui.editor import edit_tab
from ui.live import live_updates
from ui.mapview import EventsDrawer, Screen, in_browser_years, map_tab, presentation
from ui.panels import export_panel, upload_panel
from ui.sidebar import filters as sidebar_filters
from ui.text import markdown
from ui.trend import trend_tab


def main(draw_events: EventsDrawer = in_browser_years) -> None:
    """Run one pass of the page.

    Parameters
    ----------
    draw_events : callable
        How the events reach the map (``bench/naive_app.py`` passes its baseline).
    """
    st.set_page_config(page_title=ui.PAGE_TITLE, layout="wide", initial_sidebar_state="expanded")
    live_updates()  # before the record is read (see ui/live.py)
    try:
        cat = state.catalog()
    except StoreError as exc:  # the team database is down: say so, do not show a traceback
        st.error(f"The shared record could not be read: {markdown(str(exc))}")
        st.stop()
    state.seed_from_url(cat)
    present = st.session_state.get(ui.PRESENT.key, False)
    view, layers = sidebar_filters(cat)
    query = to_query(view, layers, st.session_state.extent)
    st.query_params.from_dict(query | ({ui.PRESENT.key: "1"} if present else {}))
    shown = filters.apply(cat.events, view)
    every_year = filters.apply(cat.events, view.with_(years=None))  # map, trend, claims
    screen = Screen(cat, view, layers, shown, every_year, None, st.session_state.extent)
    if present:  # the map alone, filling the window, for live briefings and captures
        heading = title_for(shown, sorted(view.regions), cat.region_names())
        presentation(
            screen, heading, describe_view(view, cat.region_names(), cat.year_span()), draw_events
        )
        return
    with st.sidebar:
        if st.button(
            ui.PRESENT.label,
            key="to_present",
            help="The map alone, filling the "
            "window, with its title, legend and labels (the link keeps it)",
        ):
            st.session_state[ui.PRESENT.key] = True
            st.rerun()

    st.title(ui.HEADING)
    for notice in st.session_state.notices:
        st.info(f"Link parameter ignored, default used: {markdown(notice)}")
    with st.sidebar:
        user = upload_panel()  # the user's own file: parsed safely, shown as its own layer
        export_panel(cat, view, layers, shown, user)
    if not cat.analysed:
        st.info(f"Route facts are not computed for catalogs of over {ANALYSE_MAX:,} events.")
    for p in cat.problems:
        if p.record == "-":  # a whole file missing or unreadable: say so up front
            st.error(
                f"Bundled data file {markdown(p.file)} could not be read "
                f"({markdown(p.message)}); the app shows what it could load."
            )
    if (why := store_problem()) is not None:  # a full disk or unwritable cache: slower only
        st.warning(f"Catalog cache: {markdown(why)}.")
    if cat.problems:
        with st.expander(
            f"⚠ {len(cat.problems)} record(s) could not be loaded — the rest is shown"
        ):
            st.text("\n".join(str(p) for p in cat.problems))
    st.markdown(
        f"**{len(shown)} of {len(cat.events)} events shown** · "
        f"{describe_view(view, cat.region_names(), cat.year_span())}"
    )

    maps, trend, edit = st.tabs(["Map", "Trend and claims check", "Edit the record"])
    with maps:
        map_tab(replace(screen, user=user), draw_events)
    with trend:
        trend_tab(every_year, len(cat.events), cat.year_span(), view.years, state.claims())
    with edit:
        edit_tab(cat, state.backend())


if __name__ == "__main__":
    main()
