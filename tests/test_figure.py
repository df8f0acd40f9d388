"""Figures at the level a reader sees them: titles, extents, labels, PDF text, greyscale."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date

import pytest

from geo import stats
from geo.frame import to_display
from geo.titles import period, title_for
from geo.view import Layers, View
from geo.zonetime import as_of_years
from layers.export import export_view
from layers.export.briefing import Briefing
from layers.export.compose import compose
from layers.export.figure import FigureOptions, view_bounds
from layers.export.render import figure_bytes
from layers.styles import GREY_INKS
from tests.helpers import curated

SOJ = View(years=(2019, 2025), regions={"sea_of_japan"}, kinds={"air_patrol"})
ALASKA = View(years=(2024, 2024), regions={"alaska_bering"})
BOXES = """() => {
  const box = (el) => { const r = el.getBoundingClientRect();
                        return [r.left, r.top, r.right, r.bottom]; };
  const pick = (sel) => [...document.querySelectorAll(sel)].map(box);
  return {labels: pick('text.place-label, text.zone-label, text.event-label, g.callout'),
          names: [...document.querySelectorAll('text.place-label')].map(t => t.textContent),
          panels: pick('g.legend > rect, g.inset > rect, g.scale > rect, g.north > circle'),
          map: box(document.querySelector('svg > rect[fill]:nth-of-type(2)'))};
}"""


def overlap(a: list[float], b: list[float], tol: float = 0.5) -> bool:
    return not (
        a[2] <= b[0] + tol or b[2] <= a[0] + tol or a[3] <= b[1] + tol or b[3] <= a[1] + tol
    )


@pytest.fixture(scope="module")
def chrome(browser) -> Iterator[object]:
    ctx = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = ctx.new_page()
    page.route("**/*", lambda route: route.abort())
    yield page
    ctx.close()


# ---------------------------------------------------------------------- words and extent


def test_titles_are_made_from_the_view() -> None:
    ev = curated().events
    one = ev[ev["id"] == "air-patrol-2024-07"]
    names = curated().region_names()
    assert title_for(one, ["alaska_bering"], names) == (
        "Joint China–Russia bomber patrol near Alaska and the Bering Sea, July 2024"
    )
    soj = ev[(ev["kind"] == "air_patrol") & (ev["year_start"].between(2019, 2025))]
    assert title_for(soj, ["sea_of_japan"], names) == (
        "Joint China–Russia bomber patrols near the Sea of Japan, 2019–2025"
    )
    assert title_for(
        ev[ev["kind"] == "counter_terrorism_exercise"].iloc[:2], ["central_asia"], names
    ).startswith("Joint China–Russia counter-terrorism exercises in Central Asia")
    assert period(date(2023, 3, 1), date(2023, 5, 2)) == "March–May 2023"


def test_title_option_still_overrides() -> None:
    b = Briefing(curated(), ALASKA, Layers(), title="My own title")
    assert compose(b).title == "My own title"


def test_extent_fits_the_region_not_every_route_through_it() -> None:
    b = Briefing(curated(), SOJ, Layers())
    fig = compose(b)
    lon0, lat0, lon1, lat1 = fig.frame.bounds
    r0, s0, r1, s1 = view_bounds(b, b.shown)
    assert lon0 <= r0 and lat0 <= s0 and lon1 >= r1 and lat1 >= s1  # the region is in view
    regions = b.catalog.regions
    g0, h0, g1, h1 = to_display(regions[regions["id"] == "sea_of_japan"].geometry.iloc[0]).bounds
    assert g0 - 0.25 * (g1 - g0) <= r0 and r1 <= g1 + 0.25 * (g1 - g0)  # routes followed a
    assert h0 - 0.25 * (h1 - h0) <= s0 and s1 <= h1 + 0.25 * (h1 - h0)  # little way, no more
    routes = [to_display(g).bounds for g in b.shown.geometry]
    assert min(r[1] for r in routes) < lat0 - 1  # routes to the East China Sea are clipped
    # fitted: in the limiting direction the frame is the region plus its margin, no more
    assert (lat1 - lat0) <= (s1 - s0) * 1.2 or (lon1 - lon0) <= (r1 - r0) * 1.2


def test_zone_versions_in_python_and_javascript_agree() -> None:
    """The same table of cases as tests/test_js.py (zonesInYears)."""
    from tests.test_js import ZONES

    assert as_of_years(ZONES, 2012, 2012) == ([True, False, True, False, False], [])
    shown, notes = as_of_years(ZONES, 2012, 2025)
    assert shown == [True, True, False, True, True]
    assert notes == [
        "ECS ADIZ: in force only from 2013-11-23",
        "KADIZ: the shape in force from 2013-12-15 is shown",
    ]


# ---------------------------------------------------------------------- what the reader sees


@pytest.mark.browser
@pytest.mark.parametrize(
    "view",
    [SOJ, ALASKA, View(regions={"south_china_sea"}), View()],
    ids=["sea-of-japan", "alaska", "south-china-sea", "everything"],
)
def test_labels_are_there_and_overlap_nothing(chrome, view: View) -> None:
    fig = compose(Briefing(curated(), view, Layers()))
    chrome.set_content(f"<html><body style='margin:0'>{fig.svg}</body></html>")
    got = chrome.evaluate(BOXES)
    labels, panels = got["labels"], got["panels"]
    assert labels, "no labels at all"
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            assert not overlap(a, b), (a, b)
        for p in panels:
            assert not overlap(a, p), (a, p)
    assert fig.numbered or 'class="event-label"' in fig.svg


@pytest.mark.browser
def test_place_names_from_the_gazetteer_are_labelled(chrome) -> None:
    fig = compose(Briefing(curated(), ALASKA, Layers()))
    chrome.set_content(f"<html><body style='margin:0'>{fig.svg}</body></html>")
    names = set(chrome.evaluate(BOXES)["names"])
    assert {"Russia", "United States of America"} & names, names
    assert "Bering Strait" in names or "Bering Sea" in names, names


def test_alaska_figure_says_what_where_when_which_way_and_who() -> None:
    fig = compose(Briefing(curated(), ALASKA, Layers()))
    svg = fig.svg
    ET.fromstring(svg)  # valid XML
    assert "near Alaska and the Bering Sea" in fig.title
    assert "24 Jul 2024" in svg  # when
    assert "Alaska ADIZ" in svg  # which zones
    assert svg.count("<polygon points=") >= 2  # direction arrows on the routes
    assert "Route: start" in svg and "Sources:" in svg and "Record as of" in svg
    assert 'class="north"' in svg and 'class="scale"' in svg and 'class="inset"' in svg


@pytest.mark.browser
def test_pdf_and_svg_keep_text_as_text(browser) -> None:
    from pypdf import PdfReader

    b = Briefing(curated(), ALASKA, Layers())
    fig = compose(b)
    pdf = figure_bytes(fig, "pdf", chromium=browser)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    words = " ".join(text.split())
    assert "Joint China–Russia" in words and "Alaska ADIZ" in words and "Legend" in words
    svg = figure_bytes(fig, "svg").decode()
    assert svg.startswith("<?xml") and "<text" in svg and "Alaska ADIZ</text>" in svg
    assert "<image" not in svg  # no raster inside: vectors and text


def test_greyscale_kinds_differ_by_pattern_or_shape_not_colour() -> None:
    inks = list(GREY_INKS.values())
    assert len({(i.dash, i.marker, i.hatch) for i in inks}) == len(inks)
    fig = compose(
        Briefing(curated(), View(years=(2019, 2025)), Layers()), FigureOptions(palette="greyscale")
    )
    colours = set(re.findall(r'(?:stroke|fill)="#([0-9a-fA-F]{6})"', fig.svg))
    assert colours and all(c[0:2] == c[2:4] == c[4:6] for c in colours), colours


def test_small_multiples_one_panel_per_year_with_counts() -> None:
    view = View(years=(2019, 2025), kinds={"air_patrol"})
    fig = compose(Briefing(curated(), view, Layers()), FigureOptions(by="year"))
    panels = re.findall(r'class="panel-title">([^<]+)<', fig.svg)
    assert [p.split(" · ")[0] for p in panels] == [str(y) for y in range(2019, 2026)]
    ev = curated().events
    air = ev[ev["kind"] == "air_patrol"]
    for p in panels:
        year = int(p.split(" · ")[0])
        n = int(((air["year_start"] <= year) & (air["year_end"] >= year)).sum())
        assert p.endswith(f"{n} event{'s' if n != 1 else ''}"), p


def test_calendar_counts_events_by_start_month() -> None:
    data = export_view(curated(), View(years=(2022, 2025)), Layers(), "svg", figure="calendar")
    svg = data.decode()
    cells = [int(c) for c in re.findall(r'class="cell">(\d+)<', svg)]
    ev = curated().events
    ev = ev[(ev["year_start"] >= 2022) & (ev["year_start"] <= 2025)]
    assert sum(cells) == len(stats.counted(ev))  # each activity once: phases with their parent
    assert len(stats.counted(ev)) < len(ev)  # the record has such phases in these years


def test_numbered_list_gets_its_own_room_when_labels_give_way() -> None:
    # 2026: five events, few enough to label, too spread out to: numbered after all
    svg = export_view(curated(), View(years=(2026, 2026)), Layers(), "svg").decode("utf-8")
    root = ET.fromstring(svg.split("\n", 1)[1])
    ns = "{http://www.w3.org/2000/svg}"
    lists = [g for g in root.iter(f"{ns}g") if g.get("class") == "callout-list"]
    assert len(lists) == 1
    rect = lists[0].find(f"{ns}rect")
    assert rect is not None
    bottom = float(rect.get("y", 0)) + float(rect.get("height", 0))
    entries = [t for t in lists[0].iter(f"{ns}text")]
    assert len(entries) >= 5 and all(float(t.get("y", 0)) < bottom for t in entries)
    footer = [
        float(t.get("y", 0)) for t in root.iter(f"{ns}text") if t.get("class") == "source-line"
    ]
    assert footer and bottom < min(footer) - 8  # the list ends above the source lines
