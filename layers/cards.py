"""HTML cards for popups and tooltips. Every data string passes through :func:`escape.text`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from geo.dates import span_text
from geo.schema import (
    APPROXIMATE,
    COUNTRY_NAMES,
    FORMAT_LABELS,
    KIND_LABELS,
    PRECISION_LABELS,
    ZONE_TYPE_LABELS,
)
from geo.zonetime import validity
from layers.captions import TITLE_NOTES
from layers.escape import text

_CARD = "font:13px/1.4 system-ui,sans-serif;max-width:400px"


def date_span(start: str, end: str | None, last_reported: str | None = None) -> str:
    """``2024-07-24 – 2024-07-25``, the start alone, or an unknown end said as such."""
    return span_text(start, end, last_reported)


def countries(codes: Sequence[str]) -> str:
    """``China, Russia, Iran`` from ISO codes (unknown codes shown as given)."""
    return ", ".join(COUNTRY_NAMES.get(c, c) for c in codes)


def _sources(sources: Sequence[Mapping[str, Any]]) -> str:
    items = []
    for s in sources:
        label = f"{text(s.get('publisher'))}, “{text(s.get('title'))}”"
        if note := TITLE_NOTES.get(str(s.get("title_from"))):
            label += f" {note}"
        label += f", {text(s.get('date'))}"
        for key, word in (("url", "link"), ("mirror", "copy")):
            url = s.get(key)
            if isinstance(url, str) and url.startswith(("http://", "https://")):
                label += (
                    f' <a href="{text(url)}" target="_blank" rel="noopener noreferrer">{word}</a>'
                )
        items.append(f"<li>{label}</li>")
    return f"<ol style='margin:2px 0 0 16px;padding:0'>{''.join(items)}</ol>"


def _row(label: str, value: str) -> str:
    return (
        f"<tr><th style='text-align:left;vertical-align:top;padding-right:6px'>{label}</th>"
        f"<td>{value}</td></tr>"
    )


def facts_lines(ev: Mapping[str, Any], zone_names: Mapping[str, str], top: int = 5) -> list[str]:
    """Plain-text route facts: zones entered and crossed, closest approaches.

    Distances of approximate geometries are marked "≈": they follow the named waypoints,
    not a track.
    """
    lines = []
    if ev.get("entered"):
        lines.append("Entered: " + ", ".join(zone_names.get(z, z) for z in ev["entered"]))
    if ev.get("crossed"):
        lines.append("Crossed: " + ", ".join(zone_names.get(z, z) for z in ev["crossed"]))
    approx = "≈" if ev.get("precision") in APPROXIMATE else ""
    near = [
        (zone_names.get(z, z), km)
        for z, km in (ev.get("zone_km") or {}).items()
        if z not in set(ev.get("entered") or []) | set(ev.get("crossed") or [])
    ]
    near += list((ev.get("country_km") or {}).items())
    near.sort(key=lambda t: t[1])
    if near:
        lines.append(
            "Closest approach: "
            + "; ".join(f"{name} {approx}{km:,.0f} km" for name, km in near[:top])
        )
    return lines


def event_card(
    ev: Mapping[str, Any],
    region_names: Mapping[str, str],
    zone_names: Mapping[str, str] | None = None,
) -> str:
    """Popup HTML for one event row."""
    regions = ", ".join(region_names.get(r, r) for r in ev.get("regions", []))
    rows = [
        _row("When", text(date_span(ev["start"], ev.get("end"), ev.get("last_reported")))),
        _row("Kind", text(KIND_LABELS.get(ev["kind"], ev["kind"]))),
        _row("Who", text(countries(ev["participants"]))),
        _row("Format", text(FORMAT_LABELS.get(ev.get("format", ""), ev.get("format", "")))),
        _row("Assets", text(ev.get("assets"))),
        _row("Where", text(regions)),
        _row("Geometry", text(PRECISION_LABELS.get(ev["precision"], ev["precision"]))),
    ]
    rows += [
        _row("Zones" if i == 0 else "", text(line))
        for i, line in enumerate(facts_lines(ev, zone_names or {}))
    ]
    notes = ev.get("notes")
    parts = [
        f"<div style='{_CARD}'><b>{text(ev['name'])}</b>",
        f"<table style='margin:4px 0'>{''.join(rows)}</table>",
        f"<div>{text(ev.get('summary'))}</div>",
    ]
    if notes:
        parts.append(f"<div style='margin-top:4px'><i>Note:</i> {text(notes)}</div>")
    parts.append(f"<div style='margin-top:4px'><b>Sources</b>{_sources(ev['sources'])}</div></div>")
    return "".join(parts)


def event_tooltip(ev: Mapping[str, Any]) -> str:
    """One-line tooltip: name and dates."""
    when = date_span(ev["start"], ev.get("end"), ev.get("last_reported"))
    return f"<b>{text(ev['name'])}</b><br>{text(when)}"


def zone_card(zone: Mapping[str, Any], display_name: str) -> str:
    """Popup HTML for one contested zone."""
    rows = [
        _row("Type", text(ZONE_TYPE_LABELS.get(zone["zone_type"], zone["zone_type"]))),
        _row("Claimants", text(countries(zone.get("claimants") or []))),
        _row("Geometry", text(PRECISION_LABELS.get(zone["precision"], zone["precision"]))),
        _row("In force", text(validity(zone))),
    ]
    names = zone.get("names") or {}
    if names:
        rows.append(
            _row(
                "Names",
                "; ".join(f"{text(COUNTRY_NAMES.get(k, k))}: {text(v)}" for k, v in names.items()),
            )
        )
    parts = [
        f"<div style='{_CARD}'><b>{text(display_name)}</b>",
        f"<table style='margin:4px 0'>{''.join(rows)}</table>",
        f"<div>{text(zone.get('summary'))}</div>",
    ]
    if zone.get("notes"):
        parts.append(f"<div style='margin-top:4px'><i>Note:</i> {text(zone['notes'])}</div>")
    if zone.get("sources"):
        parts.append(f"<div style='margin-top:4px'><b>Sources</b>{_sources(zone['sources'])}</div>")
    parts.append("</div>")
    return "".join(parts)
