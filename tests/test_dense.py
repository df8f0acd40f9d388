"""Large catalogs: the compact layer's styles, the disk cache, published payloads."""

from __future__ import annotations

import pickle
from pathlib import Path

import geopandas as gpd
import pytest

from geo.cache import fingerprint, load_cached
from geo.catalog import load_catalog
from layers.dense import dense_payload
from layers.publish import Publisher
from layers.styles import event_style
from tests.helpers import event, write_data
from tests.synthetic import generate


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(2500, tmp_path_factory.mktemp("synthetic"), seed=3)


# The payload's coordinates are decoded and checked by the map's own JavaScript in
# tests/test_js.py; here: styles, the disk cache and the publisher.


def test_payload_styles_come_from_the_style_table(synthetic: Path) -> None:
    cat = load_catalog(synthetic, analyse=False)  # no route facts: never read here
    payload = dense_payload(cat.events)
    for i in (0, 7, 1234):
        ev = cat.events.iloc[i]
        style = payload["styles"][payload["s"][i]]
        assert {k: style[k] for k in event_style(ev["kind"], ev["precision"])} == event_style(
            ev["kind"], ev["precision"]
        )
        assert payload["kinds"][payload["k"][i]] == ev["kind"]
        assert payload["id"][i] == ev["id"]


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

    (data / "labels.geojson").write_text(  # a new gazetteer is a new catalog too
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
        '{"id": "sea-x", "name": "X Sea", "label_type": "sea", "min_zoom": 3, "rank": 1, '
        '"sources": [{"publisher": "P", "title": "T", "date": "2020", '
        '"url": "https://example.org/"}]}, '
        '"geometry": {"type": "Point", "coordinates": [150, 40]}}]}'
    )
    labelled, hit = load_cached(data, folder=cache)
    assert not hit and list(labelled.labels["name"]) == ["X Sea"], labelled.problems

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
