"""Load and validate ``data/*.geojson`` into GeoDataFrames with precise problems.

Files are parsed with the standard library (never handed to GDAL), each feature is checked
on its own, and a bad feature is reported as a :class:`~geo.schema.Problem` while the rest
still loads: loaded + rejected = total, always.
"""

from __future__ import annotations

import gc
import hashlib
import json
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from geo import analysis, basemap
from geo import regions as region_ops
from geo.dates import parse_partial
from geo.frame import to_display
from geo.geometry import AREA_TYPES, LINE_TYPES, POINT_TYPES, GeometryError, check_geometry
from geo.paths import BASEMAP_NAME, CATALOG_FILES, DATA_DIR
from geo.schema import (
    DOMAINS,
    EVENT_REQUIRED,
    FORMATS,
    KINDS,
    PRECISIONS,
    REGION_REQUIRED,
    ZONE_REQUIRED,
    ZONE_TYPES,
    Problem,
    short,
)
from geo.text import text_problem

SCOPE_YEARS = (2012, 2025)
NO_DATE = "n.d."  # citation convention for an undated web page
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,79}$")
_ISO2 = re.compile(r"^[A-Z]{2}$")
_YEAR = re.compile(r"^\d{4}$")
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
    "precision", "sources", "notes", "format", "start_date", "end_date", "year_start",
    "year_end",
]  # fmt: skip


@dataclass
class Collection:
    """Features of one file that passed, and the problems of those that did not."""

    frame: gpd.GeoDataFrame
    problems: list[Problem] = field(default_factory=list)
    total: int = 0


@dataclass
class Catalog:
    """Everything the app shows, loaded once.

    Attributes
    ----------
    events, zones, regions : geopandas.GeoDataFrame
        Valid records, EPSG:4326, storage frame (RFC 7946, cut at 180°).
    problems : list of Problem
        Every rejected record and catalog-level inconsistency.
    totals : dict
        Features read per file, so loaded + rejected can be shown.
    version : str
        Short hash of the data files' bytes, for caches and captions.
    analysed : bool
        Whether the route facts were computed (see :func:`load_catalog`).
    """

    events: gpd.GeoDataFrame
    zones: gpd.GeoDataFrame
    regions: gpd.GeoDataFrame
    problems: list[Problem]
    totals: dict[str, int]
    version: str
    analysed: bool = True

    def year_span(self) -> tuple[int, int]:
        """First start year and last end year of the events (the scope when empty)."""
        if len(self.events) == 0:
            return SCOPE_YEARS
        return int(self.events["year_start"].min()), int(self.events["year_end"].max())

    def region_names(self) -> dict[str, str]:
        """Region id -> display name."""
        return dict(zip(self.regions["id"], self.regions["name"], strict=True))

    def participants(self) -> list[str]:
        """Participant codes, most frequent first."""
        return self.events["participants"].explode().value_counts().index.tolist()

    def known(self) -> dict[str, frozenset[str]]:
        """Allowed values per View field, for decoding URLs."""
        return {
            "regions": frozenset(self.regions["id"]),
            "kinds": frozenset(KINDS),
            "participants": frozenset(self.participants()),
        }


def _empty(columns: Sequence[str]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({c: [] for c in columns}, geometry=[], crs="EPSG:4326")


def read_features(path: Path) -> tuple[list[Any], list[Problem]]:
    """Read a FeatureCollection with :mod:`json`; file-level problems are returned, not raised.

    Parameters
    ----------
    path : pathlib.Path
        The GeoJSON file.

    Returns
    -------
    features : list
        The raw ``features`` array (empty on a file-level problem).
    problems : list of Problem
    """
    name = path.name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        msg = f"expected a readable file, got {exc.strerror}"
        return [], [Problem(name, "-", "file", "-", msg)]
    try:
        doc = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        msg = f"expected UTF-8 text, got an invalid byte at offset {exc.start}"
        return [], [Problem(name, "-", "file", "-", msg)]
    except json.JSONDecodeError as exc:
        msg = f"expected JSON, got {exc.msg} at line {exc.lineno} column {exc.colno}"
        return [], [Problem(name, "-", "file", "-", msg)]
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        got = doc.get("type") if isinstance(doc, dict) else type(doc).__name__
        msg = "expected a GeoJSON FeatureCollection"
        return [], [Problem(name, "-", "type", short(got), msg)]
    feats = doc.get("features")
    if not isinstance(feats, list):
        msg = "expected a list of features"
        return [], [Problem(name, "-", "features", short(type(feats).__name__), msg)]
    return feats, []


Report = Callable[[str, object, str], None]
Checker = Callable[[dict[str, Any], Report], dict[str, Any]]


def _load(
    path: Path,
    required: Sequence[str],
    check: Checker,
    columns: Sequence[str],
) -> Collection:
    feats, problems = read_features(path)
    rows: list[dict[str, Any]] = []
    geoms = []
    seen: set[str] = set()
    for i, feat in enumerate(feats):
        if not isinstance(feat, dict) or feat.get("type") != "Feature":
            got = feat.get("type") if isinstance(feat, dict) else type(feat).__name__
            problems.append(Problem(path.name, f"#{i}", "type", short(got), "expected a Feature"))
            continue
        props = feat.get("properties")
        if not isinstance(props, dict):
            problems.append(
                Problem(path.name, f"#{i}", "properties", short(props), "expected an object")
            )
            continue
        fid = props.get("id")
        record = fid if isinstance(fid, str) and fid else f"#{i}"
        bad: list[Problem] = []

        def report(
            fld: str, value: object, msg: str, _rec: str = record, _bad: list = bad
        ) -> None:
            _bad.append(Problem(path.name, _rec, fld, short(value), msg))

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
            problems.extend(bad)
            continue
        rows.append(row)
        geoms.append(geom)
    if not rows:
        return Collection(_empty(columns), problems, len(feats))
    # object columns keep None as None (a str dtype would turn a missing end into NaN)
    frame = gpd.GeoDataFrame(pd.DataFrame(rows, columns=list(columns), dtype=object),
                             geometry=geoms, crs="EPSG:4326")
    return Collection(frame, problems, len(feats))


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
                report(f"{where}.date", src["date"],
                       f"{exc} (a book may give YYYY; {NO_DATE!r} if undated)")
        url = src.get("url")
        if url is not None and (not isinstance(url, str) or not _URL.match(url)):
            report(f"{where}.url", url, "expected an http(s) URL or no url")


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
    start = end = None
    try:
        start = parse_partial(props.get("start"))
    except ValueError as exc:
        report("start", props.get("start"), str(exc))
    if props.get("end") is not None:
        try:
            end = parse_partial(props.get("end"), end=True)
        except ValueError as exc:
            report("end", props.get("end"), str(exc))
    elif start is not None:
        end = parse_partial(props["start"], end=True)
    if start and end and end < start:
        report("end", props.get("end"), f"expected an end on or after start {props.get('start')}")
    if start and not SCOPE_YEARS[0] <= start.year <= SCOPE_YEARS[1]:
        report("start", props.get("start"), f"expected a year in {SCOPE_YEARS[0]}–{SCOPE_YEARS[1]}")
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
        "start_date": start,
        "end_date": end,
        "year_start": start.year if start else None,
        "year_end": end.year if end else None,
    }


ZONE_COLUMNS = ["id", "name", "names", "zone_type", "claimants", "summary", "precision",
                "sources", "notes"]  # fmt: skip


def check_zone(props: dict[str, Any], report: Report) -> dict[str, Any]:
    """Check one zone's properties; see :func:`check_event` for the arguments."""
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
    _check_sources(props.get("sources"), report)
    return {k: props.get(k) for k in ZONE_COLUMNS} | {
        "names": names or {},
        "notes": props.get("notes") or "",
    }


REGION_COLUMNS = ["id", "name"]


def check_region(props: dict[str, Any], report: Report) -> dict[str, Any]:
    """Check one region's properties; see :func:`check_event` for the arguments."""
    if not isinstance(props.get("name"), str):
        report("name", props.get("name"), "expected a string")
    return {"id": props.get("id"), "name": props.get("name")}


def load_events(path: Path) -> Collection:
    """Load an events file; see :func:`load_catalog`."""
    return _load(path, EVENT_REQUIRED, check_event, EVENT_COLUMNS)


def load_zones(path: Path) -> Collection:
    """Load a zones file; see :func:`load_catalog`."""
    return _load(path, ZONE_REQUIRED, check_zone, ZONE_COLUMNS)


def load_regions(path: Path) -> Collection:
    """Load a regions file (polygons only); see :func:`load_catalog`."""
    col = _load(path, REGION_REQUIRED, check_region, REGION_COLUMNS)
    polys = col.frame.geometry.geom_type.isin(sorted(AREA_TYPES))
    for rid, gtype in zip(col.frame.loc[~polys, "id"], col.frame.loc[~polys].geom_type,
                          strict=True):
        col.problems.append(
            Problem(path.name, rid, "geometry", gtype, "expected a Polygon or MultiPolygon")
        )
    col.frame = col.frame[polys].reset_index(drop=True)
    return col


def _version(paths: Sequence[Path]) -> str:
    h = hashlib.sha256()
    for p in paths:
        try:
            h.update(p.read_bytes())
        except OSError:
            h.update(b"missing")
    return h.hexdigest()[:10]


ANALYSE_MAX = 5000  # route analytics cost ~20 ms an event: skipped above this


@contextmanager
def no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small containers.

    Loading 100k features allocates millions of lists and dicts, none of them cyclic
    garbage; the collector's repeated passes over them took half the load time.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def load_catalog(data_dir: Path | str = DATA_DIR, *, analyse: bool | None = None) -> Catalog:
    """Load events, zones and regions from ``data_dir`` and link events to regions.

    Parameters
    ----------
    data_dir : pathlib.Path or str
        Folder holding ``events.geojson``, ``zones.geojson`` and ``regions.geojson``.
    analyse : bool, optional
        Compute route facts; by default only for catalogs of up to ``ANALYSE_MAX`` events
        (the facts columns are then empty, and :attr:`Catalog.analysed` is False).

    Returns
    -------
    Catalog
        Valid records plus every problem found. Never raises on bad data: a missing
        or corrupt file becomes a problem and an empty frame. Events carry the route
        facts of :mod:`geo.analysis` (``entered``, ``crossed``, ``zone_km``, ``country_km``),
        computed once here; country distances need ``basemap/`` inside ``data_dir``.
    """
    data_dir = Path(data_dir)
    with no_gc():
        return _load_catalog(data_dir, analyse)


def _load_catalog(data_dir: Path, analyse: bool | None) -> Catalog:
    paths = [data_dir / f for f in CATALOG_FILES]
    ev, zo, re_ = load_events(paths[0]), load_zones(paths[1]), load_regions(paths[2])
    # start-date order once, kept as an integer key: views then sort numbers, not dates
    events = ev.frame.sort_values(["start_date", "id"], kind="stable").reset_index(drop=True)
    events["order"] = range(len(events))
    events["regions"] = region_ops.assign(events, re_.frame)
    # the display-frame geometry, computed once here rather than on every map render
    events["display"] = [to_display(g) for g in events.geometry]
    problems = ev.problems + zo.problems + re_.problems
    for rid, regs, geom in zip(events["id"], events["regions"], events.geometry, strict=True):
        if not regs and len(re_.frame):
            bounds = ", ".join(f"{b:g}" for b in geom.bounds)
            problems.append(Problem(paths[0].name, rid, "geometry", f"{geom.geom_type}({bounds})",
                                    "expected the event inside at least one region of "
                                    "regions.geojson, got none"))
    if analyse is None:
        analyse = len(events) <= ANALYSE_MAX
    facts = (analysis.analyse(events, zo.frame, basemap.countries(data_dir /
                                                                  BASEMAP_NAME))
             if analyse else [analysis.RouteFacts() for _ in range(len(events))])
    events["entered"] = [f.entered for f in facts]
    events["crossed"] = [f.crossed for f in facts]
    events["zone_km"] = [f.zone_km for f in facts]
    events["country_km"] = [f.country_km for f in facts]
    totals = {p.name: c.total for p, c in zip(paths, (ev, zo, re_), strict=True)}
    return Catalog(events, zo.frame, re_.frame, problems, totals, _version(paths), analyse)
