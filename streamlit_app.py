"""China–Russia joint military activity: the briefing map (UI only)."""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st
from streamlit_folium import st_folium

from geo import filters
from geo.cache import load_cached
from geo.catalog import ANALYSE_MAX, DATA_DIR, Catalog
from geo.claims import COUNTING_RULE, Claims, check, load_claims
from geo.schema import COUNTRY_NAMES, KIND_LABELS, KINDS, ZONE_TYPE_LABELS, ZONE_TYPES
from geo.upload import in_years
from geo.view import View
from layers.escape import markdown
from layers.map import Toggles, base_map, overlay, region_names, years_script
from layers.permalink import parse_extent, parse_state, to_query
from layers.publish import Publisher
from layers.table import DATA_SOURCES, cite, describe_view, events_table, user_table
from layers.trend import trend_chart
from layers.zones import naming_label, naming_options, zone_names
from panels import details_panel, export_panel, upload_panel

st.set_page_config(page_title="China–Russia joint activity map", layout="wide",
                   initial_sidebar_state="expanded")


DATA = Path(os.environ.get("JOINTMAP_DATA", DATA_DIR))  # another catalog, e.g. for bench/
TABLE_MAX = 5000
YEARS = "Years"  # the slider's label: the page script finds the slider by it
PUBLISH = Publisher(Path(__file__).resolve().parent / "static")  # needs enableStaticServing
NAIVE = os.environ.get("JOINTMAP_NAIVE") == "1"  # bench/ baseline: rebuild the whole map


@st.cache_resource(show_spinner="Loading the catalog…")
def catalog(stamp: tuple[float, ...]) -> Catalog:
    """Load once per change of the data files (stamp = their modification times); a
    catalog validated before is read from the disk cache."""
    return load_cached(DATA)[0]


@st.cache_resource
def claims_table() -> Claims:
    """The paper's Table 1 (read once)."""
    return load_claims()


def _stamp() -> tuple[float, ...]:
    return tuple(p.stat().st_mtime if p.exists() else 0.0
                 for p in sorted(DATA.glob("*.geojson")))


cat = catalog(_stamp())
names = region_names(cat)
span = cat.year_span()

if "init" not in st.session_state:  # the URL seeds the widgets once
    query = st.query_params.to_dict()
    start, first, notices = parse_state(query, cat)
    extent = None
    if "map" in query:
        try:
            extent = parse_extent(query["map"])
        except ValueError as exc:
            notices.append(str(exc))
    present = [t for t in ZONE_TYPES if t in set(cat.zones["zone_type"])]
    st.session_state.update(
        init=True, notices=notices, extent=extent, years=start.years or span,
        regions=sorted(start.regions), kinds=sorted(start.kinds),
        participants=sorted(start.participants), show_events=first.events,
        outlines=first.regions, naming=first.naming,
        zone_types=[t for t in present if first.zone_types is None or t in first.zone_types])

with st.sidebar:
    st.header("Filters")
    years = st.slider(YEARS, span[0], span[1], key="years")
    regions = st.multiselect("Regions", list(names), key="regions", format_func=names.get,
                             placeholder="All regions")
    kinds = st.multiselect("Kinds", [k for k in KINDS if k in set(cat.events["kind"])],
                           key="kinds", format_func=KIND_LABELS.get, placeholder="All kinds")
    parts = st.multiselect("Participants", cat.participants(), key="participants",
                           format_func=lambda c: f"{COUNTRY_NAMES.get(c, c)} ({c})",
                           placeholder="All participants")
    st.header("Layers")
    present = [t for t in ZONE_TYPES if t in set(cat.zones["zone_type"])]
    chosen = st.multiselect("Contested zones", present, key="zone_types",
                            format_func=ZONE_TYPE_LABELS.get, placeholder="No zones")
    toggles = Toggles(events=st.checkbox("Events", key="show_events"),
                      zone_types=None if chosen == present else frozenset(chosen),
                      regions=st.checkbox("Region outlines", key="outlines"),
                      naming=st.selectbox("Names of disputed features",
                                          naming_options(cat.zones), key="naming",
                                          format_func=naming_label))

view = View(years=tuple(years), regions=regions, kinds=kinds, participants=parts)
st.query_params.from_dict(to_query(view, toggles, st.session_state.extent))
shown = filters.apply(cat.events, view)
every_year = filters.apply(cat.events, view.with_(years=None))  # map layer, trend, claims

st.title("China–Russia joint military activity")
for notice in st.session_state.notices:
    st.info(f"Link parameter ignored, default used: {notice}")

with st.sidebar:
    user = upload_panel()  # the user's own file: parsed safely, shown as its own layer
    export_panel(cat, view, toggles, shown, user)
if not cat.analysed:
    st.info(f"Route facts are not computed for catalogs of over {ANALYSE_MAX:,} events.")
for p in cat.problems:
    if p.record == "-":  # a whole file missing or unreadable: say so up front
        st.error(f"Bundled data file {markdown(p.file)} could not be read "
                 f"({markdown(p.message)}); the app shows what it could load.")
if cat.problems:
    with st.expander(f"⚠ {len(cat.problems)} record(s) could not be loaded — the rest is shown"):
        st.text("\n".join(str(p) for p in cat.problems))
st.markdown(f"**{len(shown)} of {len(cat.events)} events shown** · "
            f"{describe_view(view, names, span)}")

map_tab, trend_tab = st.tabs(["Map", "Trend and claims check"])
with map_tab:
    m = base_map(cat, toggles, extent=st.session_state.extent, link=True)
    if NAIVE:  # baseline: the year filter rebuilds the whole map on the server
        group = overlay(cat, shown, toggles, user=user and in_years(user, view.years)).add_to(m)
    else:  # years are filtered in the browser: a slider move leaves the layer as it is
        group = overlay(cat, every_year, toggles, publish=PUBLISH, user=user)
        st.html(years_script(view.years or span, YEARS), unsafe_allow_javascript=True)
    out = st_folium(m, key="map", height=720, use_container_width=True,
                    feature_group_to_add=None if NAIVE else group,
                    returned_objects=["last_active_drawing"])
    st.caption(f"{DATA_SOURCES} Basemap: Natural Earth. Dataset version {cat.version}.")

    clicked = ((out or {}).get("last_active_drawing") or {}).get("properties", {}).get("fid")
    if clicked in set(shown["id"]):
        st.session_state["selected"] = clicked

    znames = zone_names(cat.zones, toggles.naming)
    if len(shown) > TABLE_MAX:  # a browser table of 50k rows costs seconds per move
        st.caption(f"Table: the first {TABLE_MAX:,} of {len(shown):,} events in date order; "
                   "export CSV or GeoJSON for all of them.")
    table = events_table(shown.iloc[:TABLE_MAX], names, znames)
    picked = st.dataframe(table, hide_index=True, width="stretch", on_select="rerun",
                          selection_mode="single-row", key="table",
                          column_config={"id": None})
    if picked.selection.rows:
        st.session_state["selected"] = table.iloc[picked.selection.rows[0]]["id"]

    sel = st.session_state.get("selected")
    if sel in set(shown["id"]):
        details_panel(shown, sel, names, znames)

    if user is not None and user.loaded:
        mine = in_years(user, view.years)
        with st.expander(f"Your data: {mine.loaded} of {user.loaded} records in these years"):
            st.dataframe(user_table(mine), hide_index=True, width="stretch", key="user_table")

with trend_tab:  # every year, filtered by region, kind and participants
    trend_events = every_year
    st.altair_chart(trend_chart(trend_events, span, view.years), width="stretch")
    claims = claims_table()
    st.subheader("Claims check: the research paper's Table 1 against the record")
    st.caption(f"Claim: {cite(claims.source)}. {claims.note} Counting rule: {COUNTING_RULE} "
               f"Counted among the events matching the region, kind and participant "
               f"filters ({len(trend_events)} of {len(cat.events)}).")
    st.dataframe(check(trend_events, claims), hide_index=True, width="stretch", key="claims")
