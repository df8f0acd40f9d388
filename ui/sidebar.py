"""The sidebar's filters and layer switches, read into a View and Layers."""

from __future__ import annotations

from typing import cast

import streamlit as st

from geo.catalog import Catalog
from geo.dates import UNKNOWN_END_RULE, UNKNOWN_END_SHORT
from geo.naming import naming_options
from geo.schema import COUNTRY_NAMES, KIND_LABELS, KINDS, ZONE_TYPE_LABELS, ZONE_TYPES
from geo.view import Layers, View
from ui import settings as ui


def filters(cat: Catalog) -> tuple[View, Layers]:
    """Draw the Filters and Layers sections; return what they select.

    Parameters
    ----------
    cat : Catalog
        Supplies the year span, regions, kinds, participants and zone types offered.

    Returns
    -------
    view : View
        The filters.
    layers : Layers
        The layers drawn and the naming of disputed features.
    """
    names = cat.region_names()
    span = cat.year_span()
    with st.sidebar:
        st.header("Filters")
        # a range slider (its value, seeded from the URL, is a pair): a (first, last) pair
        if span[0] < span[1]:
            years = cast(
                tuple[int, int], st.slider(ui.YEARS.label, span[0], span[1], key=ui.YEARS.key)
            )
        else:  # one year of data: nothing to slide (Streamlit refuses a slider with min == max)
            years = span
            st.caption(f"{ui.YEARS.label}: {span[0]} (the only year in the record)")
        st.caption(f"{cat.as_of_text()}. {UNKNOWN_END_SHORT}", help=UNKNOWN_END_RULE)
        regions = st.multiselect(
            ui.REGIONS.label,
            list(names),
            key=ui.REGIONS.key,
            format_func=lambda r: names.get(r, r),
            placeholder=ui.REGIONS.placeholder,
        )
        kinds = st.multiselect(
            ui.KINDS.label,
            [k for k in KINDS if k in set(cat.events["kind"])],
            key=ui.KINDS.key,
            format_func=lambda k: KIND_LABELS.get(k, k),
            placeholder=ui.KINDS.placeholder,
        )
        parts = st.multiselect(
            ui.PARTICIPANTS.label,
            cat.participants(),
            key=ui.PARTICIPANTS.key,
            format_func=lambda c: f"{COUNTRY_NAMES.get(c, c)} ({c})",
            placeholder=ui.PARTICIPANTS.placeholder,
        )
        st.header("Layers")
        present = [t for t in ZONE_TYPES if t in set(cat.zones["zone_type"])]
        chosen = st.multiselect(
            ui.ZONE_TYPES.label,
            present,
            key=ui.ZONE_TYPES.key,
            format_func=lambda t: ZONE_TYPE_LABELS.get(t, t),
            placeholder=ui.ZONE_TYPES.placeholder,
        )
        layers = Layers(
            events=st.checkbox(ui.SHOW_EVENTS.label, key=ui.SHOW_EVENTS.key),
            zone_types=None if chosen == present else frozenset(chosen),
            outlines=st.checkbox(ui.OUTLINES.label, key=ui.OUTLINES.key),
            naming=st.selectbox(
                ui.NAMING.label,
                naming_options(cat.zones),
                key=ui.NAMING.key,
                format_func=ui.naming_label,
            ),
        )
    view = View.of(years=years, regions=regions, kinds=kinds, participants=parts)
    return view, layers
