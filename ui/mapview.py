"""The Map tab: the map, its events overlay, the table of shown events and the details."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeAlias

import folium
import geopandas as gpd
import streamlit as st
from branca.element import Element, Figure
from streamlit_folium import st_folium

from geo.catalog import Catalog
from geo.extent import view_bounds
from geo.filters import in_years
from geo.naming import zone_names
from geo.upload import Upload
from geo.view import Extent, Layers, View
from layers.captions import DATA_SOURCES
from layers.events import LOD_EVENTS
from layers.legend import caption_control
from layers.map import base_map, overlay
from ui import settings as ui
from ui import state
from ui.editor import history_panel
from ui.panels import details_panel
from ui.state import PUBLISH
from ui.tables import events_table, user_table
from ui.years import years_script


@dataclass(frozen=True)
class Screen:
    """What one run of the page shows.

    Attributes
    ----------
    cat : Catalog
        The record.
    view : View
        The filters.
    layers : Layers
        What is drawn.
    shown : geopandas.GeoDataFrame
        The events of the view.
    every_year : geopandas.GeoDataFrame
        The events of the view in every year (the map filters the years in the browser).
    user : Upload or None
        The user's uploaded records.
    extent : tuple of float or None
        Where the map opens.
    """

    cat: Catalog
    view: View
    layers: Layers
    shown: gpd.GeoDataFrame
    every_year: gpd.GeoDataFrame
    user: Upload | None
    extent: Extent | None


EventsDrawer: TypeAlias = Callable[[folium.Map, Screen], "folium.FeatureGroup | None"]
"""Puts the events on the map; returns the overlay for ``st_folium(feature_group_to_add=)``,
or ``None`` when it added the events to the map itself."""


def in_browser_years(m: folium.Map, s: Screen) -> folium.FeatureGroup:
    """The app's drawer: the overlay holds every year; the browser filters the years.

    The page hands the slider's years to the map frame, so a slider move re-sends and
    re-draws nothing.
    """
    group = overlay(s.cat, s.every_year, s.layers, publish=PUBLISH, user=s.user)
    if len(s.every_year) > LOD_EVENTS and PUBLISH.problem:
        st.warning(f"Map data: {PUBLISH.problem}.", icon=":material/warning:")
    st.html(
        years_script(s.view.years or s.cat.year_span(), ui.YEARS.label),
        unsafe_allow_javascript=True,
    )
    return group


def map_tab(s: Screen, draw_events: EventsDrawer = in_browser_years) -> None:
    """The Map tab.

    The map, a caption, the table of shown events, the details of the one selected and the
    user's records in the view's years.
    """
    m = base_map(s.cat, s.layers, extent=s.extent, link=True)
    group = draw_events(m, s)
    out = st_folium(
        m,
        key="map",
        height=ui.MAP_HEIGHT,
        use_container_width=True,
        feature_group_to_add=group,
        returned_objects=["last_active_drawing"],
    )
    st.caption(
        f"{DATA_SOURCES} Basemap: Natural Earth. {s.cat.as_of_text()}; "
        f"dataset version {s.cat.version}."
    )

    ids = set(s.shown["id"])
    clicked = ((out or {}).get("last_active_drawing") or {}).get("properties", {}).get("fid")
    if clicked in ids:
        st.session_state["selected"] = clicked

    names = s.cat.region_names()
    znames = zone_names(s.cat.zones, s.layers.naming)
    if len(s.shown) > ui.TABLE_MAX:
        st.caption(
            f"Table: the first {ui.TABLE_MAX:,} of {len(s.shown):,} events in date "
            "order; export CSV or GeoJSON for all of them."
        )
    table = events_table(s.shown.iloc[: ui.TABLE_MAX], names, znames)
    picked = st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key="table",
        column_config={"id": None},
    )
    if picked.selection.rows:
        st.session_state["selected"] = table.iloc[picked.selection.rows[0]]["id"]

    sel = st.session_state.get("selected")
    if isinstance(sel, str) and sel in ids:
        details_panel(s.shown, sel, names, znames)
        history_panel(state.backend().history(sel))  # PostGIS: who changed it, when, why

    if s.user is not None and s.user.loaded:
        mine = in_years(s.user, s.view.years)
        with st.expander(f"Your data: {mine.loaded} of {s.user.loaded} records in these years"):
            st.dataframe(user_table(mine), hide_index=True, width="stretch", key="user_table")


PRESENT_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header,
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
.block-container { padding: 0.4rem 0.8rem 0 0.8rem !important; max-width: 100% !important; }
iframe[title="streamlit_folium.st_folium"] { height: calc(100vh - 3.4rem) !important; }
</style>"""


# inside the map's frame: the map takes the frame's full height (set by PRESENT_CSS)
FILL_CSS = "<style>#map_div { height: 100vh !important; }</style>"


def presentation(
    s: Screen, heading: str, subtitle: str, draw_events: EventsDrawer = in_browser_years
) -> None:
    """The presentation view: the map fills the window with its title, legend and labels.

    No widgets but a button back; the URL keeps ``present=1``, so a link opens it as is.
    """
    st.html(PRESENT_CSS)
    m = base_map(s.cat, s.layers, extent=s.extent)
    root = m.get_root()
    assert isinstance(root, Figure)
    root.header.add_child(Element(FILL_CSS))
    if s.extent is None:  # framed like the figure of the same view, at the window's size
        lon0, lat0, lon1, lat1 = view_bounds(s.cat.regions, s.view.regions, s.shown)
        m.fit_bounds([[lat0, lon0], [lat1, lon1]])
    group = draw_events(m, s)
    if group is not None:
        caption_control(
            heading, [subtitle, f"{len(s.shown)} events shown · {DATA_SOURCES}"], position="topleft"
        ).add_to(group)
    st_folium(
        m,
        key="map",
        height=ui.MAP_HEIGHT,
        use_container_width=True,
        feature_group_to_add=group,
        returned_objects=[],
    )
    if st.button("Leave the presentation view", key="leave_present"):
        st.query_params.pop(ui.PRESENT.key, None)
        st.session_state[ui.PRESENT.key] = False
        st.rerun()
