"""Tables for the page around the map: events, one event's details, upload problems."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import geopandas as gpd
import pandas as pd

from geo.schema import FORMAT_LABELS, KIND_LABELS, PRECISION_LABELS, Problem
from geo.upload import Upload
from layers.cards import countries, date_span, facts_lines


def events_table(
    shown: gpd.GeoDataFrame,
    region_names: Mapping[str, str],
    zone_names: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """One row per shown event.

    Dates, name, kind, regions, participants, format, precision, route facts, sources.
    """
    rows = []
    for ev in shown.to_dict("records"):
        facts = facts_lines(ev, zone_names or {})
        rows.append(
            {
                "id": ev["id"],
                "start": ev["start"],
                "end": ev["end"] or "",
                "name": ev["name"],
                "kind": KIND_LABELS.get(ev["kind"], ev["kind"]),
                "regions": ", ".join(region_names.get(r, r) for r in ev["regions"]),
                "participants": ", ".join(ev["participants"]),
                "format": FORMAT_LABELS.get(ev["format"], ev["format"]),
                "precision": PRECISION_LABELS.get(ev["precision"], ev["precision"]),
                "zones and closest approach": " · ".join(facts),
                "sources": "; ".join(s["publisher"] for s in ev["sources"]),
            }
        )
    columns = ["id", "start", "end", "name", "kind", "regions", "participants", "format",
               "precision", "zones and closest approach", "sources"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def problem_table(problems: Sequence[Problem]) -> pd.DataFrame:
    """Problems as rows: file, record, field, value, reason (shown as plain text)."""
    return pd.DataFrame(
        [
            {
                "file": p.file,
                "record": p.record,
                "field": p.field,
                "value": p.value,
                "reason": p.message,
            }
            for p in problems
        ],
        columns=["file", "record", "field", "value", "reason"],
    )


def user_table(upload: Upload) -> pd.DataFrame:
    """The upload's accepted records: name, dates, repair note and every other field."""
    rows = [
        {
            "name": r["name"],
            "start": r["start"],
            "end": r["end"],
            "geometry": r["geometry"].geom_type,
            "repaired": r["note"],
            **{f"field: {k}": v for k, v in r["props"].items()},
        }
        for r in upload.records.to_dict("records")
    ]
    return pd.DataFrame(rows)


def event_details(
    events: gpd.GeoDataFrame,
    event_id: str,
    region_names: Mapping[str, str],
    zone_names: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Plain-text fields of one event for the details panel (rendered as text, not HTML).

    Raises
    ------
    KeyError
        If ``event_id`` is not among ``events``.
    """
    match = events[events["id"] == event_id]
    if match.empty:
        raise KeyError(f"expected an event id among the shown events, got {event_id!r}")
    ev: dict[str, Any] = match.iloc[0].to_dict()
    return {
        "name": ev["name"],
        "when": date_span(ev["start"], ev.get("end"), ev.get("last_reported")),
        "kind": KIND_LABELS.get(ev["kind"], ev["kind"]),
        "who": countries(ev["participants"]),
        "format": FORMAT_LABELS.get(ev["format"], ev["format"]),
        "assets": ev["assets"],
        "where": ", ".join(region_names.get(r, r) for r in ev["regions"]),
        "geometry": PRECISION_LABELS.get(ev["precision"], ev["precision"]),
        "summary": ev["summary"],
        "notes": ev.get("notes") or "",
        "facts": facts_lines(ev, zone_names or {}),
        "sources": [
            {
                "publisher": s["publisher"],
                "title": s["title"],
                "date": s["date"],
                "url": s.get("url") or "",
            }
            for s in ev["sources"]
        ],
        "accounts": [
            {
                "by": a["by"],
                "says": a["says"],
                "source": f"{a['source']['publisher']}, {a['source']['date']}",
                "url": a["source"].get("url") or "",
            }
            for a in ev.get("accounts") or []
        ],
    }
