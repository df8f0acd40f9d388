"""What the page keeps between reruns.

The cached catalog, and the widgets seeded once from the URL.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from geo.backends import Backend, DbBackend, FileBackend
from geo.cache import load_cached, load_cached_texts
from geo.catalog import Catalog
from geo.claims import Claims, load_claims
from geo.paths import data_dir
from geo.schema import ZONE_TYPES
from geo.store import Store, dsn
from geo.view import clamp_years, parse_extent, parse_state
from layers.publish import Publisher
from ui import settings as ui

# large layers are served from the app's own static/ (needs server.enableStaticServing)
PUBLISH = Publisher(Path(__file__).resolve().parent.parent / "static")


@st.cache_resource(show_spinner="Loading the catalog…")
def _catalog(folder: str, stamp: tuple[float, ...]) -> Catalog:
    # once per change of the data files (stamp = their modification times); a catalog
    # validated before is read from the disk cache
    return load_cached(folder)[0]


@st.cache_resource(show_spinner="Loading the record from the database…", max_entries=4)
def _db_catalog(conninfo: str, stamp: tuple[int, str]) -> Catalog:
    # once per change in the database (stamp = last revision and last import)
    return load_cached_texts(Store(conninfo).files())


def stamp() -> tuple[object, ...]:
    """What changes when the record does (the database's last revision, or file times)."""
    conninfo = dsn()
    if conninfo:
        return ("db", *Store(conninfo).stamp())
    return _file_stamp(data_dir())


def _file_stamp(folder: Path) -> tuple[float, ...]:
    return tuple(p.stat().st_mtime if p.exists() else 0.0 for p in sorted(folder.glob("*.geojson")))


def catalog() -> Catalog:
    """The record in use, loaded once per change: PostGIS at ``$JOINTMAP_DB``, else the files.

    Raises
    ------
    geo.store.StoreError
        When the database cannot be reached (the page says so).
    """
    conninfo = dsn()
    if conninfo:
        return _db_catalog(conninfo, Store(conninfo).stamp())
    folder = data_dir()
    return _catalog(str(folder), _file_stamp(folder))


def backend() -> Backend:
    """Where edits go: the database when configured, else the data folder in use."""
    conninfo = dsn()
    return DbBackend(Store(conninfo)) if conninfo else FileBackend(data_dir())


@st.cache_resource
def claims() -> Claims:
    """The research paper's Table 1 (read once)."""
    return load_claims()


def seed_from_url(cat: Catalog) -> None:
    """On a session's first run, set the widgets from the URL's parameters.

    Bad parameters fall back to their defaults; the notices are kept in
    ``st.session_state.notices`` for the page to show.
    """
    if "init" in st.session_state:
        return
    query = st.query_params.to_dict()
    presenting = query.pop(ui.PRESENT.key, None) == "1"
    picked = query.pop("event", None)  # a link to one event opens its details
    start, first, notices = parse_state(query, cat)
    years, why = clamp_years(start.years, cat.year_span())
    if why:
        notices.append(why)
    if picked is not None:
        if picked in set(cat.events["id"]):
            st.session_state["selected"] = picked
        else:
            notices.append(f"event: expected the id of an event in the record, got {picked!r}")
    extent = None
    if "map" in query:
        try:
            extent = parse_extent(query["map"])
        except ValueError as exc:
            notices.append(str(exc))
    present = [t for t in ZONE_TYPES if t in set(cat.zones["zone_type"])]
    st.session_state.update(
        {
            "init": True,
            "notices": notices,
            "extent": extent,
            ui.PRESENT.key: presenting,
            ui.YEARS.key: years or cat.year_span(),
            ui.REGIONS.key: sorted(start.regions),
            ui.KINDS.key: sorted(start.kinds),
            ui.PARTICIPANTS.key: sorted(start.participants),
            ui.SHOW_EVENTS.key: first.events,
            ui.OUTLINES.key: first.outlines,
            ui.NAMING.key: first.naming,
            ui.ZONE_TYPES.key: [
                t for t in present if first.zone_types is None or t in first.zone_types
            ],
        }
    )
