"""The real app in headless Chromium: draws, filters by keyboard, stays offline."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from geo import filters
from geo.view import View
from tests.helpers import ARTIFACTS, curated

pytestmark = pytest.mark.browser
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
DRAWN_IDS = """() => {
  const ids = [];
  const visit = (l) => { if (l.feature) { ids.push(l.feature.properties.fid); }
                         else if (l.eachLayer) { l.eachLayer(visit); } };
  (window.feature_group || []).filter((g) => window.map.hasLayer(g)).forEach(visit);
  return ids;
}"""


def expected(view: View) -> set[str]:
    return set(filters.apply(curated().events, view)["id"])


@pytest.fixture
def page(server: str, browser) -> Iterator[object]:
    ctx = browser.new_context(viewport={"width": 1920, "height": 1080})
    pg = ctx.new_page()
    pg.requests_seen = []
    pg.errors = []
    pg.on("request", lambda r: pg.requests_seen.append(r.url))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.goto(server)
    yield pg
    ctx.close()


def map_frame(pg):
    pg.locator(MAP_FRAME).wait_for(timeout=90_000)
    frame = pg.frame_locator(MAP_FRAME)
    # Leaflet keeps a path outside the view as d="M0 0" (zero size, so "hidden"):
    # wait for any path that was drawn, not for the first one in the DOM.
    frame.locator('path.leaflet-interactive:not([d="M0 0"])').first.wait_for(timeout=90_000)
    return next(f for f in pg.frames if "streamlit_folium" in f.url)


def wait_drawn(frame, want: set[str], timeout: float = 60.0) -> set[str]:
    deadline = time.monotonic() + timeout
    got: set[str] = set()
    while time.monotonic() < deadline:
        got = {i for i in frame.evaluate(DRAWN_IDS) if i in set(curated().events["id"])}
        if got == want:
            return got
        time.sleep(0.3)
    return got


def test_map_draws_offline_and_slider_filters_by_keyboard(page) -> None:
    frame = map_frame(page)
    everything = set(curated().events["id"])
    assert wait_drawn(frame, everything) == everything
    # basemap, zones and legend are drawn too
    assert frame.locator("path").count() > 200
    assert frame.locator(".jm-legend").inner_text().startswith("Legend")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "app-1920x1080.png"))

    frame.evaluate("() => window.map.setView([40, 135], 5)")
    thumbs = page.locator('[data-testid="stSlider"] input[type="range"]')
    lo, hi = curated().year_span()
    thumbs.nth(0).focus()
    for _ in range(2024 - lo):
        page.keyboard.press("ArrowRight")
    thumbs.nth(1).focus()
    for _ in range(hi - 2024):
        page.keyboard.press("ArrowLeft")
    want = expected(View(years=(2024, 2024)))
    assert wait_drawn(frame, want) == want
    assert curated().events.set_index("id").loc[sorted(want), "year_start"].eq(2024).all()
    legend_kinds = set(
        frame.evaluate(
            "() => [...document.querySelectorAll('.jm-legend [data-kind]')]"
            ".filter(r => r.style.display !== 'none').map(r => r.getAttribute('data-kind'))"
        )
    )
    assert legend_kinds == set(curated().events.set_index("id").loc[sorted(want), "kind"])
    page.get_by_text(f"{len(want)} of {len(curated().events)} events shown").wait_for()
    # updated in place: the zoom and centre the user chose survive the filter change
    assert frame.evaluate("() => window.map.getZoom()") == 5
    centre = frame.evaluate("() => window.map.getCenter()")
    assert abs(centre["lat"] - 40) < 0.01 and abs(centre["lng"] - 135) < 0.01
    # the rerun has finished: no element is still faded as stale
    page.wait_for_function(
        '() => !document.querySelector(\'[data-testid="stElementContainer"][data-stale="true"]\')'
    )
    page.screenshot(path=str(ARTIFACTS / "app-2024.png"))

    hosts = {
        urlparse(u).hostname
        for u in page.requests_seen
        if not u.startswith(("data:", "blob:", "about:"))
    }
    assert hosts <= {"127.0.0.1", "localhost"}, hosts
    assert page.errors == []


def test_region_filter_shows_only_arctic_events(page, server: str) -> None:
    page.goto(f"{server}/?regions=arctic")
    frame = map_frame(page)
    want = expected(View(regions={"arctic"}))
    assert want and wait_drawn(frame, want) == want


def test_bering_sea_route_is_unbroken(page, server: str) -> None:
    page.goto(f"{server}/?years=2024-2024&kinds=air_patrol,coast_guard_patrol")
    frame = map_frame(page)
    want = expected(View(years=(2024, 2024), kinds={"air_patrol", "coast_guard_patrol"}))
    assert wait_drawn(frame, want) == want
    parts = frame.evaluate("""() => {
      let out = null;
      const visit = (l) => {
        if (l.feature && l.feature.properties.fid === 'air-patrol-2024-07') {
          out = l.getLatLngs().length && Array.isArray(l.getLatLngs()[0]) ? 'multi' : 'single';
        } else if (l.eachLayer) { l.eachLayer(visit); }
      };
      window.feature_group.filter((g) => window.map.hasLayer(g)).forEach(visit);
      return out;
    }""")
    assert parts == "single"
    frame.evaluate("() => window.map.setView([60, 190], 4)")
    time.sleep(1.0)
    page.locator(MAP_FRAME).screenshot(path=str(ARTIFACTS / "bering.png"))


def test_click_on_map_selects_event_details(page, server: str) -> None:
    target = "border-ct-2024-06-heihe"
    page.goto(f"{server}/?years=2024-2024&kinds=counter_terrorism_exercise")
    frame = map_frame(page)
    want = expected(View(years=(2024, 2024), kinds={"counter_terrorism_exercise"}))
    assert target in want and wait_drawn(frame, want) == want
    xy = frame.evaluate(
        """(fid) => {
      let pt = null;
      const visit = (l) => {
        if (l.feature && l.feature.properties.fid === fid) {
          window.map.setView(l.getLatLng(), 6, {animate: false});
          pt = window.map.latLngToContainerPoint(l.getLatLng());
        } else if (l.eachLayer) { l.eachLayer(visit); }
      };
      window.feature_group.filter((g) => window.map.hasLayer(g)).forEach(visit);
      return pt && {x: pt.x, y: pt.y};
    }""",
        target,
    )
    assert xy, "event marker not found"
    box = page.locator(MAP_FRAME).bounding_box()
    page.mouse.click(box["x"] + xy["x"], box["y"] + xy["y"])
    name = curated().events.set_index("id").loc[target, "name"]
    details = page.locator(".st-key-details")
    details.get_by_text(name).first.wait_for(timeout=30_000)
    assert "Sources" in frame.locator(".leaflet-popup-content").inner_text()


def test_trend_tab_renders_chart_and_claims(page, server: str) -> None:
    page.goto(f"{server}/?regions=sea_of_japan,east_china_sea")
    map_frame(page)
    page.get_by_role("tab", name="Trend and claims check").click()
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    for chart in (charts.nth(0), charts.nth(1)):  # the trend and the seasonality calendar
        chart.locator("canvas, svg").first.wait_for(timeout=60_000)
        assert chart.bounding_box()["height"] > 200
    page.get_by_text("Claims check: the research paper's Table 1").wait_for()
    page.screenshot(path=str(ARTIFACTS / "trend.png"), full_page=True)
    hosts = {
        urlparse(u).hostname
        for u in page.requests_seen
        if not u.startswith(("data:", "blob:", "about:"))
    }
    assert hosts <= {"127.0.0.1", "localhost"}, hosts


def test_export_button_downloads_a_file(page, server: str) -> None:
    page.goto(f"{server}/?years=2024-2024&kinds=air_patrol")
    map_frame(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("Export this view").scroll_into_view_if_needed()
    page.locator(".st-key-export_format").click()
    page.get_by_role("option", name="CSV").click()
    sidebar.get_by_role("button", name="Prepare CSV").click()
    with page.expect_download(timeout=60_000) as dl:
        sidebar.get_by_role("button", name="Download CSV").click()
    path = dl.value.path()
    text = Path(path).read_text(encoding="utf-8-sig")
    want = expected(View(years=(2024, 2024), kinds={"air_patrol"}))
    assert text.startswith("id,name,kind")
    assert {line.split(",")[0] for line in text.splitlines()[1:]} == want


def test_copy_link_restores_view_and_extent(page, server: str, browser) -> None:
    page.goto(f"{server}/?years=2019-2022&regions=sea_of_japan&names=JP")
    frame = map_frame(page)
    frame.evaluate("() => window.map.setView([38.5, 133.25], 6, {animate: false})")
    frame.locator(".jm-link a").click()
    link = frame.evaluate("() => window.jmLastLink")
    assert "map=38.500%2C133.250%2C6" in link or "map=38.500,133.250,6" in link
    other = browser.new_page(viewport={"width": 1920, "height": 1080})
    try:
        other.goto(link)
        f2 = map_frame(other)
        want = expected(View(years=(2019, 2022), regions={"sea_of_japan"}))
        assert wait_drawn(f2, want) == want
        centre = f2.evaluate("() => window.map.getCenter()")
        assert f2.evaluate("() => window.map.getZoom()") == 6
        assert abs(centre["lat"] - 38.5) < 0.01 and abs(centre["lng"] - 133.25) < 0.01
        assert other.locator(".st-key-naming input").input_value() == "Japan's names"
    finally:
        other.close()


def test_playback_steps_through_years(page, server: str) -> None:
    page.goto(server)
    frame = map_frame(page)
    everything = set(curated().events["id"])
    assert wait_drawn(frame, everything) == everything
    frame.locator(".jm-playback .jm-speed").select_option("4")
    frame.locator(".jm-playback .jm-play").click()
    seen: list[tuple[str, int]] = []
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        state = frame.evaluate("() => window.jmPlayback")
        if state and state["index"] >= 0 and (not seen or seen[-1][0] != state["label"]):
            seen.append((state["label"], state["visible"]))
        if state and state["index"] >= 4:
            break
        time.sleep(0.1)
    years = [int(label[:4]) for label, _ in seen]
    first = curated().year_span()[0]
    assert years[:5] == list(range(first, first + 5)), seen
    counts = [n for _, n in seen]
    assert counts == sorted(counts) and counts[-1] > counts[0]  # cumulative window grows
    want = int((curated().events["year_start"] <= years[len(counts) - 1]).sum())
    assert counts[-1] == want
    drawn = len([i for i in frame.evaluate(DRAWN_IDS) if i in everything])
    assert drawn == counts[-1]  # hidden events are off the map, not just invisible
    frame.locator(".jm-playback .jm-all").click()
    assert frame.evaluate("() => window.jmPlayback.visible") == len(curated().events)


def zone_state(frame, want_notes: int | None = None, timeout: float = 30.0) -> dict:
    deadline = time.monotonic() + timeout
    state: dict = {}
    while time.monotonic() < deadline:
        state = frame.evaluate("() => window.jmZoneState || {}")
        if state and (want_notes is None or len(state.get("notes", [])) == want_notes):
            return state
        time.sleep(0.2)
    return state


def test_zones_stand_as_in_the_selected_years_with_labels(page, server: str) -> None:
    page.goto(f"{server}/?map=33,127,5")
    frame = map_frame(page)
    state = zone_state(frame, want_notes=3)
    assert "China ECS ADIZ: in force only from 2013-11-23" in state["notes"]
    assert "KADIZ: in force only from 2013-12-15" in state["notes"]
    assert {"China ECS ADIZ", "KADIZ", "Taiwan ADIZ"} <= set(state["shown"])
    notes = frame.locator(".jm-legend .jm-zone-notes")
    assert "China ECS ADIZ: in force only from 2013-11-23" in notes.inner_text()
    labels = frame.locator(".jm-zone-label")
    assert "KADIZ" in labels.all_inner_texts()
    # 2012 only: neither ADIZ existed yet; they, their labels and their notes go
    thumbs = page.locator('[data-testid="stSlider"] input[type="range"]')
    thumbs.nth(1).focus()
    page.keyboard.press("Home")
    state = zone_state(frame, want_notes=1)
    assert state["lo"] == state["hi"] == 2012, state
    assert "China ECS ADIZ" not in state["shown"] and "KADIZ" not in state["shown"]
    assert "KADIZ" not in frame.locator(".jm-zone-label").all_inner_texts()
    assert notes.inner_text() == "Northern Sea Route water area: in force only from 2012-07-28"
    assert frame.evaluate("() => window.map.getZoom()") == 5  # the view stays
    assert page.errors == []


@pytest.mark.parametrize(
    ("name", "extent"),
    [
        ("bering-sea", "63,188,4.5"),
        ("taiwan-strait", "24.5,120.5,6"),
        ("sea-of-japan", "38,133,5"),
        ("kara-sea", "75,78,4"),
    ],
)
def test_zone_screenshots(page, server: str, name: str, extent: str) -> None:
    """Pictures to look at: every zone where its text says, labelled, unbroken at 180°."""
    page.goto(f"{server}/?map={extent}")
    page.locator(MAP_FRAME).wait_for(timeout=90_000)
    frame = next(f for f in page.frames if "streamlit_folium" in f.url)
    assert zone_state(frame, want_notes=3, timeout=90.0).get("notes")
    time.sleep(1.5)
    page.locator(MAP_FRAME).screenshot(path=str(ARTIFACTS / f"zones-{name}.png"))
    assert frame.locator(".jm-zone-label").count() >= 1


PLACE_RECTS = """() => {
  const r = (el) => { const b = el.getBoundingClientRect();
                      return {text: el.textContent, l: b.left, t: b.top,
                              r: b.right, b: b.bottom}; };
  const shown = [...document.querySelectorAll('.jm-place')]
    .filter((el) => el.style.visibility !== 'hidden' && el.getBoundingClientRect().width > 0);
  const blocks = [...document.querySelectorAll('.leaflet-control, .jm-zone-label div')]
    .filter((el) => el.getBoundingClientRect().width > 0);
  return {places: shown.map(r), blocks: blocks.map(r),
          frame: r(document.querySelector('.leaflet-container'))};
}"""


def overlap(a: dict, b: dict) -> bool:
    return not (a["r"] <= b["l"] or b["r"] <= a["l"] or a["b"] <= b["t"] or b["b"] <= a["t"])


def placed_labels(frame, want: str, timeout: float = 60.0) -> dict:
    deadline = time.monotonic() + timeout
    got: dict = {}
    while time.monotonic() < deadline:
        got = frame.evaluate(PLACE_RECTS)
        if want in {p["text"] for p in got["places"]}:
            time.sleep(0.5)  # the last placement pass after the legend settles
            return frame.evaluate(PLACE_RECTS)
        time.sleep(0.3)
    return got


@pytest.mark.parametrize(
    ("extent", "want"),
    [
        ("56,150,3", "Japan"),
        ("63,188,5", "Bering Strait"),
        ("34.5,129.4,7", "Tsushima Strait (eastern channel)"),
    ],
)
def test_place_labels_show_and_overlap_nothing(page, server: str, extent: str, want: str) -> None:
    """Measured in the page: labels are there, inside the map, clear of each other and of
    the legend, the caption and the zone labels."""
    page.goto(f"{server}/?map={extent}")
    page.locator(MAP_FRAME).wait_for(timeout=90_000)
    page.frame_locator(MAP_FRAME).locator(".jm-legend").wait_for(timeout=90_000)
    frame = next(f for f in page.frames if "streamlit_folium" in f.url)
    got = placed_labels(frame, want)
    texts = [p["text"] for p in got["places"]]
    assert want in texts, texts
    places, blocks, box = got["places"], got["blocks"], got["frame"]
    for i, a in enumerate(places):
        assert box["l"] <= a["l"] and a["r"] <= box["r"] and box["t"] <= a["t"] <= box["b"]
        for b in places[i + 1 :]:
            assert not overlap(a, b), (a, b)
        for b in blocks:
            assert not overlap(a, b), (a, b)
    slug = want.lower().replace(" ", "-")
    page.locator(MAP_FRAME).screenshot(path=str(ARTIFACTS / f"places-{slug}.png"))
    assert page.errors == []


def test_presentation_view_is_the_map_alone(page, server: str) -> None:
    """The button opens it; the URL keeps it; title, legend and labels, no widgets."""
    page.goto(f"{server}/?years=2024-2024&regions=alaska_bering")
    page.get_by_role("button", name="Presentation view").click()
    page.wait_for_url("**present=1**", timeout=60_000)
    page.locator('[data-testid="stSidebar"]').wait_for(state="hidden", timeout=60_000)
    page.get_by_role("button", name="Leave the presentation view").wait_for(timeout=60_000)
    frame = map_frame(page)
    placed_labels(frame, "Bering Strait")
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    assert not page.locator('[data-testid="stSlider"]').first.is_visible()  # widgets hidden
    box = page.locator(MAP_FRAME).bounding_box()
    assert box is not None and box["width"] > 1800 and box["height"] > 950, box
    caption = frame.locator(".jm-caption").inner_text()
    assert "Alaska" in caption and "2024" in caption, caption
    assert frame.locator(".jm-legend").is_visible()
    time.sleep(1.0)
    page.screenshot(path=str(ARTIFACTS / "presentation.png"))
    # a link opens it as is; the button leaves it
    url = page.url
    page.goto(url)
    map_frame(page)
    assert not page.locator('[data-testid="stSlider"]').first.is_visible()
    page.get_by_role("button", name="Leave the presentation view").click()
    page.locator('[data-testid="stSlider"]').first.wait_for(state="visible", timeout=60_000)
    assert page.errors == []


@pytest.mark.parametrize(
    ("extent", "want", "slug"),
    [
        ("34.6,129.4,7", "Korea Strait (western channel)", "korea-strait"),
        ("63.6,189.5,7", "St. Lawrence Island", "st-lawrence"),
        ("65.7,191.2,7", "Bering Strait (eastern channel)", "bering-strait"),
    ],
)
def test_routes_close_up_at_zoom_7(page, server: str, extent: str, want: str, slug: str) -> None:
    """The straits the routes pass, as a briefer zooms in: the channels named, routes drawn.

    Whether a route crosses land is measured over the whole record in test_routes_land; this
    is the picture to look at (tests/artifacts/routes-*.png).
    """
    page.goto(f"{server}/?map={extent}")
    page.locator(MAP_FRAME).wait_for(timeout=90_000)
    page.frame_locator(MAP_FRAME).locator(".jm-legend").wait_for(timeout=90_000)
    frame = next(f for f in page.frames if "streamlit_folium" in f.url)
    got = placed_labels(frame, want)
    assert want in [p["text"] for p in got["places"]], [p["text"] for p in got["places"]]
    assert frame.evaluate("window.jmBasemap.detail")  # the 1:10m coast the routes avoid
    time.sleep(1.0)
    page.locator(MAP_FRAME).screenshot(path=str(ARTIFACTS / f"routes-{slug}.png"))
    assert page.errors == []


def test_event_link_shows_accounts_side_by_side(page, server: str) -> None:
    """A briefer's link to one event: its details, each party's account in its own column."""
    page.goto(f"{server}/?event=air-patrol-2025-12")
    page.locator(MAP_FRAME).wait_for(timeout=90_000)
    box = page.locator(".st-key-details")
    box.wait_for(timeout=90_000)
    box.get_by_text("Accounts side by side").wait_for(timeout=30_000)
    box.scroll_into_view_if_needed()
    columns = box.locator('[data-testid="stColumn"]')
    assert columns.count() >= 2
    tops = {round(columns.nth(i).bounding_box()["y"]) for i in range(min(3, columns.count()))}
    assert len(tops) == 1  # side by side, not stacked
    assert page.get_by_text("Record as of").first.is_visible()
    time.sleep(0.5)
    box.screenshot(path=str(ARTIFACTS / "details-accounts.png"))
    page.screenshot(path=str(ARTIFACTS / "details-page.png"), full_page=True)
    assert page.errors == []
