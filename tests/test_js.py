"""Our JavaScript (layers/js, ui/js) in a blank headless Chromium page: no Streamlit server,
no map page from Python, only Leaflet and the file under test. Seconds, not minutes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import shapely

from geo.catalog import load_catalog
from geo.frame import to_display
from layers import assets
from layers.dense import QUANTUM, SIMPLIFY_DEG, dense_payload
from layers.jscode import script
from tests.helpers import event, write_data
from tests.synthetic import generate

pytestmark = pytest.mark.browser
FILES = {
    "layers": [
        "dense.js",
        "dense_fetch.js",
        "playback.js",
        "copy_link.js",
        "zones.js",
        "places.js",
        "basemap.js",
    ],
    "ui": ["years_bridge.js"],
}
PATHS = """(d) => {
  const p = JointMap.decodePaths(d), out = [];
  for (let i = 0; i < d.id.length; i++) {
    const ev = [];
    for (let k = p.pathStart[i]; k < p.pathStart[i + 1]; k++) {
      const path = [];
      for (let v = p.vertStart[k]; v < p.vertStart[k + 1]; v++) {
        path.push([p.lonlat[2 * v], p.lonlat[2 * v + 1]]);
      }
      ev.push(path);
    }
    out.push(ev);
  }
  return out;
}"""


@pytest.fixture(scope="module")
def page(browser) -> Iterator[object]:
    """A blank page with Leaflet, a map element and every one of our scripts loaded."""
    ctx = browser.new_context(viewport={"width": 800, "height": 600})
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.route("**/*", lambda route: route.abort())  # nothing leaves the page
    pg.set_content("<div id='map' style='width:800px;height:600px'></div>")
    pg.add_script_tag(content=assets.leaflet_js().decode("utf-8"))
    for package, names in FILES.items():
        for name in names:
            pg.add_script_tag(content=script(name, package))
    pg.errors = errors
    yield pg
    ctx.close()


def test_every_file_loads_and_defines_its_globals(page) -> None:
    got = page.evaluate("() => Object.keys(window.JointMap).sort()")
    assert got == [
        "basemap",
        "copyLink",
        "decodePaths",
        "denseLayer",
        "fetchLayer",
        "periods",
        "placeLabels",
        "playback",
        "routeMark",
        "zoneTime",
        "zonesInYears",
    ]
    assert page.evaluate("() => typeof jmYearsBridge") == "function"
    assert page.errors == []


def test_decoded_paths_are_the_display_geometry(page, tmp_path: Path) -> None:
    cat = load_catalog(generate(400, tmp_path / "synthetic", seed=3), analyse=False)
    events = cat.events
    payload = dense_payload(events)
    paths = page.evaluate(PATHS, payload)
    assert len(paths) == len(events)
    tol = SIMPLIFY_DEG + 1.0 / QUANTUM
    for geom, ev_paths, gclass in zip(events["display"], paths, payload["g"], strict=True):
        got = (
            shapely.MultiLineString([p for p in ev_paths if len(p) > 1])
            if gclass
            else shapely.MultiPoint([p[0] for p in ev_paths])
        )
        want = geom.boundary if gclass == 2 else geom
        # every decoded vertex lies on the original and the original on the decoded
        assert got.hausdorff_distance(want) <= tol, (geom.wkt[:80], got.wkt[:80])


def test_holes_multiparts_and_the_180th_meridian(page, tmp_path: Path) -> None:
    ring = [[130, 30], [134, 30], [134, 34], [130, 34], [130, 30]]
    hole = [[131, 31], [131, 32], [132, 32], [132, 31], [131, 31]]
    multi = {
        "type": "MultiLineString",
        "coordinates": [[[179, 50], [180, 50.5]], [[-180, 50.5], [-179, 51]]],
    }
    write_data(
        tmp_path,
        [
            event(
                "area",
                precision="reported_area",
                geometry={"type": "Polygon", "coordinates": [ring, hole]},
            ),
            event("multi", geometry=multi),
        ],
    )
    cat = load_catalog(tmp_path, analyse=False)
    assert not cat.problems
    payload = dense_payload(cat.events)
    by_id = dict(zip(payload["id"], page.evaluate(PATHS, payload), strict=True))
    assert len(by_id["area"]) == 2  # shell and hole
    # the 180° crossing is continuous in the display frame (181°, not -179°)
    xs = [x for path in by_id["multi"] for x, _ in path]
    assert (min(xs), max(xs)) == (pytest.approx(179.0), pytest.approx(181.0))
    assert to_display(cat.events.set_index("id").loc["multi"].geometry).bounds[2] == pytest.approx(
        181.0
    )


@pytest.mark.parametrize(
    ("first", "last", "step", "want"),
    [
        (
            20191105,
            20200215,
            "month",
            [
                (20191101, "2019-11"),
                (20191201, "2019-12"),
                (20200101, "2020-01"),
                (20200201, "2020-02"),
            ],
        ),
        (20231201, 20231231, "month", [(20231201, "2023-12")]),
        (20191105, 20210101, "year", [(20190101, "2019"), (20200101, "2020"), (20210101, "2021")]),
    ],
)
def test_periods_roll_over_months_and_years(
    page, first: int, last: int, step: str, want: list[tuple[int, str]]
) -> None:
    got = page.evaluate("([a, b, s]) => JointMap.periods(a, b, s)", [first, last, step])
    assert [(p[0], p[2]) for p in got] == want
    assert all(p[0] < p[1] for p in got)


def test_playback_steps_and_years_filter_features(page) -> None:
    """Three features in 2019, 2020 and 2022: playback and jmSetYears count them right."""
    page.evaluate("""() => {
      const map = L.map('map').setView([40, 130], 3);
      const feats = [[2019, 'a'], [2020, 'b'], [2022, 'c']].map(([y, id]) => ({
        type: 'Feature', geometry: {type: 'Point', coordinates: [130, 40]},
        properties: {fid: id, kind: 'air_patrol', t0: y + '-07-01', t1: y + '-07-02'}}));
      const layer = L.geoJson({type: 'FeatureCollection', features: feats}).addTo(map);
      JointMap.playback(map, [layer]);
    }""")
    assert page.evaluate("() => window.jmPlayback.visible") == 3
    page.evaluate("() => window.jmSetYears(2020, 2022)")
    assert page.evaluate("() => window.jmPlayback.visible") == 2
    page.locator(".jm-range").fill("1")  # cumulative to 2020: only b is in 2020-2022 and <= 2020
    assert page.evaluate("() => window.jmPlayback.label") == "2020 · 1 event"
    page.locator(".jm-all").click()
    page.evaluate("() => window.jmSetYears(2012, 2030)")
    assert page.evaluate("() => window.jmPlayback.visible") == 3
    assert page.errors == []


ZONES = [
    {"family": "always", "label": "A", "t0": None, "t1": None, "drawn": True},
    {"family": "ecs", "label": "ECS ADIZ", "t0": "2013-11-23", "t1": None, "drawn": True},
    {"family": "kadiz", "label": "KADIZ", "t0": None, "t1": "2013-12-14", "drawn": True},
    {"family": "kadiz", "label": "KADIZ", "t0": "2013-12-15", "t1": None, "drawn": True},
    {"family": "off", "label": "Off", "t0": "2014-01-01", "t1": None, "drawn": False},
]


@pytest.mark.parametrize(
    ("years", "shown", "notes"),
    [
        ((2012, 2012), [True, False, True, False, False], []),
        (
            (2012, 2025),
            [True, True, False, True, True],
            [
                "ECS ADIZ: in force only from 2013-11-23",
                "KADIZ: the shape in force from 2013-12-15 is shown",
            ],
        ),
        ((2014, 2020), [True, True, False, True, True], []),
        (
            (2013, 2013),
            [True, True, False, True, False],
            [
                "ECS ADIZ: in force only from 2013-11-23",
                "KADIZ: the shape in force from 2013-12-15 is shown",
            ],
        ),
        ((None, None), [True, True, False, True, True], []),
    ],
)
def test_zones_as_they_stood_in_the_years(page, years, shown, notes) -> None:
    got = page.evaluate("([z, lo, hi]) => JointMap.zonesInYears(z, lo, hi)", [ZONES, *years])
    assert got["shown"] == shown
    assert got["notes"] == notes


def test_basemap_draws_the_fine_coast_from_its_zoom_in(page) -> None:
    got = page.evaluate(
        """() => {
        const el = document.createElement('div');
        el.style.cssText = 'width:400px;height:300px';
        document.body.appendChild(el);
        const map = L.map(el, {zoomAnimation: false}).setView([34.5, 129.5], 4);
        const sq = (x, y, d) => ({type: 'Feature', properties: {}, geometry: {type: 'Polygon',
            coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]]}});
        const fc = (f) => ({type: 'FeatureCollection', features: [f]});
        JointMap.basemap(map, {land: fc(sq(128, 33, 3)), area: sq(127, 32, 5),
            fine: fc(sq(129.2, 34.1, 0.5)), style: {color: '#000'}, sea: '#0000ff',
            detailZoom: 6});
        const out = [window.jmBasemap.detail,
                     map.getPane('jmDetail').querySelectorAll('path').length];
        map.setZoom(7, {animate: false});
        out.push(window.jmBasemap.detail, map.getPane('jmDetail').querySelectorAll('path').length,
                 map.getPane('jmLand').querySelectorAll('path').length);
        map.setZoom(5, {animate: false});
        out.push(window.jmBasemap.detail);
        map.remove(); el.remove();
        return out;
    }"""
    )
    # coarse only at 4; at 7 the sea patch and the fine land over it; coarse again at 5
    assert got == [False, 0, True, 2, 1, False]
    assert page.errors == []
