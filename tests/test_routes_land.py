"""Routes true to the reports: no route runs over land it did not cross.

Ships cross no land but a port's approach at either end; aircraft no country that did not
take part. Measured on the 1:10m coastline the close-up maps draw, over the whole record.
"""

from __future__ import annotations

import functools
import json
import sys
from typing import Any

import pytest
import shapely
from shapely.geometry import LineString, shape

from geo.channels import CHANNELS, STRAITS, centre, land_parts, resolve, shortest
from geo.frame import to_display
from geo.landcheck import TOLERANCE_KM, route_crossings
from geo.paths import DATA_DIR
from geo.schema import COUNTRY_NAMES
from tests.helpers import curated


@functools.cache
def countries() -> dict[str, Any]:
    doc = json.loads((DATA_DIR / "basemap" / "countries-10m.geojson").read_text("utf-8"))
    return {f["properties"]["name"]: to_display(shape(f["geometry"])) for f in doc["features"]}


@functools.cache
def storage_land() -> list[Any]:
    """Single land polygons in the storage frame (the channels' shores are given in it)."""
    doc = json.loads((DATA_DIR / "basemap" / "countries-10m.geojson").read_text("utf-8"))
    return land_parts({f["properties"]["name"]: shape(f["geometry"]) for f in doc["features"]})


def names() -> dict[str, str]:
    return {**COUNTRY_NAMES, "US": "United States of America"}


def records(events: Any) -> list[dict[str, Any]]:
    return [dict(r) for r in events.to_dict("records")]


def test_no_route_in_the_record_crosses_land_it_did_not_cross() -> None:
    ev = curated().events
    routes = ev[ev.geometry.geom_type.isin(["LineString", "MultiLineString"])]
    assert len(routes) >= 20  # the check has something to check
    found = route_crossings(records(routes), countries(), names())
    assert found == [], "\n".join(map(str, found))


def test_aircraft_own_countries_are_in_the_basemap() -> None:
    ev = curated().events
    air = ev[ev["kind"] == "air_patrol"]
    own = {names()[c] for ps in air["participants"] for c in ps}
    assert own <= set(countries()), own - set(countries())


def test_the_check_catches_a_line_across_tsushima() -> None:
    # the old drawing: East China Sea centre straight to the Sea of Japan through Tsushima
    ev = {"id": "x", "kind": "air_patrol", "participants": ["CN", "RU"],
          "geometry": LineString([(128.8, 33.6), (129.8, 35.2)])}  # fmt: skip
    found = route_crossings([ev], countries(), names())
    assert [(c.event, c.country) for c in found] == [("x", "Japan")]
    assert found[0].km > TOLERANCE_KM
    said = dict(ev, crossed_land=["Japan"])  # a record whose source says it did
    assert route_crossings([said], countries(), names()) == []


def test_ships_may_reach_a_port_but_not_cross_land() -> None:
    port = {"id": "p", "kind": "naval_patrol", "participants": ["CN", "RU"],
            "geometry": LineString([(131.89, 43.12), (132.5, 42.0), (135.0, 40.0)])}  # fmt: skip
    assert route_crossings([port], countries(), names()) == []  # Vladivostok's approach
    across = dict(port, geometry=LineString([(135.0, 40.0), (141.0, 40.0)]))  # over Honshu
    assert [c.country for c in route_crossings([across], countries(), names())] == ["Japan"]


@pytest.mark.parametrize("cid", sorted(CHANNELS))
def test_channel_centres_are_open_water_between_their_shores(cid: str) -> None:
    parts = storage_land()
    lon, lat = centre(CHANNELS[cid], parts)
    point = shapely.Point(lon, lat)
    assert not any(p.contains(point) for p in parts)
    a, b = (shapely.Point(s) for s in (CHANNELS[cid].shore_a, CHANNELS[cid].shore_b))
    assert point.distance(a) < a.distance(b) and point.distance(b) < a.distance(b)


def test_an_unreported_channel_is_the_one_on_the_way() -> None:
    parts = storage_land()
    options = resolve("strait:korea", parts)
    assert len(options) == len(STRAITS["korea"])
    # Busan side to Ulleungdo: the western channel; Iki side to the Oki Islands: the eastern
    assert "western" in shortest((127.5, 34.0), options, (130.9, 37.5))[0]
    assert "eastern" in shortest((129.3, 33.3), options, (133.2, 36.3))[0]
    with pytest.raises(ValueError, match="strait:korea"):
        resolve("strait:nowhere", parts)


def test_records_name_their_channels_not_an_island() -> None:
    sys.path.insert(0, str(DATA_DIR))
    from build_events import RECORDS

    for path in sorted(RECORDS.glob("*.json")):
        for rec in json.loads(path.read_text("utf-8"))["records"]:
            for w in rec["waypoints"]:
                if "Tsushima Strait" in w[0] or w[0].startswith("Bering Strait"):
                    assert isinstance(w[1], str), (rec["id"], w)  # a channel reference
