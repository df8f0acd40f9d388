"""Read ``data/*.geojson`` and assemble the catalog.

Events, zones and regions become GeoDataFrames; each event is linked to its regions and
given its route facts.

Files are parsed with the standard library (never handed to GDAL), each feature is checked
on its own (:mod:`geo.validate`), and a bad feature is reported as a
:class:`~geo.schema.Problem` while the rest still loads: loaded + rejected = total, always.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from geo import analysis, basemap, numbers
from geo import regions as region_ops
from geo.frame import to_display
from geo.geometry import AREA_TYPES
from geo.paths import BASEMAP_NAME, CATALOG_FILES, DATA_DIR, LABELS_FILE
from geo.schema import (
    EVENT_REQUIRED,
    KINDS,
    LABEL_REQUIRED,
    REGION_REQUIRED,
    ZONE_REQUIRED,
    Problem,
    short,
)
from geo.validate import (
    EVENT_COLUMNS,
    LABEL_COLUMNS,
    REGION_COLUMNS,
    ZONE_COLUMNS,
    Checker,
    check_event,
    check_feature,
    check_label,
    check_region,
    check_zone,
)


@dataclass
class Collection:
    """Features of one file that passed, and the problems of those that did not."""

    frame: gpd.GeoDataFrame
    problems: list[Problem] = field(default_factory=list)
    total: int = 0
    members: dict[str, Any] = field(default_factory=dict)


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
    labels : geopandas.GeoDataFrame
        The gazetteer of map labels (``lon``/``lat`` in the display frame); may be empty.
    as_of : str or None
        The date the record was last checked complete (``YYYY-MM-DD``, the events file's
        ``as_of`` member); ``None`` when the file does not say.
    """

    events: gpd.GeoDataFrame
    zones: gpd.GeoDataFrame
    regions: gpd.GeoDataFrame
    problems: list[Problem]
    totals: dict[str, int]
    version: str
    analysed: bool = True
    labels: gpd.GeoDataFrame = field(default_factory=lambda: _empty(LABEL_COLUMNS))
    as_of: str | None = None

    def year_span(self) -> tuple[int, int]:
        """First start year and last end year of the events (the as-of year when empty)."""
        if len(self.events) == 0:
            year = int(self.record_as_of()[:4]) if self.as_of else dt.date.today().year
            return year, year
        return int(self.events["year_start"].min()), int(self.events["year_end"].max())

    def record_as_of(self) -> str:
        """The record's "as of" date: when it was last checked, else its newest source date."""
        return self.as_of or self.latest_source()

    def as_of_text(self) -> str:
        """``Record as of 30 Nov 2026`` (or ``Record: latest source 2025-12-10``)."""
        if self.as_of:
            d = dt.date.fromisoformat(self.as_of)
            return f"Record as of {d.day} {d.strftime('%b %Y')}"
        return f"Record: latest source {self.latest_source()}"

    def region_names(self) -> dict[str, str]:
        """Region id -> display name."""
        return dict(zip(self.regions["id"], self.regions["name"], strict=True))

    def latest_source(self) -> str:
        """The newest date among the events' sources (``YYYY-MM-DD`` as far as given)."""
        dates = [str(s.get("date", "")) for srcs in self.events["sources"] for s in srcs]
        dated = [d for d in dates if d[:4].isdigit()]
        return max(dated) if dated else "n.d."

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


def read_features(
    path: Path, texts: Mapping[str, str] | None = None
) -> tuple[list[Any], list[Problem], dict[str, Any]]:
    """Read a FeatureCollection with :mod:`json`; file-level problems are returned, not raised.

    Parameters
    ----------
    path : pathlib.Path
        The GeoJSON file.
    texts : mapping, optional
        File name -> text, read instead of the disk (the database backend); a name
        missing from it is a missing file.

    Returns
    -------
    features : list
        The raw ``features`` array (empty on a file-level problem).
    problems : list of Problem
    members : dict
        The collection's other top-level members (e.g. ``as_of``).
    """
    name = path.name
    try:
        if texts is None:
            raw = path.read_bytes()
        elif name in texts:
            raw = texts[name].encode("utf-8")
        else:
            raise FileNotFoundError(2, "No such file or directory (not in the database)")
    except OSError as exc:
        msg = f"expected a readable file, got {exc.strerror}"
        return [], [Problem(name, "-", "file", "-", msg)], {}
    try:
        doc = numbers.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        msg = f"expected UTF-8 text, got an invalid byte at offset {exc.start}"
        return [], [Problem(name, "-", "file", "-", msg)], {}
    except json.JSONDecodeError as exc:
        msg = f"expected JSON, got {exc.msg} at line {exc.lineno} column {exc.colno}"
        return [], [Problem(name, "-", "file", "-", msg)], {}
    except numbers.DuplicateKeyError as exc:
        return [], [Problem(name, "-", "file", "-", f"{exc}; a value would be lost")], {}
    except RecursionError:
        msg = "expected GeoJSON, got JSON nested too deeply"
        return [], [Problem(name, "-", "file", "-", msg)], {}
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        got = doc.get("type") if isinstance(doc, dict) else type(doc).__name__
        msg = "expected a GeoJSON FeatureCollection"
        return [], [Problem(name, "-", "type", short(got), msg)], {}
    feats = doc.get("features")
    if not isinstance(feats, list):
        msg = "expected a list of features"
        return [], [Problem(name, "-", "features", short(type(feats).__name__), msg)], {}
    members = {k: v for k, v in doc.items() if k not in ("type", "features")}
    return feats, [], members


def _load(
    path: Path,
    required: Sequence[str],
    check: Checker,
    columns: Sequence[str],
    texts: Mapping[str, str] | None = None,
) -> Collection:
    feats, problems, members = read_features(path, texts)
    rows: list[dict[str, Any]] = []
    geoms = []
    seen: set[str] = set()
    for i, feat in enumerate(feats):
        row, geom, bad = check_feature(path.name, i, feat, seen, required, check)
        if row is None:
            problems.extend(bad)
            continue
        rows.append(row)
        geoms.append(geom)
    if not rows:
        return Collection(_empty(columns), problems, len(feats), members)
    # object columns keep None as None (a str dtype would turn a missing end into NaN)
    frame = gpd.GeoDataFrame(
        pd.DataFrame(rows, columns=list(columns), dtype=object), geometry=geoms, crs="EPSG:4326"
    )
    return Collection(frame, problems, len(feats), members)


def load_events(path: Path, texts: Mapping[str, str] | None = None) -> Collection:
    """Load an events file; see :func:`load_catalog`."""
    return _load(path, EVENT_REQUIRED, check_event, EVENT_COLUMNS, texts)


def load_zones(path: Path, texts: Mapping[str, str] | None = None) -> Collection:
    """Load a zones file; see :func:`load_catalog`."""
    return _load(path, ZONE_REQUIRED, check_zone, ZONE_COLUMNS, texts)


def load_regions(path: Path, texts: Mapping[str, str] | None = None) -> Collection:
    """Load a regions file (polygons only); see :func:`load_catalog`."""
    col = _load(path, REGION_REQUIRED, check_region, REGION_COLUMNS, texts)
    polys = col.frame.geometry.geom_type.isin(sorted(AREA_TYPES))
    for rid, gtype in zip(
        col.frame.loc[~polys, "id"], col.frame.loc[~polys].geom_type, strict=True
    ):
        col.problems.append(
            Problem(path.name, rid, "geometry", gtype, "expected a Polygon or MultiPolygon")
        )
    col.frame = col.frame[polys].reset_index(drop=True)
    return col


def load_labels(path: Path, texts: Mapping[str, str] | None = None) -> Collection:
    """Load the gazetteer (points only); a missing file gives no labels and no problem."""
    if not (path.exists() if texts is None else path.name in texts):
        return Collection(_empty(LABEL_COLUMNS))
    col = _load(path, LABEL_REQUIRED, check_label, LABEL_COLUMNS, texts)
    points = col.frame.geometry.geom_type == "Point"
    for lid in col.frame.loc[~points, "id"]:
        col.problems.append(
            Problem(path.name, lid, "geometry", "not a Point", "expected a Point for a label")
        )
    col.frame = col.frame[points].reset_index(drop=True)
    display = [to_display(g) for g in col.frame.geometry]
    col.frame["lon"] = [g.x for g in display]
    col.frame["lat"] = [g.y for g in display]
    return col


def _version(paths: Sequence[Path], texts: Mapping[str, str] | None = None) -> str:
    # the same content gives the same version on either backend
    h = hashlib.sha256()
    for p in paths:
        try:
            h.update(p.read_bytes() if texts is None else texts[p.name].encode("utf-8"))
        except (OSError, KeyError):
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


def load_catalog_texts(
    texts: Mapping[str, str], *, basemap_dir: Path | str = DATA_DIR, analyse: bool | None = None
) -> Catalog:
    """:func:`load_catalog` for files given as text (the database backend), same checks.

    Parameters
    ----------
    texts : mapping
        File name (``events.geojson``…) -> its text.
    basemap_dir : pathlib.Path or str
        The data folder whose ``basemap/`` gives the route facts' country distances.
    analyse : bool, optional
        As for :func:`load_catalog`.
    """
    with no_gc():
        return _load_catalog(Path(basemap_dir), analyse, texts)


def _load_catalog(
    data_dir: Path, analyse: bool | None, texts: Mapping[str, str] | None = None
) -> Catalog:
    paths = [data_dir / f for f in CATALOG_FILES]
    ev = load_events(paths[0], texts)
    zo, re_ = load_zones(paths[1], texts), load_regions(paths[2], texts)
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
            problems.append(
                Problem(
                    paths[0].name,
                    rid,
                    "geometry",
                    f"{geom.geom_type}({bounds})",
                    "expected the event inside at least one region of regions.geojson, got none",
                )
            )
    if analyse is None:
        analyse = len(events) <= ANALYSE_MAX
    facts = (
        analysis.analyse(events, zo.frame, basemap.countries(data_dir / BASEMAP_NAME))
        if analyse
        else [analysis.RouteFacts() for _ in range(len(events))]
    )
    events["entered"] = [f.entered for f in facts]
    events["crossed"] = [f.crossed for f in facts]
    events["zone_km"] = [f.zone_km for f in facts]
    events["country_km"] = [f.country_km for f in facts]
    totals = {p.name: c.total for p, c in zip(paths, (ev, zo, re_), strict=True)}
    labels = load_labels(data_dir / LABELS_FILE, texts)
    if labels.total:
        totals[LABELS_FILE] = labels.total
    problems += labels.problems
    version = _version([*paths, data_dir / LABELS_FILE], texts)
    as_of = check_as_of(ev.members.get("as_of"), events, paths[0].name, problems)
    return Catalog(
        events, zo.frame, re_.frame, problems, totals, version, analyse, labels.frame, as_of
    )


def check_as_of(value: Any, events: pd.DataFrame, file: str, problems: list[Problem]) -> str | None:
    """The events file's ``as_of`` date if it is a date up to today and after every start.

    A bad value is reported in ``problems`` (and then not used); absent is fine.
    """
    if value is None:
        return None
    try:
        when = dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        when = None
    if when is None or len(value) != 10:
        msg = "expected the date the record was last checked, YYYY-MM-DD"
        problems.append(Problem(file, "-", "as_of", short(value), msg))
        return None
    if when > dt.date.today():
        msg = f"expected a date up to today ({dt.date.today().isoformat()}), got a future date"
        problems.append(Problem(file, "-", "as_of", short(value), msg))
        return None
    later = events[events["start_date"] > when] if len(events) else events
    for rid, start in zip(later.get("id", []), later.get("start", []), strict=True):
        msg = f"expected a start on or before the record's as_of date {value}"
        problems.append(Problem(file, rid, "start", short(start), msg))
    return value
