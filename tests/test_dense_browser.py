"""A 4,000-event catalog in the real app: the compact layer is fetched from the app's own
server, counted per cell when too dense, drawn when zoomed in, filtered by the slider in
the browser (zoom kept), and a click on a drawn event opens its details."""

from __future__ import annotations

import time
from collections.abc import Iterator
from urllib.parse import urlparse

import pytest

from geo import filters
from geo.cache import load_cached
from geo.catalog import Catalog
from geo.view import View
from tests.conftest import run_app
from tests.helpers import ARTIFACTS
from tests.synthetic import generate

pytestmark = pytest.mark.browser
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
N = 4000


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Catalog]]:
    # no country distances (never read here); validated once, into the cache the server reads
    data = generate(N, tmp_path_factory.mktemp("large"), seed=11, basemap=False)
    cache = tmp_path_factory.mktemp("cache")
    cat, _ = load_cached(data, folder=cache)
    with run_app("streamlit-large.log", JOINTMAP_DATA=str(data), JOINTMAP_CACHE=str(cache)) as url:
        yield url, cat


def dense_state(frame, want: dict, timeout: float = 60.0) -> dict:
    deadline = time.monotonic() + timeout
    state: dict = {}
    while time.monotonic() < deadline:
        state = frame.evaluate("() => window.jmDense || {}")
        if all(state.get(k) == v for k, v in want.items()):
            return state
        time.sleep(0.2)
    return state


def test_large_catalog_draws_filters_and_clicks(large, browser) -> None:
    url, cat = large
    ctx = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = ctx.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.locator(MAP_FRAME).wait_for(timeout=120_000)
    frame = next(f for f in page.frames if "streamlit_folium" in f.url)

    # zoomed out, 4,000 events in view: counted per grid cell, the legend says so
    state = dense_state(frame, {"events": N, "shown": N, "mode": "cells"}, timeout=120)
    assert state.get("mode") == "cells", state
    assert frame.locator(".jm-legend [data-cells]").is_visible()
    assert not frame.locator(".jm-legend [data-kind]").first.is_visible()
    fetched = [u for u in requests if "/app/static/events-" in u]
    assert fetched, "expected the events layer fetched from the app's static folder"
    assert {urlparse(u).hostname for u in requests if u.startswith("http")} == {"127.0.0.1"}
    page.screenshot(path=str(ARTIFACTS / "large-cells.png"))

    # zoomed in, a site in view: features drawn, named on hover, clickable
    site = cat.events[(cat.events.geom_type == "Point") & (cat.events["year_end"] >= 2025)]
    target = site.iloc[0]
    lng, lat = target.geometry.x, target.geometry.y
    frame.evaluate(f"() => {{ window.map.setView([{lat}, {lng}], 9, {{animate: false}}); }}")
    state = dense_state(frame, {"mode": "features", "zoom": 9})
    assert state.get("mode") == "features", state

    # the slider filters in the browser; the zoom stays
    thumb = page.locator('[data-testid="stSlider"] input[type="range"]').nth(0)
    thumb.focus()
    page.keyboard.press("End")  # first thumb to the last year: 2025 only
    want = len(filters.apply(cat.events, View(years=(2025, 2025))))
    state = dense_state(frame, {"shown": want})
    assert state.get("shown") == want and state.get("zoom") == 9, state
    assert frame.evaluate("() => window.map.getZoom()") == 9

    pt = frame.evaluate(
        f"() => {{ const p = window.map.latLngToContainerPoint([{lat}, {lng}]);"
        " return {x: p.x, y: p.y}; }"
    )
    box = page.locator(MAP_FRAME).bounding_box()
    page.mouse.move(box["x"] + pt["x"], box["y"] + pt["y"])
    tip = frame.locator(".jm-dense-tip")
    tip.wait_for(timeout=10_000)
    assert target["name"] in tip.inner_text()
    page.mouse.click(box["x"] + pt["x"], box["y"] + pt["y"])
    page.locator(".st-key-details").get_by_text(target["name"]).first.wait_for(timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "large-zoomed.png"))
    assert not errors, errors
    ctx.close()
