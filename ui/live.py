"""Other editors' saves reach this page within seconds, without a click."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from geo.store import StoreError
from ui import state

POLL = dt.timedelta(seconds=3)


def _stamp() -> tuple[object, ...] | None:
    try:
        return state.stamp()
    except StoreError:
        return None  # the page says the database is unreachable


def live_updates() -> None:
    """Note the record's stamp for this run, then watch it every few seconds.

    Call it before the record is loaded: a save landing in between then costs one extra
    rerun, never a missed one. A full run never reruns itself here (that would drop the
    click that started it, e.g. a form's Save); only the periodic check does.
    """
    st.session_state["record_stamp"] = _stamp()
    _watch()


@st.fragment(run_every=POLL)
def _watch() -> None:
    """The periodic check: one indexed query (the last revision) or the data files' times."""
    now = _stamp()
    if now is not None and now != st.session_state.get("record_stamp"):
        st.session_state["record_stamp"] = now
        st.rerun(scope="app")
