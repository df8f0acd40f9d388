"""Large catalogs: the compact layer encoding, the disk cache, published payloads."""

from __future__ import annotations

import pickle
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from geo.cache import fingerprint, load_cached
from geo.catalog import load_catalog
from geo.frame import to_display
from layers.dense import QUANTUM, SIMPLIFY_DEG, decode, dense_payload
from layers.publish import Publisher
from layers.styles import event_style
from tests.helpers import event, write_data
from tests.synthetic import generate


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(2500, tmp_path_factory.mktemp("synthetic"), seed=3)


def test_payload_decodes_to_the_display_geometry(synthetic: Path) -> None:
    cat = load_catalog(synthetic)
    events = cat.events.iloc[:400]
    payload = dense_payload(events)
    paths = decode(payload)
    assert len(paths) == len(events) == len(payload["id"])
    tol = SIMPLIFY_DEG + 1.0 / QUANTUM
    for geom, ev_paths, gclass in zip(events["display"], paths, payload["g"], strict=True):
        got = shapely.MultiLineString([p for p in ev_paths if len(p) > 1]) \
            if gclass else shapely.MultiPoint([p[0] for p in ev_paths])
        want = geom.boundary if gclass == 2 else geom
        # every decoded vertex lies on the original and the original on the decoded
        assert got.hausdorff_distance(want) <= tol, (geom.wkt[:80], got.wkt[:80])
    assert payload["t0"][0] == int(events["start_date"].iloc[0].strftime("%Y%m%d"))


def test_payload_styles_come_from_the_style_table(synthetic: Path) -> None:
    cat = load_catalog(synthetic)
    payload = dense_payload(cat.events)
    for i in (0, 7, 1234):
        ev = cat.events.iloc[i]
        style = payload["styles"][payload["s"][i]]
        assert {k: style[k] for k in event_style(ev["kind"], ev["precision"])} == \
            event_style(ev["kind"], ev["precision"])
        assert payload["kinds"][payload["k"][i]] == ev["kind"]
        assert payload["id"][i] == ev["id"]


def test_polygon_holes_and_multiparts_are_kept(tmp_path: Path) -> None:
    ring = [[130, 30], [134, 30], [134, 34], [130, 34], [130, 30]]
    hole = [[131, 31], [131, 32], [132, 32], [132, 31], [131, 31]]
    multi = {"type": "MultiLineString",
             "coordinates": [[[179, 50], [180, 50.5]], [[-180, 50.5], [-179, 51]]]}
    write_data(tmp_path, [
        event("area", precision="reported_area",
              geometry={"type": "Polygon", "coordinates": [ring, hole]}),
        event("multi", geometry=multi),
    ])
    cat = load_catalog(tmp_path)
    assert not cat.problems
    payload = dense_payload(cat.events)
    by_id = dict(zip(payload["id"], decode(payload), strict=True))
    assert len(by_id["area"]) == 2  # shell and hole
    # the 180° crossing is continuous in the display frame (181°, not -179°)
    xs = [x for path in by_id["multi"] for x, _ in path]
    assert (min(xs), max(xs)) == (pytest.approx(179.0), pytest.approx(181.0))
    assert to_display(cat.events.set_index("id").loc["multi"].geometry).bounds[2] == \
        pytest.approx(181.0)


def test_disk_cache_hits_misses_and_survives_a_corrupt_file(tmp_path: Path) -> None:
    data, cache = tmp_path / "data", tmp_path / "cache"
    write_data(data, [event("a"), event("b")])
    first, hit = load_cached(data, folder=cache)
    assert not hit and list(cache.glob("catalog-*.pickle"))
    again, hit = load_cached(data, folder=cache)
    assert hit and list(again.events["id"]) == list(first.events["id"])
    assert isinstance(again.events, gpd.GeoDataFrame)

    write_data(data, [event("a"), event("c")])  # changed data: validated again
    changed, hit = load_cached(data, folder=cache)
    assert not hit and set(changed.events["id"]) == {"a", "c"}

    path = cache / f"catalog-{fingerprint(data)}.pickle"
    path.write_bytes(b"not a pickle")
    repaired, hit = load_cached(data, folder=cache)
    assert not hit and set(repaired.events["id"]) == {"a", "c"}
    assert pickle.loads(path.read_bytes()).version == repaired.version


def test_publisher_writes_once_per_key_and_prunes(tmp_path: Path) -> None:
    pub = Publisher(tmp_path)
    calls = []
    url = pub("k1", lambda: calls.append(1) or '{"a": 1}')
    assert url.startswith("app/static/events-") and url.endswith(".json")
    assert pub("k1", lambda: calls.append(1) or "never") == url
    assert calls == [1]
    assert (tmp_path / url.rsplit("/", 1)[1]).read_text() == '{"a": 1}'
    for k in range(12):
        pub(f"other-{k}", lambda: "{}")
    assert len(list(tmp_path.glob("events-*.json"))) == 8
