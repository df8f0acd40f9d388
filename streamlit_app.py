"""China–Russia joint military activity: the briefing map (UI only)."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from geo import filters
from geo.catalog import DATA_DIR, Catalog, load_catalog
from geo.claims import COUNTING_RULE, check, load_claims
from geo.schema import COUNTRY_NAMES, KIND_LABELS, KINDS, ZONE_TYPE_LABELS, ZONE_TYPES
from geo.view import View
from layers.map import Toggles, base_map, overlay, region_names
from layers.table import DATA_SOURCES, cite, describe_view, event_details, events_table
from layers.trend import trend_chart
from layers.zones import naming_label, naming_options, zone_names

st.set_page_config(page_title="China–Russia joint activity map", layout="wide",
                   initial_sidebar_state="expanded")


@st.cache_resource(show_spinner="Loading the catalog…")
def catalog(stamp: tuple[float, ...]) -> Catalog:
    """Load once per change of the data files (stamp = their modification times)."""
    return load_catalog(DATA_DIR)


def _stamp() -> tuple[float, ...]:
    return tuple(p.stat().st_mtime if p.exists() else 0.0
                 for p in sorted(DATA_DIR.glob("*.geojson")))


cat = catalog(_stamp())
names = region_names(cat)
span = cat.year_span()

if "init" not in st.session_state:  # the URL seeds the widgets once
    start, notices = View.from_query(st.query_params.to_dict(), known=cat.known())
    st.session_state.update(init=True, notices=notices, years=start.years or span,
                            regions=sorted(start.regions), kinds=sorted(start.kinds),
                            participants=sorted(start.participants))

with st.sidebar:
    st.header("Filters")
    years = st.slider("Years", span[0], span[1], key="years")
    regions = st.multiselect("Regions", list(names), key="regions", format_func=names.get,
                             placeholder="All regions")
    kinds = st.multiselect("Kinds", [k for k in KINDS if k in set(cat.events["kind"])],
                           key="kinds", format_func=KIND_LABELS.get, placeholder="All kinds")
    parts = st.multiselect("Participants", cat.participants(), key="participants",
                           format_func=lambda c: f"{COUNTRY_NAMES.get(c, c)} ({c})",
                           placeholder="All participants")
    st.header("Layers")
    present = [t for t in ZONE_TYPES if t in set(cat.zones["zone_type"])]
    toggles = Toggles(events=st.checkbox("Events", True),
                      zone_types=frozenset(st.multiselect(
                          "Contested zones", present, default=present, key="zone_types",
                          format_func=ZONE_TYPE_LABELS.get, placeholder="No zones")),
                      regions=st.checkbox("Region outlines", False),
                      naming=st.selectbox("Names of disputed features",
                                          naming_options(cat.zones), key="naming",
                                          format_func=naming_label))

view = View(years=tuple(years), regions=regions, kinds=kinds, participants=parts)
st.query_params.from_dict(view.to_query())
shown = filters.apply(cat.events, view)

st.title("China–Russia joint military activity")
for notice in st.session_state.notices:
    st.info(f"Link parameter ignored, default used: {notice}")
if cat.problems:
    with st.expander(f"⚠ {len(cat.problems)} record(s) could not be loaded — the rest is shown"):
        st.text("\n".join(str(p) for p in cat.problems))
st.markdown(f"**{len(shown)} of {len(cat.events)} events shown** · "
            f"{describe_view(view, names, span)}")

map_tab, trend_tab = st.tabs(["Map", "Trend and claims check"])
with map_tab:
    m = base_map(cat, toggles)
    out = st_folium(m, key="map", height=720, use_container_width=True,
                    feature_group_to_add=overlay(cat, shown, toggles),
                    returned_objects=["last_active_drawing"])
    st.caption(f"{DATA_SOURCES} Basemap: Natural Earth. Dataset version {cat.version}.")

    clicked = ((out or {}).get("last_active_drawing") or {}).get("properties", {}).get("fid")
    if clicked in set(shown["id"]):
        st.session_state["selected"] = clicked

    znames = zone_names(cat.zones, toggles.naming)
    table = events_table(shown, names, znames)
    picked = st.dataframe(table, hide_index=True, width="stretch", on_select="rerun",
                          selection_mode="single-row", key="table",
                          column_config={"id": None})
    if picked.selection.rows:
        st.session_state["selected"] = table.iloc[picked.selection.rows[0]]["id"]

    sel = st.session_state.get("selected")
    if sel in set(shown["id"]):
        d = event_details(shown, sel, names, znames)
        with st.container(border=True, key="details"):
            st.subheader(d["name"])
            st.text(f"{d['when']} · {d['kind']} · {d['who']} ({d['format']})\n"
                    f"Assets: {d['assets']}\n"
                    f"Where: {d['where']} · Geometry: {d['geometry']}")
            st.text("\n".join([d["summary"], *d["facts"]])
                    + (f"\nNote: {d['notes']}" if d["notes"] else ""))
            st.dataframe(d["sources"], hide_index=True, width="stretch",
                         column_config={"url": st.column_config.LinkColumn("url")})

with trend_tab:  # every year, filtered by region, kind and participants
    trend_events = filters.apply(cat.events, view.with_(years=None))
    st.altair_chart(trend_chart(trend_events, span, view.years), width="stretch")
    claims = load_claims()
    st.subheader("Claims check: the research paper's Table 1 against the record")
    st.caption(f"Claim: {cite(claims.source)}. {claims.note} Counting rule: {COUNTING_RULE} "
               f"Counted among the events matching the region, kind and participant "
               f"filters ({len(trend_events)} of {len(cat.events)}).")
    st.dataframe(check(trend_events, claims), hide_index=True, width="stretch", key="claims")
