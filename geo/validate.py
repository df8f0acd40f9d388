"""The data contract, checked: each feature of events, zones and regions files.

Every check reports ``(field, value, message)`` through a callback, so one feature can
collect all its problems; :func:`check_feature` turns them into :class:`~geo.schema.Problem`
records naming file, record, field and value. :mod:`geo.catalog` reads the files and
assembles what passes.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from shapely.geometry.base import BaseGeometry

from geo.dates import parse_partial
from geo.geometry import AREA_TYPES, LINE_TYPES, POINT_TYPES, GeometryError, check_geometry
from geo.schema import (
    DOMAINS,
    FORMATS,
    KINDS,
    LABEL_TYPES,
    PRECISIONS,
    ZONE_TYPES,
    Problem,
    short,
)
from geo.text import text_problem

FIRST_YEAR = 2012  # the record's scope begins here; it ends today (no end year in the code)
NO_DATE = "n.d."  # citation convention for an undated web page
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,79}$")
_ISO2 = re.compile(r"^[A-Z]{2}$")
_YEAR = re.compile(r"^\d{4}$")
TITLE_FROM = {
    "address": "the headline as the page's address gives it",
    "description": "a description: the headline was not seen and the source carries facts "
    "nothing else does",
}
_PLACEHOLDER = re.compile(r"^[(\[]?\s*(title|headline)\s+not\s+(recorded|shown|seen|known)", re.I)
_URL = re.compile(r"^https?://[^\s<>\"']+$")
_PRECISION_GEOMETRY = {
    "reported_route": LINE_TYPES,
    "approximate_route": LINE_TYPES,
    "reported_area": AREA_TYPES,
    "approximate_area": AREA_TYPES,
    "site": POINT_TYPES,
}

EVENT_COLUMNS = [
    "id", "name", "kind", "domains", "start", "end", "participants", "assets", "summary",
    "precision", "sources", "notes", "format", "last_reported", "accounts", "part_of",
    "crossed_land",
    "start_date", "end_date", "year_start", "year_end",
]  # fmt: skip


ZONE_COLUMNS = ["id", "name", "names", "label", "family", "zone_type", "claimants", "summary",
                "precision", "sources", "notes", "valid_from", "valid_to", "from_date",
                "to_date"]  # fmt: skip


REGION_COLUMNS = ["id", "name"]
LABEL_COLUMNS = ["id", "name", "names", "label_type", "min_zoom", "max_zoom", "rank", "sources",
                 "lon", "lat"]  # fmt: skip


Report = Callable[[str, object, str], None]
Checker = Callable[[dict[str, Any], Report], dict[str, Any]]


def check_feature(
    file: str,
    index: int,
    feat: Any,
    seen: set[str],
    required: Sequence[str],
    check: Checker,
) -> tuple[dict[str, Any] | None, BaseGeometry | None, list[Problem]]:
    """Check one feature of a data file.

    Its shape, required fields, id, properties (with ``check``), geometry, and whether the
    geometry is one its ``precision`` allows.

    Parameters
    ----------
    file : str
        The file's name, for messages.
    index : int
        The feature's position in the file (names the record when it has no usable id).
    feat : object
        The feature as parsed from JSON.
    seen : set of str
        Ids met so far in the file; this feature's id is added.
    required : sequence of str
        Properties that must have a value.
    check : callable
        :func:`check_event`, :func:`check_zone` or :func:`check_region`.

    Returns
    -------
    row : dict or None
        The row for the frame; ``None`` when the feature is rejected.
    geometry : shapely geometry or None
        The checked geometry; ``None`` when rejected.
    problems : list of Problem
        Why it was rejected (empty when accepted).
    """
    if not isinstance(feat, dict) or feat.get("type") != "Feature":
        got = feat.get("type") if isinstance(feat, dict) else type(feat).__name__
        return None, None, [Problem(file, f"#{index}", "type", short(got), "expected a Feature")]
    props = feat.get("properties")
    if not isinstance(props, dict):
        return (
            None,
            None,
            [Problem(file, f"#{index}", "properties", short(props), "expected an object")],
        )
    fid = props.get("id")
    record = fid if isinstance(fid, str) and fid else f"#{index}"
    bad: list[Problem] = []

    def report(fld: str, value: object, msg: str) -> None:
        bad.append(Problem(file, record, fld, short(value), msg))

    for key in required:
        if props.get(key) in (None, "", []):
            report(key, props.get(key), "expected a value for this required field")
    if isinstance(fid, str) and fid:
        if not _ID.match(fid):
            report("id", fid, "expected lower-case letters, digits, '-' or '_' (max 80)")
        elif fid in seen:
            report("id", fid, "expected a unique id, got a duplicate")
        seen.add(fid)
    elif fid not in (None, ""):
        report("id", fid, f"expected a string id, got {type(fid).__name__}")
    row: dict[str, Any] = {}
    if not bad:
        row = check(props, report)
    geom: BaseGeometry | None
    try:
        geom = check_geometry(feat.get("geometry"))
    except GeometryError as exc:
        report("geometry", _geom_summary(feat.get("geometry")), str(exc))
        geom = None
    if geom is not None and not bad and "precision" in props:
        allowed = _PRECISION_GEOMETRY.get(props["precision"])
        if allowed is not None and geom.geom_type not in allowed:
            report(
                "geometry",
                geom.geom_type,
                f"expected {sorted(allowed)} for precision {props['precision']!r}",
            )
    if bad:
        return None, None, bad
    return row, geom, []


def _geom_summary(geom: Any) -> str:
    if isinstance(geom, dict):
        return f"{geom.get('type')}"
    return type(geom).__name__


def _check_sources(sources: Any, report: Report) -> None:
    if not isinstance(sources, list) or not sources:
        report("sources", sources, "expected a non-empty list of {publisher, title, date, url?}")
        return
    for j, src in enumerate(sources):
        where = f"sources[{j}]"
        if not isinstance(src, dict):
            report(where, src, "expected an object {publisher, title, date, url?}")
            continue
        for key in ("publisher", "title", "date"):
            if not isinstance(src.get(key), str) or not src.get(key, "").strip():
                report(f"{where}.{key}", src.get(key), "expected a non-empty string")
        date_text = src.get("date")
        if isinstance(date_text, str) and date_text != NO_DATE and not _YEAR.match(date_text):
            try:
                parse_partial(src["date"])
            except ValueError as exc:
                report(
                    f"{where}.date",
                    src["date"],
                    f"{exc} (a book may give YYYY; {NO_DATE!r} if undated)",
                )
        title = src.get("title")
        if isinstance(title, str) and _PLACEHOLDER.match(title.strip()):
            report(f"{where}.title", title, "expected the source's headline, got a placeholder")
        for key in ("url", "mirror"):
            url = src.get(key)
            if url is not None and (not isinstance(url, str) or not _URL.match(url)):
                report(f"{where}.{key}", url, f"expected an http(s) URL or no {key}")
        if src.get("title_from") not in (None, *TITLE_FROM):
            report(
                f"{where}.title_from",
                src.get("title_from"),
                f"expected one of {list(TITLE_FROM)} or none",
            )


def _str_list(
    props: dict[str, Any],
    key: str,
    allowed: Sequence[str] | None,
    report: Report,
) -> list[str]:
    value = props.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        report(key, value, "expected a list of strings")
        return []
    if allowed is not None:
        for v in value:
            if v not in allowed:
                report(key, v, f"expected one of {list(allowed)}")
    return list(value)


def check_event(props: dict[str, Any], report: Report) -> dict[str, Any]:
    """Check one event's properties against the contract in ``data/README.md``.

    Parameters
    ----------
    props : dict
        The feature's ``properties``.
    report : callable
        ``report(field, value, message)`` records a problem.

    Returns
    -------
    dict
        The row for the events frame (meaningful only when nothing was reported).
    """
    for key in ("name", "assets", "summary"):
        if not isinstance(props.get(key), str):
            report(key, props.get(key), "expected a string")
    for key in ("name", "assets", "summary", "notes"):  # text kept unchanged through exports
        if isinstance(props.get(key), str) and (why := text_problem(props[key])):
            report(key, props[key], why)
    if props.get("kind") not in KINDS:
        report("kind", props.get("kind"), f"expected one of {list(KINDS)}")
    if props.get("precision") not in PRECISIONS:
        report("precision", props.get("precision"), f"expected one of {list(PRECISIONS)}")
    domains = _str_list(props, "domains", DOMAINS, report)
    participants = _str_list(props, "participants", None, report)
    for p in participants:
        if not _ISO2.match(p):
            report("participants", p, "expected an ISO 3166-1 alpha-2 code such as 'CN'")
    if participants and not {"CN", "RU"} <= set(participants):
        report("participants", participants, "expected a joint activity: both 'CN' and 'RU'")
    start, end, last = _event_dates(props, report)
    _check_sources(props.get("sources"), report)
    notes = props.get("notes")
    if notes is not None and not isinstance(notes, str):
        report("notes", notes, "expected a string or no notes")
    fmt = props.get("format")
    if fmt is None:  # derived: who took part together
        fmt = "bilateral" if set(participants) == {"CN", "RU"} else "with_third_countries"
    elif fmt not in FORMATS:
        report("format", fmt, f"expected one of {list(FORMATS)} or no format")
    return {
        "id": props.get("id"),
        "name": props.get("name"),
        "kind": props.get("kind"),
        "domains": domains,
        "start": props.get("start"),
        "end": props.get("end"),
        "participants": participants,
        "assets": props.get("assets"),
        "summary": props.get("summary"),
        "precision": props.get("precision"),
        "sources": props.get("sources"),
        "notes": notes or "",
        "format": fmt,
        "last_reported": props.get("last_reported") if last else None,
        "accounts": _accounts(props.get("accounts"), report),
        "part_of": _part_of(props.get("part_of"), props.get("id"), report),
        "crossed_land": _str_list(props, "crossed_land", None, report)
        if props.get("crossed_land") is not None
        else [],
        "start_date": start,
        "end_date": end,
        "year_start": start.year if start else None,
        "year_end": end.year if end else None,
    }


def _not_future(fld: str, value: object, when: date, report: Report) -> None:
    today = date.today()
    if when > today:
        report(fld, value, f"expected a date up to today ({today.isoformat()}), got a future date")


def _event_dates(
    props: dict[str, Any], report: Report
) -> tuple[date | None, date | None, date | None]:
    """Start, effective end and last report of an event, each checked.

    The effective end is ``end``; with no reported end it is ``last_reported`` (the last
    date a source reports the activity going on), else the start (a one-day or one-month
    event, marked as an unknown end wherever it is shown).
    """
    start = end = last = None
    try:
        start = parse_partial(props.get("start"))
    except ValueError as exc:
        report("start", props.get("start"), str(exc))
    if props.get("last_reported") is not None:
        try:
            last = parse_partial(props["last_reported"], end=True)
        except ValueError as exc:
            report("last_reported", props["last_reported"], str(exc))
    if props.get("end") is not None:
        try:
            end = parse_partial(props.get("end"), end=True)
        except ValueError as exc:
            report("end", props.get("end"), str(exc))
        if last is not None:
            report(
                "last_reported",
                props["last_reported"],
                f"expected no last_reported beside a reported end ({props.get('end')})",
            )
            last = None
    elif last is not None:
        end = last
    elif start is not None:
        end = parse_partial(props["start"], end=True)
    if start and end and end < start:
        fld = "end" if props.get("end") is not None else "last_reported"
        report(fld, props.get(fld), f"expected a date on or after start {props.get('start')}")
    if start and start.year < FIRST_YEAR:
        report("start", props.get("start"), f"expected a year from {FIRST_YEAR} on")
    for fld in ("start", "end", "last_reported"):  # the first day of each must have come
        if isinstance(props.get(fld), str):
            with contextlib.suppress(ValueError):  # a malformed date is reported above
                _not_future(fld, props[fld], parse_partial(props[fld]), report)
    return start, end, last


def _accounts(value: Any, report: Report) -> list[dict[str, Any]]:
    """Each party's account of an event: ``{by, says, source}`` (``source`` as in sources)."""
    if value is None:
        return []
    if not isinstance(value, list):
        report("accounts", value, "expected a list of {by, says, source}")
        return []
    good = []
    for i, acc in enumerate(value):
        where = f"accounts[{i}]"
        if not isinstance(acc, dict):
            report(where, acc, "expected an object {by, says, source}")
            continue
        found = _account_problems(acc)
        for fld, val, msg in found:
            report(f"{where}.{fld}", val, msg)
        if not found:
            good.append(acc)
    return good


def _account_problems(acc: dict[str, Any]) -> list[tuple[str, object, str]]:
    found: list[tuple[str, object, str]] = []

    def note(fld: str, val: object, msg: str) -> None:
        found.append((fld.replace("sources[0]", "source"), val, msg))

    for k in ("by", "says"):
        if not isinstance(acc.get(k), str) or not acc[k].strip():
            note(k, acc.get(k), "expected a non-empty string")
        elif why := text_problem(acc[k]):
            note(k, acc[k], why)
    _check_sources([acc.get("source")], note)
    return found


def _part_of(value: Any, own: Any, report: Report) -> str | None:
    """The id of the activity this one is a phase of (counted once, under that id)."""
    if value is None:
        return None
    if not isinstance(value, str) or not _ID.match(value) or value == own:
        report("part_of", value, "expected the id of another event (this one is its phase)")
        return None
    return value


def check_zone(props: dict[str, Any], report: Report) -> dict[str, Any]:
    """Check one zone's properties; see :func:`check_event` for the arguments.

    Besides the contract fields, a zone may carry ``label`` (a short name for the map),
    ``family`` (the id shared by the versions of a zone that changed shape; default: its own
    id) and ``valid_from`` / ``valid_to`` (``YYYY-MM-DD`` or ``YYYY-MM``; no ``valid_from``
    means in force since before the record begins, no ``valid_to`` means still in force).
    """
    if props.get("zone_type") not in ZONE_TYPES:
        report("zone_type", props.get("zone_type"), f"expected one of {list(ZONE_TYPES)}")
    if props.get("precision") not in PRECISIONS:
        report("precision", props.get("precision"), f"expected one of {list(PRECISIONS)}")
    _str_list(props, "claimants", None, report)
    names = props.get("names")
    if names is not None and not (
        isinstance(names, dict) and all(isinstance(v, str) for v in names.values())
    ):
        report("names", names, "expected an object of party code -> name")
    for key in ("label", "family"):
        value = props.get(key)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            report(key, value, "expected a non-empty string or no value")
        elif isinstance(value, str) and (why := text_problem(value)):
            report(key, value, why)
    family = props.get("family") or props.get("id")
    if isinstance(family, str) and not _ID.match(family):
        report("family", family, "expected lower-case letters, digits, '-' or '_' (max 80)")
    start = end = None
    if props.get("valid_from") is not None:
        try:
            start = parse_partial(props["valid_from"])
        except ValueError as exc:
            report("valid_from", props["valid_from"], str(exc))
    if props.get("valid_to") is not None:
        try:
            end = parse_partial(props["valid_to"], end=True)
        except ValueError as exc:
            report("valid_to", props["valid_to"], str(exc))
    if start and end and end < start:
        report(
            "valid_to",
            props["valid_to"],
            f"expected an end on or after valid_from {props['valid_from']}",
        )
    if start is not None:
        _not_future("valid_from", props["valid_from"], start, report)
    _check_sources(props.get("sources"), report)
    return {k: props.get(k) for k in ZONE_COLUMNS} | {
        "names": names or {},
        "label": props.get("label") or props.get("name"),
        "family": family,
        "notes": props.get("notes") or "",
        "from_date": start,
        "to_date": end,
    }


def check_label(props: dict[str, Any], report: Report) -> dict[str, Any]:
    """Check one gazetteer label (``data/labels.geojson``); see :func:`check_event`.

    ``label_type`` is one of :data:`geo.schema.LABEL_TYPES`; ``min_zoom`` (0–12) is the
    zoom from which the map shows it, ``max_zoom`` (optional) the last (a strait's name
    gives way to its channels' names); ``rank`` orders labels of one type (1 first);
    ``names`` gives the names of parties to a dispute, as zones do.
    """
    if props.get("label_type") not in LABEL_TYPES:
        report("label_type", props.get("label_type"), f"expected one of {list(LABEL_TYPES)}")
    zoom = props.get("min_zoom")
    if not isinstance(zoom, int | float) or isinstance(zoom, bool) or not 0 <= zoom <= 12:
        report("min_zoom", zoom, "expected a number from 0 to 12")
    top = props.get("max_zoom")
    if top is not None and (
        not isinstance(top, int | float)
        or isinstance(top, bool)
        or not (isinstance(zoom, int | float) and zoom <= top <= 12)
    ):
        report("max_zoom", top, f"expected a number from min_zoom ({zoom}) to 12, or none")
        top = None
    rank = props.get("rank", 5)
    if not isinstance(rank, int) or isinstance(rank, bool) or rank < 1:
        report("rank", rank, "expected a whole number from 1")
    names = props.get("names")
    if names is not None and not (
        isinstance(names, dict) and all(isinstance(v, str) for v in names.values())
    ):
        report("names", names, "expected an object of party code -> name")
    if isinstance(props.get("name"), str) and (why := text_problem(props["name"])):
        report("name", props["name"], why)
    _check_sources(props.get("sources"), report)
    return {
        "id": props.get("id"),
        "name": props.get("name"),
        "names": names or {},
        "label_type": props.get("label_type"),
        "min_zoom": zoom,
        "max_zoom": top,
        "rank": rank,
        "sources": props.get("sources"),
        "lon": None,
        "lat": None,
    }


def check_region(props: dict[str, Any], report: Report) -> dict[str, Any]:
    """Check one region's properties; see :func:`check_event` for the arguments."""
    if not isinstance(props.get("name"), str):
        report("name", props.get("name"), "expected a string")
    return {"id": props.get("id"), "name": props.get("name")}
