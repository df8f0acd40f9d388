"""Other editors' saves reach this page within seconds, without a click."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from geo.store import StoreError
from ui import state

POLL = dt.timedelta(seconds=3)


@st.fragment(run_every=POLL)
def live_updates() -> None:
    """Every few seconds, compare the record's stamp; rerun the page when it changed.

    The stamp is one indexed query on the database (its last revision), or the data
    files' modification times: another process's save shows here within :data:`POLL`.
    """
    try:
        now = state.stamp()
    except StoreError:
        return  # the page already says the database is unreachable
    seen = st.session_state.setdefault("record_stamp", now)
    if now != seen:
        st.session_state["record_stamp"] = now
        st.rerun(scope="app")
