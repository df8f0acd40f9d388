"""The "Edit the record" tab: add an event or correct one, with the loader's own checks.

Who edits comes from :mod:`geo.users`; where the edit goes from :mod:`geo.backends`. A
save that meets someone else's newer save shows both versions and overwrites nothing.
"""

from __future__ import annotations

import json
import os
from typing import Any

import pandas as pd
import streamlit as st

from geo.authoring import RecordError
from geo.backends import NEW, Backend, EditConflict
from geo.catalog import Catalog
from geo.schema import DOMAINS, KIND_LABELS, KINDS, PRECISION_LABELS, PRECISIONS
from geo.store import Revision
from geo.users import HEADER_ENV, check_name, local_user, sign_in, users_file
from ui.text import markdown

GEOMETRY_TYPES = ("route", "area", "site")
NEW_LABEL = "New event"


def who_edits(backend: Backend) -> str | None:
    """The signed-in editor's name, after a sign-in form if one is needed (``None``: none)."""
    header = os.environ.get(HEADER_ENV)
    if header:
        name = st.context.headers.get(header)
        if not name:
            st.info(f"Editing: expected your name in the {header} header from the sign-in proxy, "
                    "got none. Reading needs no account.")  # fmt: skip
            return None
        try:
            return check_name(name)
        except ValueError as exc:
            st.error(f"Editing: {markdown(str(exc))}")
            return None
    if users_file() is not None:
        if st.session_state.get("editor"):
            return str(st.session_state["editor"])
        with st.form("sign_in"):
            st.markdown("**Sign in to edit** (reading needs no account)")
            name = st.text_input("User name", key="sign_in_name")
            password = st.text_input("Password", type="password", key="sign_in_password")
            if st.form_submit_button("Sign in"):
                who = sign_in(name, password)
                if who is None:
                    st.error("Sign-in failed: expected a known user name and its password.")
                else:
                    st.session_state["editor"] = who
                    st.rerun()
        return None
    if backend.label == "files":
        return local_user()
    st.info(
        "Editing the shared record needs a named user: set JOINTMAP_USERS (a users file, "
        "`python -m geo users add NAME`) or JOINTMAP_AUTH_HEADER (a sign-in proxy's header). "
        "Reading needs no account."
    )
    return None


def _lines(rows: list[list[Any]]) -> str:
    return "\n".join(" | ".join(str(v) for v in row) for row in rows)


def _waypoints_text(rec: dict[str, Any]) -> str:
    return _lines([list(w) for w in rec.get("waypoints", [])])


def _sources_text(rec: dict[str, Any]) -> str:
    return _lines(
        [[s.get("publisher", ""), s.get("title", ""), s.get("date", ""), s.get("url", "")]
         for s in rec.get("sources", [])]
    )  # fmt: skip


def parse_waypoints(text: str) -> list[list[Any]]:
    """``label | lon | lat`` or ``label | strait:ID`` per line, as the records hold them.

    Raises
    ------
    RecordError
        Naming the line and what was expected.
    """
    out: list[list[Any]] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")]
        try:
            if len(parts) == 2 and parts[1].startswith(("strait:", "channel:")):
                out.append(parts)
            elif len(parts) == 3:
                out.append([parts[0], float(parts[1]), float(parts[2])])
            else:
                raise ValueError
        except ValueError:
            raise _error(
                "waypoints",
                line,
                f"expected line {n} as 'label | lon | lat' or 'label | strait:ID'",
            ) from None
    return out


def parse_sources(text: str, old: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``publisher | title | date | url`` per line; a source kept as is keeps its other keys."""
    known = {(s.get("publisher"), s.get("title"), s.get("date"), s.get("url", "")): s for s in old}
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) not in (3, 4):
            raise _error("sources", line, f"expected line {n} as 'publisher | title | date | url'")
        key = (parts[0], parts[1], parts[2], parts[3] if len(parts) == 4 else "")
        src = dict(known.get(key, {}))
        src.update({"publisher": key[0], "title": key[1], "date": key[2]})
        if key[3]:
            src["url"] = key[3]
        out.append(src)
    return out


def _error(fld: str, value: str, msg: str) -> RecordError:
    from geo.schema import Problem

    return RecordError([Problem("form", "-", fld, value[:80], msg)])


def record_from_form(base: dict[str, Any], form: dict[str, str]) -> dict[str, Any]:
    """The record the form describes: ``base`` (its other keys kept) with the form's fields.

    Raises
    ------
    RecordError
        When a field cannot be read (the record's own rules are checked on save).
    """
    rec = dict(base)
    for key in ("id", "name", "kind", "start", "assets", "summary", "precision",
                "geometry_type", "notes"):  # fmt: skip
        rec[key] = form[key].strip()
    rec["domains"] = list(form["domains"])
    rec["participants"] = [p.strip().upper() for p in form["participants"].split(",") if p.strip()]
    for key in ("end", "notes"):
        if not rec.get(key):
            rec.pop(key, None)
    if form["end"].strip():
        rec["end"] = form["end"].strip()
    rec["waypoints"] = parse_waypoints(form["waypoints"])
    radius = form["radius_km"].strip()
    if radius:
        try:
            rec["radius_km"] = float(radius)
        except ValueError:
            raise _error("radius_km", radius, "expected a number of kilometres") from None
    else:
        rec.pop("radius_km", None)
    rec["sources"] = parse_sources(form["sources"], base.get("sources", []))
    accounts = form["accounts"].strip()
    if accounts:
        try:
            rec["accounts"] = json.loads(accounts)
        except json.JSONDecodeError as exc:
            raise _error("accounts", accounts, f"expected a JSON list, got {exc.msg}") from None
    else:
        rec.pop("accounts", None)
    return rec


def edit_tab(cat: Catalog, backend: Backend) -> None:
    """Pick an event (or a new one), edit it in a form, save it with a reason."""
    st.caption(
        f"Record: {'the shared PostGIS database' if backend.label != 'files' else 'the files'}"
        " · every save is checked by the same rules as the loader."
    )
    author = who_edits(backend)
    if author is None:
        return
    if st.session_state.get("edit_done"):  # kept across the reruns a save sets off
        st.success(st.session_state["edit_done"])
    ev = cat.events.sort_values("start_date", ascending=False)
    labels = {f"{r['start']} · {r['name']} ({r['id']})": r["id"] for r in ev.to_dict("records")}
    pending = st.session_state.pop("edit_pick_id", None)  # just saved: open it, with history
    if pending is not None:
        st.session_state["edit_pick"] = next(
            (lab for lab, i in labels.items() if i == pending), NEW_LABEL
        )
    pick = st.selectbox("Event to edit", [NEW_LABEL, *labels], key="edit_pick")
    eid = labels.get(pick)
    gen = st.session_state.setdefault("edit_gen", 0)
    token_key = f"edit_token|{eid}|{gen}"
    if token_key not in st.session_state:  # opened now: later saves must start from this
        opened = backend.open(eid) if eid else None
        st.session_state[token_key] = opened.token if opened else NEW
        st.session_state[f"edit_base|{eid}|{gen}"] = (opened.record if opened else None) or {}
    base: dict[str, Any] = st.session_state[f"edit_base|{eid}|{gen}"]
    conflict = st.session_state.get("edit_conflict")
    if isinstance(conflict, EditConflict) and conflict.event_id == (eid or conflict.event_id):
        conflict_panel(conflict)
    _form(base, eid, gen, author, backend, token_key)
    if eid:
        history_panel(backend.history(eid))


def _form(
    base: dict[str, Any], eid: str | None, gen: int, author: str, backend: Backend, token_key: str
) -> None:
    k = f"{eid}|{gen}"
    with st.form(f"edit|{k}"):
        st.markdown(f"**{'Correct ' + markdown(eid) if eid else 'Add an event'}** · as {author}")
        form: dict[str, Any] = {}
        c1, c2, c3 = st.columns(3)
        form["id"] = c1.text_input(
            "id", base.get("id", ""), disabled=bool(eid), key=f"id|{k}",
            help="lower case, digits and -, e.g. air-patrol-2026-12",
        )  # fmt: skip
        form["kind"] = c2.selectbox(
            "Kind", KINDS, index=KINDS.index(base.get("kind", "air_patrol")),
            format_func=lambda x: KIND_LABELS.get(x, x), key=f"kind|{k}",
        )  # fmt: skip
        form["precision"] = c3.selectbox(
            "Precision", PRECISIONS,
            index=PRECISIONS.index(base.get("precision", "approximate_route")), key=f"prec|{k}",
            format_func=lambda x: PRECISION_LABELS.get(x, x),
        )  # fmt: skip
        form["name"] = st.text_input("Name", base.get("name", ""), key=f"name|{k}")
        c1, c2, c3 = st.columns(3)
        form["start"] = c1.text_input("Start (YYYY-MM-DD)", base.get("start", ""), key=f"start|{k}")
        form["end"] = c2.text_input("End (YYYY-MM-DD)", base.get("end", "") or "", key=f"end|{k}")
        form["participants"] = c3.text_input(
            "Participants (ISO codes)", ", ".join(base.get("participants", ["CN", "RU"])),
            key=f"who|{k}",
        )  # fmt: skip
        form["domains"] = st.multiselect(
            "Domains", DOMAINS, default=base.get("domains", []), key=f"dom|{k}"
        )
        form["assets"] = st.text_input("Assets", base.get("assets", ""), key=f"assets|{k}")
        form["summary"] = st.text_area("Summary", base.get("summary", ""), key=f"sum|{k}")
        c1, c2 = st.columns([1, 3])
        form["geometry_type"] = c1.selectbox(
            "Geometry", GEOMETRY_TYPES,
            index=GEOMETRY_TYPES.index(base.get("geometry_type", "route")), key=f"gt|{k}",
        )  # fmt: skip
        form["radius_km"] = c1.text_input(
            "Radius, km (an area round one point)", str(base.get("radius_km", "")), key=f"rad|{k}"
        )
        form["waypoints"] = c2.text_area(
            "Waypoints, one a line: label | lon | lat (or label | strait:korea)",
            _waypoints_text(base), height=150, key=f"wp|{k}",
        )  # fmt: skip
        form["sources"] = st.text_area(
            "Sources, one a line: publisher | title | date | url", _sources_text(base),
            key=f"src|{k}",
        )  # fmt: skip
        form["accounts"] = st.text_area(
            "Accounts where official accounts differ (JSON list, optional)",
            json.dumps(base["accounts"], ensure_ascii=False, indent=1) if base.get("accounts")
            else "", key=f"acc|{k}",
        )  # fmt: skip
        form["notes"] = st.text_input("Notes", base.get("notes", ""), key=f"notes|{k}")
        reason = st.text_input("Why this change (kept with it)", key=f"why|{k}")
        saved = st.form_submit_button("Save", type="primary")
        deleted = (
            st.form_submit_button("Delete this event (kept in the history)")
            if eid and backend.label != "files"
            else False
        )
    if saved:
        _save(base, form, eid, author, reason, backend, token_key)
    elif deleted and eid:
        _delete(eid, author, reason, backend, token_key)


def _delete(eid: str, author: str, reason: str, backend: Backend, token_key: str) -> None:
    if not reason.strip():
        st.error("Not deleted: expected a reason (it is kept in the history).")
        return
    try:
        done = backend.delete(eid, author=author, reason=reason, token=st.session_state[token_key])
    except EditConflict as exc:
        st.error(f"Not deleted: {markdown(str(exc))}")
        return
    st.session_state["edit_done"] = done
    st.session_state["edit_pick_id"] = ""  # gone from the list: back to a new event
    st.session_state["edit_gen"] = st.session_state.get("edit_gen", 0) + 1
    st.rerun()


def _save(
    base: dict[str, Any],
    form: dict[str, Any],
    eid: str | None,
    author: str,
    reason: str,
    backend: Backend,
    token_key: str,
) -> None:
    st.session_state.pop("edit_done", None)
    st.session_state.pop("edit_conflict", None)
    if not reason.strip():
        st.error("Not saved: expected a reason for the change (it is kept in the history).")
        return
    try:
        record = record_from_form(base, form)
        with st.spinner("Checking and saving (a route is drawn round the land)…"):
            done = backend.save(record, author=author, reason=reason,
                                token=st.session_state[token_key], new=eid is None)  # fmt: skip
    except RecordError as exc:
        st.error("Not saved: " + " · ".join(
            f"{p.field}={p.value}: {p.message}" for p in exc.problems))  # fmt: skip
        return
    except EditConflict as exc:
        st.session_state["edit_conflict"] = exc  # shown until resolved, across reruns
        st.rerun()
    st.session_state["edit_done"] = done
    st.session_state["edit_pick_id"] = record.get("id")
    st.session_state["edit_gen"] = st.session_state.get("edit_gen", 0) + 1  # reopen it fresh
    st.rerun()  # the record changed: reload it, then show the message above the form


def conflict_panel(conflict: EditConflict) -> None:
    """Both versions, field by field, and the way out: start again from the saved one."""
    st.error(f"Not saved: {markdown(str(conflict))}")
    theirs = conflict.theirs or {}
    keys = sorted(k for k in set(conflict.mine) | set(theirs)
                  if conflict.mine.get(k) != theirs.get(k))  # fmt: skip
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "field": k,
                    "your version": _shown(conflict.mine.get(k)),
                    "the version saved meanwhile": _shown(theirs.get(k)),
                }
                for k in keys
            ]
        ),
        hide_index=True,
        width="stretch",
    )
    if st.button("Start again from the saved version (your text above is kept to copy)",
                 key="edit_restart"):  # fmt: skip
        st.session_state.pop("edit_conflict", None)
        st.session_state["edit_gen"] = st.session_state.get("edit_gen", 0) + 1
        st.rerun()


def _shown(value: Any) -> str:
    if value is None:
        return "—"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def history_panel(revisions: list[Revision]) -> None:
    """An event's revisions: who, when, why, and which fields each changed."""
    if not revisions:
        return
    rows = []
    for k, rev in enumerate(revisions):
        before = revisions[k + 1].feature if k + 1 < len(revisions) else None
        rows.append(
            {
                "version": rev.version,
                "when": rev.made_at.strftime("%Y-%m-%d %H:%M:%S %Z"),
                "who": rev.author,
                "why": rev.reason,
                "changed": "deleted" if rev.deleted else changed_fields(before, rev.feature),
            }
        )
    with st.expander(f"History: {len(revisions)} revision(s)", expanded=False):
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def changed_fields(before: dict[str, Any] | None, after: dict[str, Any] | None) -> str:
    """The properties (and geometry) that differ between two versions of a feature."""
    if before is None:
        return "created"
    if after is None:
        return "deleted"
    a, b = before.get("properties", {}), after.get("properties", {})
    keys = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
    if before.get("geometry") != after.get("geometry"):
        keys.append("geometry")
    return ", ".join(keys) or "no change"
