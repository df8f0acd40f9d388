"""Adding and correcting events: a record in, a checked feature out, on either backend.

A record is what ``data/records/*.json`` holds (named waypoints, ``geometry_type``,
sources, accounts...). Its feature is built by the same code as ``data/build_events.py``
(that script is loaded, not copied) and checked by the loader's own
:func:`geo.validate.check_feature`, so a form save and a data build can never disagree.
On the file backend the record is written into its family file and the feature spliced
into ``events.geojson`` exactly where a full build would put it; the database backend
(:mod:`geo.store`) stores both as a new revision.
"""

from __future__ import annotations

import functools
import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

from geo.paths import ROOT
from geo.schema import EVENT_REQUIRED, Problem
from geo.validate import check_event, check_feature

BUILD_SCRIPT = ROOT / "data" / "build_events.py"
EVENTS = "events.geojson"
# the family file a new record goes into, by kind (an existing record stays where it is)
FAMILY = {
    "air_patrol": "air_patrols.json",
    "naval_patrol": "naval_patrols.json",
    "coast_guard_patrol": "naval_patrols.json",
    "coast_guard_exercise": "naval_patrols.json",
    "naval_exercise": "naval_exercises.json",
    "land_exercise": "land_exercises.json",
    "counter_terrorism_exercise": "land_exercises.json",
    "missile_defense_exercise": "land_exercises.json",
    "other": "multinational.json",
}


class RecordError(ValueError):
    """A record that cannot be saved; ``problems`` name the field, value and expectation."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


@functools.cache
def _build() -> ModuleType:
    spec = importlib.util.spec_from_file_location("jointmap_build_events", BUILD_SCRIPT)
    if spec is None or spec.loader is None:  # pragma: no cover - the script is in the repo
        raise RuntimeError(f"expected the build script at {BUILD_SCRIPT}, got nothing")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def feature_of(record: dict[str, Any]) -> dict[str, Any]:
    """The GeoJSON feature ``data/build_events.py`` builds from ``record``.

    Raises
    ------
    RecordError
        When the waypoints cannot make the record's ``geometry_type``.
    """
    build = _build()
    try:
        geometry = build.geometry(record)
        names = [w[0] for w in build.waypoints(record)]
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        rid = str(record.get("id") or "new event")
        raise RecordError(
            [Problem(EVENTS, rid, "waypoints", _short(record.get("waypoints")), _why(exc))]
        ) from None
    props = {k: record.get(k) for k in build.PROPS if k in record}
    props["waypoints"] = names
    return {"type": "Feature", "properties": props, "geometry": geometry}


def _why(exc: Exception) -> str:
    text = str(exc)
    return text if text.startswith("expected") or ": expected" in text else f"expected {text}"


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "…"


def check_record(record: dict[str, Any], others: set[str] | None = None) -> dict[str, Any]:
    """The record's feature, checked exactly as the loader checks ``events.geojson``.

    Parameters
    ----------
    record : dict
        The record as the form made it.
    others : set of str, optional
        Ids of the other events (a new record may not take one of them).

    Returns
    -------
    dict
        The feature.

    Raises
    ------
    RecordError
        With every problem, each naming the field, the value and what was expected.
    """
    feature = feature_of(record)
    seen = set(others or ())
    row, _, problems = check_feature(EVENTS, 0, feature, seen, EVENT_REQUIRED, check_event)
    if row is None:
        raise RecordError(problems)
    return feature


def feature_line(feature: dict[str, Any]) -> str:
    """One feature as ``events.geojson`` writes it (one line, compact, UTF-8 as is)."""
    return json.dumps(feature, ensure_ascii=False, separators=(",", ":"))


def collection_text(features: list[dict[str, Any]], members: dict[str, Any]) -> str:
    """``events.geojson``'s text: ``data/build_events.py``'s layout, one feature per line."""
    ordered = sorted(features, key=lambda f: (f["properties"]["start"], f["properties"]["id"]))
    head = '{"type":"FeatureCollection"'
    for key, value in members.items():
        head += f",{json.dumps(key)}:{json.dumps(value, ensure_ascii=False)}"
    lines = [feature_line(f) for f in ordered]
    return head + ',"features":[\n' + ",\n".join(lines) + "\n]}\n"


def save_to_files(
    folder: Path, record: dict[str, Any], *, replaces: str | None = None
) -> dict[str, Any]:
    """Write ``record`` into ``folder/records`` and splice its feature into events.geojson.

    Parameters
    ----------
    folder : pathlib.Path
        A data folder with ``records/*.json`` and ``events.geojson``.
    record : dict
        The new or corrected record.
    replaces : str, optional
        Id of the record this one corrects (``None``: a new record).

    Returns
    -------
    dict
        The feature written.

    Raises
    ------
    RecordError
        When the record fails a check (nothing is written).
    """
    records = folder / "records"
    doc = json.loads((folder / EVENTS).read_text("utf-8"))
    features = [f for f in doc["features"] if f["properties"]["id"] != replaces]
    others = {f["properties"]["id"] for f in features}
    feature = check_record(record, others)
    home = None
    if replaces is not None:
        for path in sorted(records.glob("*.json")):
            family = json.loads(path.read_text("utf-8"))
            if any(r.get("id") == replaces for r in family["records"]):
                home = path
                break
    if home is None:
        home = records / FAMILY.get(str(record.get("kind")), "multinational.json")
    family = json.loads(home.read_text("utf-8"))
    ids = [r.get("id") for r in family["records"]]
    if replaces in ids:  # corrected in place: the file's diff is the correction only
        family["records"][ids.index(replaces)] = record
    else:
        family["records"].append(record)
    members = {k: v for k, v in doc.items() if k not in ("type", "features")}
    text = collection_text([*features, feature], members)
    _write(home, json.dumps(family, ensure_ascii=False, indent=1) + "\n")
    _write(folder / EVENTS, text)
    return feature


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, "utf-8")
    tmp.replace(path)  # a reader (the app's loader) never sees half a file
