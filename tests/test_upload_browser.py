"""Uploads in the real app: payloads show as text and never run; every corpus file gets its
documented outcome on screen; the counts add up."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import ARTIFACTS

sys.path.insert(0, str(Path(__file__).resolve().parent / "data" / "hostile"))
from make_corpus import big_single_line

pytestmark = pytest.mark.browser
CORPUS = Path(__file__).resolve().parent / "data" / "hostile"
EXPECTED = {
    k: v
    for k, v in json.loads((CORPUS / "EXPECTED.json").read_text("utf-8")).items()
    if not k.startswith("_")
}
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
XSS = "<img src=x onerror=alert('xss')><script>alert(1)</script>"
FIND_USER = """(fid) => {
  let hit = null;
  const visit = (l) => {
    if (l.feature && l.feature.properties.fid === fid) { hit = l; }
    else if (l.eachLayer) { l.eachLayer(visit); }
  };
  (window.feature_group || []).forEach(visit);
  if (!hit) { return null; }
  window.map.setView(hit.getLatLng(), 6, {animate: false});
  const p = window.map.latLngToContainerPoint(hit.getLatLng());
  return {x: p.x, y: p.y};
}"""


def upload(page, path: Path) -> None:
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(path))


def status(page, name: str, timeout: float = 60.0) -> str:
    """The sidebar's outcome line (counts) or error for the uploaded file ``name``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        side = page.locator('[data-testid="stSidebar"]').inner_text()
        for line in side.splitlines():
            if (line.startswith(f"{name}:") and " total" in line) or (
                line.startswith("File not loaded") and name in line
            ):
                return line
        page.wait_for_timeout(200)
    return ""


def test_payload_upload_shows_text_and_runs_nothing(server: str, browser) -> None:
    ctx = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = ctx.new_page()
    dialogs, errors, console = [], [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(server)
    page.locator(MAP_FRAME).wait_for(timeout=90_000)
    upload(page, CORPUS / "payloads.geojson")
    assert status(page, "payloads.geojson") == "payloads.geojson: 3 loaded, 1 rejected, 4 total"
    frame = next(f for f in page.frames if "streamlit_folium" in f.url)
    legend = frame.locator(".jm-legend")
    legend.get_by_text("Your data: payloads.geojson (3)").wait_for(timeout=30_000)

    xy = None
    deadline = time.monotonic() + 30
    while xy is None and time.monotonic() < deadline:
        frame = next(f for f in page.frames if "streamlit_folium" in f.url)
        xy = frame.evaluate(FIND_USER, "user-0")
        page.wait_for_timeout(300)
    assert xy, "the uploaded point is not on the map"
    box = page.locator(MAP_FRAME).bounding_box()
    page.mouse.click(box["x"] + xy["x"], box["y"] + xy["y"])
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=10_000)
    text = popup.inner_text()
    assert XSS in text and "${alert(document.domain)}" in text  # shown literally
    assert frame.locator(".leaflet-popup-content img, .leaflet-popup-content script").count() == 0
    # the year slider filters the user's records with the events (they are all 2024)
    count_user = """() => { let n = 0; const visit = (l) => {
        if (l.feature && String(l.feature.properties.fid).startsWith('user-')) { n += 1; }
        else if (l.eachLayer) { l.eachLayer(visit); } };
      (window.feature_group || []).forEach(visit); return n; }"""
    assert frame.evaluate(count_user) == 3
    thumb = page.locator('[data-testid="stSlider"] input[type="range"]').nth(0)
    thumb.focus()
    page.keyboard.press("End")  # 2025 only
    deadline = time.monotonic() + 30
    while frame.evaluate(count_user) != 0 and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    assert frame.evaluate(count_user) == 0
    assert not frame.locator(".jm-legend [data-kind='user']").is_visible()
    thumb.focus()
    page.keyboard.press("Home")  # back to 2012: 2012-2025 again
    deadline = time.monotonic() + 30
    while frame.evaluate(count_user) != 3 and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    assert frame.evaluate(count_user) == 3
    page.get_by_text("Rejected (1) and repaired (0)").click()
    page.wait_for_timeout(1500)
    page.screenshot(path=str(ARTIFACTS / "upload-payloads.png"))
    assert not dialogs, dialogs
    assert not errors, errors
    assert not console, console
    hosts = {r.split("/")[2].split(":")[0] for r in requests if r.startswith("http")}
    assert hosts == {"127.0.0.1"}, hosts
    ctx.close()


def test_every_corpus_file_gets_its_documented_outcome(
    server: str, browser, tmp_path: Path
) -> None:
    ctx = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = ctx.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server)
    page.locator(MAP_FRAME).wait_for(timeout=90_000)
    for name, want in sorted(EXPECTED.items()):
        path = CORPUS / name
        if not path.exists():  # the 10 MB single-line file is generated, not committed
            path = big_single_line(tmp_path / name)
        upload(page, path)
        line = status(page, name)
        if want.get("refused"):
            assert line.startswith("File not loaded") and want["message"] in line, (name, line)
        else:
            assert line == (
                f"{name}: {want['loaded']} loaded, {want['rejected']} rejected, "
                f"{want['total']} total"
            ), (name, line)
    # the session survived every file: the map is still there
    assert page.locator(MAP_FRAME).is_visible()
    assert not dialogs
    ctx.close()
