"""Every export format, offline, for the default and a filtered view."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
from PIL import Image
from pptx import Presentation
from pptx.util import Inches

from geo import filters
from geo.catalog import load_catalog
from geo.view import Layers, View, parse_extent, parse_state, to_query
from layers.export import EXPORT_FORMATS, export_view
from layers.export.browser import browser
from layers.export.deck import paginate
from tests.helpers import curated, event, write_data

VIEWS = {
    "default": View(),
    "filtered": View(years=(2019, 2024), regions={"sea_of_japan"}, kinds={"air_patrol"}),
}


def n_events(view: View) -> int:
    return len(filters.apply(curated().events, view))


@pytest.fixture(scope="module")
def pngs() -> dict[tuple[str, str], bytes]:
    return {
        (name, size): export_view(curated(), view, Layers(), "png", size=size)
        for name, view in VIEWS.items()
        for size in ("slide", "print")
    }


@pytest.mark.browser
@pytest.mark.parametrize("name", VIEWS)
def test_png_size_not_blank_with_legend(pngs, name: str) -> None:
    for size, want in (("slide", (1920, 1080)), ("print", (3840, 2160))):
        img = Image.open(io.BytesIO(pngs[(name, size)])).convert("RGB")
        assert img.size == want
        colours = img.resize((192, 108)).getcolors(maxcolors=100_000)
        assert colours and len(colours) > 50  # not a blank frame
        w, h = img.size  # legend box, top of the right-hand panel: white, with swatches
        px = np.asarray(img.crop((int(w * 0.77), int(h * 0.09), w - 10, int(h * 0.45))))
        assert (px.min(axis=2) > 245).mean() > 0.5, "no legend box on the right"
        orange = (
            (abs(px[..., 0].astype(int) - 0xD5) < 25)
            & (abs(px[..., 1].astype(int) - 0x5E) < 25)
            & (px[..., 2] < 40)
        )
        assert orange.any(), "no air-patrol swatch in the legend"


@pytest.mark.browser
@pytest.mark.parametrize("name", VIEWS)
def test_html_is_one_file_that_requests_only_itself(tmp_path: Path, name: str) -> None:
    html = export_view(curated(), VIEWS[name], Layers(), "html")
    path = tmp_path / "map.html"
    path.write_bytes(html)
    seen: list[str] = []
    with browser() as b:
        page = b.new_page()
        page.on("request", lambda r: seen.append(r.url))
        page.goto(path.as_uri())
        page.wait_for_selector('path.leaflet-interactive:not([d="M0 0"])')
        assert page.locator(".jm-legend").inner_text().startswith("Legend")
        assert "events shown" in page.locator(".jm-caption").inner_text()
    assert seen and all(u.startswith(("file:", "data:")) for u in seen), seen


def slide_titles(prs) -> list[str]:
    return [
        next((sh.text_frame.text for sh in sl.shapes if sh.has_text_frame), "") for sl in prs.slides
    ]


@pytest.mark.browser
def test_pptx_deck_that_briefs() -> None:
    view = View(years=(2019, 2025), regions={"sea_of_japan", "alaska_bering"})
    prs = Presentation(io.BytesIO(export_view(curated(), view, Layers(), "pptx")))
    assert (prs.slide_width, prs.slide_height) == (Inches(13.333), Inches(7.5))
    slides = list(prs.slides)
    titles = slide_titles(prs)
    assert titles[0].startswith("Joint China–Russia") and titles[1] == "Key points"
    assert any(t.startswith("Alaska and the Bering Sea: the numbered events") for t in titles)
    assert any(t.startswith("Sea of Japan: the numbered events") for t in titles)
    assert "Joint activities per year, by kind" in titles
    assert any(t.startswith("Sources (1/") for t in titles)
    pictures = [sh for sl in slides for sh in sl.shapes if sh.shape_type == 13]
    # overview, two regions, the seasonality calendar; every map full width
    assert len(pictures) == 4
    assert all(p.width >= 0.6 * prs.slide_width for p in pictures)
    cells = [
        c.text
        for sl in slides
        for sh in sl.shapes
        if sh.has_table
        for row in sh.table.rows
        for c in row.cells
    ]
    assert cells and not any("…" in c for c in cells)  # nothing cut: text wraps
    charts = [sh for sl in slides for sh in sl.shapes if sh.has_chart]
    assert len(charts) == 1
    assert all(sl.has_notes_slide and sl.notes_slide.notes_text_frame.text.strip() for sl in slides)
    shown = filters.apply(curated().events, view)
    listed = " ".join(cells)
    for ev in shown.to_dict("records"):  # every event in a numbered list, in full
        assert ev["name"] in listed, ev["id"]
    body = "\n".join(
        sh.text_frame.text
        for sl, t in zip(slides, titles, strict=True)
        if t.startswith("Sources")
        for sh in sl.shapes
        if sh.has_text_frame
    )
    for ev in shown.to_dict("records"):  # every citation of the view is in the appendix
        assert ev["sources"][0]["publisher"] in body, ev["id"]


@pytest.mark.browser
def test_pptx_default_view_has_region_slides() -> None:
    prs = Presentation(io.BytesIO(export_view(curated(), View(), Layers(), "pptx")))
    lists = {t.split(":")[0] for t in slide_titles(prs) if ": the numbered events" in t}
    assert len(lists - {"Overview"}) == 6  # the busiest regions


def test_table_pagination_fits_height() -> None:
    rows = [["2024-07-24", "x" * 50, "Joint air patrol", "y" * 80]] * 30
    pages = paginate(rows, [1.0, 2.3, 1.1, 2.2], 5.5)
    assert sum(len(p) for p in pages) == 30 and all(p for p in pages) and len(pages) > 1


@pytest.mark.parametrize("name", VIEWS)
def test_data_formats_carry_route_facts(name: str, tmp_path: Path) -> None:
    view, n = VIEWS[name], n_events(VIEWS[name])
    gj = json.loads(export_view(curated(), view, Layers(), "geojson"))
    assert len(gj["features"]) == n
    assert {"entered", "crossed", "closest_approach_km"} <= set(gj["features"][0]["properties"])
    rows = list(
        csv.DictReader(
            io.StringIO(export_view(curated(), view, Layers(), "csv").decode("utf-8-sig"))
        )
    )
    assert len(rows) == n and "closest_approach_km" in rows[0]
    path = tmp_path / "e.gpkg"
    path.write_bytes(export_view(curated(), view, Layers(), "gpkg"))
    gpkg = gpd.read_file(path, layer="events")
    assert len(gpkg) == n and "entered" in gpkg.columns
    root = ET.fromstring(export_view(curated(), view, Layers(), "kml"))
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    marks = root.findall(".//k:Placemark", ns)
    assert len(marks) == n
    assert all(m.find("k:TimeSpan/k:begin", ns) is not None for m in marks)


def test_july_2019_facts_in_csv() -> None:
    rows = {
        r["id"]: r
        for r in csv.DictReader(
            io.StringIO(
                export_view(curated(), View(years=(2019, 2019)), Layers(), "csv").decode(
                    "utf-8-sig"
                )
            )
        )
    }
    assert "South Korea's ADIZ" in rows["air-patrol-2019-07"]["entered"]


def test_csv_neutralises_formula_cells(tmp_path: Path) -> None:
    evil = event(
        "evil", name='=HYPERLINK("http://x","y")', assets="+1+1", summary="@SUM(A1)", notes="-2"
    )
    cat = load_catalog(write_data(tmp_path, [evil]))
    row = next(
        csv.DictReader(io.StringIO(export_view(cat, View(), Layers(), "csv").decode("utf-8-sig")))
    )
    assert row["name"].startswith("'=") and row["assets"] == "'+1+1"
    assert row["summary"] == "'@SUM(A1)" and row["notes"] == "'-2"


def test_unknown_format_and_empty_view_raise() -> None:
    with pytest.raises(ValueError, match="expected a format from"):
        export_view(curated(), View(), Layers(), "docx")
    with pytest.raises(ValueError, match="expected at least one event in the view, got none"):
        export_view(curated(), View(years=(2012, 2012), kinds={"air_patrol"}), Layers(), "csv")
    assert set(EXPORT_FORMATS) == {
        "png",
        "pdf",
        "svg",
        "html",
        "pptx",
        "csv",
        "geojson",
        "gpkg",
        "kml",
    }


def export_cli(*args: str) -> subprocess.CompletedProcess:
    """``python -m layers export ARGS`` in a subprocess, output captured as text."""
    cmd = [sys.executable, "-m", "layers", "export", *args]
    return subprocess.run(cmd, capture_output=True, text=True)


def test_cli_writes_and_fails_clearly(tmp_path: Path) -> None:
    out = tmp_path / "x.kml"
    ok = export_cli(
        "--format", "kml", "--out", str(out), "--years", "2024", "--kinds", "air_patrol"
    )
    assert ok.returncode == 0, ok.stderr
    assert out.read_bytes().startswith(b"<?xml")
    bad = export_cli("--format", "csv", "--out", str(tmp_path / "y.csv"), "--regions", "atlantis")
    assert bad.returncode == 2 and "got unknown ['atlantis']" in bad.stderr
    empty = export_cli(
        "--format",
        "csv",
        "--out",
        str(tmp_path / "z.csv"),
        "--years",
        "2012",
        "--kinds",
        "air_patrol",
    )
    assert empty.returncode == 2 and "got none" in empty.stderr
    assert not (tmp_path / "z.csv").exists()


def test_permalink_round_trip() -> None:
    view = View(
        years=(2019, 2022), regions={"sea_of_japan"}, kinds={"air_patrol"}, participants={"CN"}
    )
    layers = Layers(
        events=True, outlines=True, naming="JP", zone_types=frozenset({"adiz", "median_line"})
    )
    q = to_query(view, layers, (40.5, 135.25, 5))
    back_view, back_layers, notices = parse_state(q, curated())
    assert (back_view, back_layers, notices) == (view, layers, [])
    assert parse_extent(q["map"]) == (40.5, 135.25, 5.0)
    _, t2, n2 = parse_state({"zones": "none", "names": "XX", "outlines": "yes"}, curated())
    assert t2.zone_types == frozenset() and t2.naming == "neutral" and len(n2) == 2
    with pytest.raises(ValueError, match="expected map extent"):
        parse_extent("north")


def test_cli_checks_out_before_work_and_never_leaves_half_a_file(tmp_path: Path) -> None:
    folder = export_cli("--format", "csv", "--out", str(tmp_path))
    assert folder.returncode == 2 and "expected a file name, got the folder" in folder.stderr
    assert "Traceback" not in folder.stderr
    missing = export_cli("--format", "csv", "--out", str(tmp_path / "no" / "x.csv"))
    assert missing.returncode == 2 and "no such folder" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_cli_reports_a_full_disk_and_leaves_nothing(tmp_path: Path, monkeypatch, capsys) -> None:
    import errno
    import os

    from layers.export import cli

    real = os.fdopen

    def full(fd: int, mode: str = "r", *a, **k):
        fh = real(fd, mode, *a, **k)

        def write(_data: bytes) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

        fh.write = write  # type: ignore[method-assign]
        return fh

    monkeypatch.setattr(cli.os, "fdopen", full)
    out = tmp_path / "x.csv"
    assert cli.main(["export", "--format", "csv", "--out", str(out), "--years", "2024"]) == 1
    assert "No space left on device" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []  # no x.csv, no temporary file


@pytest.mark.parametrize("fmt", ["kml", "svg"])
def test_a_title_with_characters_xml_forbids_still_gives_well_formed_xml(fmt: str) -> None:
    import xml.dom.minidom

    title = "bad\x01title \x0b and a lone \udcff surrogate"
    data = export_view(curated(), View(years=(2024, 2024)), Layers(), fmt, title=title)
    xml.dom.minidom.parseString(data)  # raises on a malformed document
    assert "bad\ufffdtitle" in data.decode("utf-8")
