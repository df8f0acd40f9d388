"""Panels of the page that are more than a widget or two.

The user's upload, the export panel and one event's details. UI only; the work is in
``geo`` and ``layers``.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping

import geopandas as gpd
import streamlit as st

from geo.catalog import Catalog
from geo.upload import (
    EXTENSIONS,
    CsvMapping,
    Upload,
    UploadError,
    csv_header,
    guess_mapping,
    parse_upload,
)
from geo.view import Layers, View, to_query
from layers.export import EXPORT_FORMATS, FIGURE_FORMATS, MIME, PALETTES, export_view
from ui import settings as ui
from ui.tables import event_details, problem_table
from ui.text import markdown


@st.cache_data(max_entries=4, show_spinner="Checking your file…")
def _parse(name: str, raw: bytes, mapping: CsvMapping | None) -> Upload:
    return parse_upload(name, raw, mapping=mapping)


def upload_panel() -> Upload | None:
    """The "Your data" sidebar section: file, CSV column mapping, counts and problems.

    Returns
    -------
    Upload or None
        The parsed file; ``None`` when there is none or it was refused (said on the page).
    """
    st.header("Your data")
    upload = st.file_uploader(ui.UPLOAD.label, type=list(EXTENSIONS), key=ui.UPLOAD.key)
    if upload is None:
        return None
    user = None
    try:
        raw = upload.getvalue()
        header = csv_header(upload.name, raw)
        mapping = None
        if header:
            guess, opts = guess_mapping(header).slots(), [ui.NONE, *header]
            st.caption("CSV columns (change if the guess is wrong)")
            # keyed by file and header: a choice made for one CSV must not carry over to the next
            tag = zlib.crc32("\x1f".join([upload.name, *header]).encode("utf-8"))
            chosen = {
                slot: st.selectbox(
                    label,
                    opts,
                    key=f"map_{slot}_{tag:08x}",
                    index=opts.index(guess[slot] or ui.NONE),
                )
                for slot, label in ui.CSV_SLOTS.items()
            }
            mapping = CsvMapping(**{k: None if v == ui.NONE else v for k, v in chosen.items()})
        user = _parse(upload.name, raw, mapping)
    except UploadError as exc:
        st.error(f"File not loaded. {markdown(str(exc))}")
    except Exception as exc:  # never end the session over a user's file
        st.error(f"File not loaded: {markdown(f'{type(exc).__name__}: {exc}')}")
    if user is not None:
        st.text(f"{user.name}: {user.loaded} loaded, {user.rejected} rejected, {user.total} total")
        if user.problems or user.notes:
            with st.expander(f"Rejected ({user.rejected}) and repaired ({len(user.notes)})"):
                st.dataframe(
                    problem_table(user.problems + user.notes),
                    hide_index=True,
                    key="upload_problems",
                )
    return user


def export_panel(
    cat: Catalog, view: View, layers: Layers, shown: gpd.GeoDataFrame, user: Upload | None
) -> None:
    """The "Export this view" sidebar section: format, size, Prepare → progress → Download."""
    st.header("Export this view")
    fmt = st.selectbox(
        ui.EXPORT_FORMAT.label,
        EXPORT_FORMATS,
        key=ui.EXPORT_FORMAT.key,
        format_func=lambda f: f.upper(),
    )
    size = st.radio(
        ui.EXPORT_SIZE.label,
        ["slide", "print"],
        horizontal=True,
        key=ui.EXPORT_SIZE.key,
        disabled=fmt != "png",
    )
    is_figure = fmt in FIGURE_FORMATS
    figure = st.selectbox(
        ui.EXPORT_FIGURE.label,
        list(ui.FIGURE_CHOICES.keys()),
        key=ui.EXPORT_FIGURE.key,
        format_func=lambda f: ui.FIGURE_CHOICES[f],
        disabled=not is_figure,
    )
    palette = st.radio(
        ui.EXPORT_PALETTE.label,
        PALETTES,
        horizontal=True,
        key=ui.EXPORT_PALETTE.key,
        disabled=not (is_figure or fmt == "pptx"),
    )
    by = figure if figure in ("year", "month") else None
    kind = "calendar" if figure == "calendar" else "map"
    mine = (user.name, user.loaded, user.total) if user is not None else None
    wanted = (fmt, size, figure, palette, tuple(sorted(to_query(view, layers).items())), mine)
    if st.button(
        f"Prepare {fmt.upper()}",
        key="prepare",
        disabled=len(shown) == 0,
        help="No events in this view" if len(shown) == 0 else None,
    ):
        bar = st.progress(0.0, text="Starting…") if fmt == "pptx" else None

        def report(fraction: float, message: str) -> None:
            if bar is not None:
                bar.progress(fraction, text=message)

        try:
            with st.spinner(f"Rendering {fmt.upper()}…"):
                data = export_view(
                    cat,
                    view,
                    layers,
                    fmt,
                    size=size,
                    user=user,
                    progress=report,
                    palette=palette,
                    by=by if is_figure else None,
                    figure=kind if is_figure else "map",
                )
            st.session_state.export = (wanted, data)
            if bar:
                bar.empty()
        except (ValueError, RuntimeError, OSError) as exc:
            st.session_state.pop("export", None)
            st.error(f"Export failed: {markdown(str(exc))}")
    if st.session_state.get("export", (None,))[0] == wanted:
        data = st.session_state.export[1]
        st.download_button(
            f"Download {fmt.upper()} ({len(data) / 1e6:.1f} MB)",
            data,
            file_name=f"{ui.EXPORT_FILE}.{fmt}",
            mime=MIME[fmt],
            key="download",
            on_click="ignore",
            type="primary",
        )


def details_panel(
    shown: gpd.GeoDataFrame, selected: str, names: Mapping[str, str], znames: Mapping[str, str]
) -> None:
    """One event's details: dates, kind, participants, assets, facts, notes, sources."""
    d = event_details(shown, selected, names, znames)
    with st.container(border=True, key="details"):
        st.subheader(markdown(d["name"]))
        st.text(
            f"{d['when']} · {d['kind']} · {d['who']} ({d['format']})\n"
            f"Assets: {d['assets']}\n"
            f"Where: {d['where']} · Geometry: {d['geometry']}"
        )
        st.text(
            "\n".join([d["summary"], *d["facts"]]) + (f"\nNote: {d['notes']}" if d["notes"] else "")
        )
        accounts_panel(d["accounts"])
        st.dataframe(
            d["sources"],
            hide_index=True,
            width="stretch",
            column_config={"url": st.column_config.LinkColumn("url")},
        )


ACCOUNTS_PER_ROW = 3


def accounts_panel(accounts: list[dict[str, str]]) -> None:
    """Where official accounts differ: each party's account in its own column, with its source."""
    if not accounts:
        return
    st.markdown("**Accounts side by side** (where official accounts differ)")
    for k in range(0, len(accounts), ACCOUNTS_PER_ROW):
        row = accounts[k : k + ACCOUNTS_PER_ROW]
        for col, acc in zip(st.columns(ACCOUNTS_PER_ROW), row, strict=False):
            with col.container(border=True):
                st.markdown(f"**{markdown(acc['by'])}**")
                st.text(acc["says"])
                st.caption(markdown(acc["source"]))
