"""Rebuild ``zones.geojson``: contested zones, each with its source and precision.

Coordinates are copied from the sources named beside them; nothing is digitised by eye.
The southern Kurils are cut from the Natural Earth country polygons already in
``basemap/`` (public domain), so their outlines are Natural Earth's 1:50m coastline.

Usage: ``python data/build_zones.py``
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import box, mapping, shape

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]  # the geo package; buildtools beside this file
import zones_constructed as zc  # noqa: E402
from buildtools import write_or_check  # noqa: E402

from geo.frame import cut_line  # noqa: E402

OUT = HERE / "zones.geojson"

NE_NINE_DASH = {
    "publisher": "Natural Earth (public domain)",
    "title": "ne_50m_admin_0_boundary_lines_maritime_indicator_chn (China point-of-view "
    "maritime indicator lines, 'Chinese 9 dash line'), natural-earth-vector commit "
    "6a9da465",
    "date": "n.d.",
    "url": "https://www.naturalearthdata.com/",
}
# Three vertices (first, one inside, last) of each of Natural Earth's nine dash features.
NINE_DASHES = [
    [[121.838288, 21.724709], [121.400722, 21.245086], [121.081825, 20.878339]],
    [[119.833968, 18.813758], [119.5377, 18.236926], [119.390969, 17.774719]],
    [[119.024795, 15.898335], [119.017757, 15.32583], [119.010707, 14.750696]],
    [[119.039565, 12.361969], [118.78231, 11.747297], [118.589119, 11.284776]],
    [[116.509747, 8.117958], [116.094554, 7.699136], [115.678386, 7.278911]],
    [[112.698511, 3.669121], [112.138883, 3.461193], [111.544476, 3.402259]],
    [[108.43186, 7.367335], [108.303936, 6.781234], [108.389929, 6.185916]],
    [[110.397313, 12.624346], [110.267725, 11.972093], [110.086776, 11.503996]],
    [[109.316433, 16.586823], [109.592446, 16.082557], [109.869048, 15.575911]],
]


def dms(d: float, m: float = 0.0, s: float = 0.0) -> float:
    """Degrees, minutes, seconds to decimal degrees (6 places)."""
    return round(d + m / 60.0 + s / 3600.0, 6)


def zones() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(properties, geometry) of every zone."""
    basemap = json.loads((HERE / "basemap" / "countries-50m.geojson").read_text("utf-8"))
    russia = next(
        shape(f["geometry"]) for f in basemap["features"] if f["properties"]["name"] == "Russia"
    )
    kurils = shapely.set_precision(russia.intersection(box(145.3, 43.2, 148.95, 45.62)), 0.01)
    return [
        (
            {
                "id": "nine-dash-line",
                "label": "Nine-dash line",
                "name": "Nine-dash line (China's South China Sea claim line)",
                "names": {"CN": "南海断续线 (nine-dash line)"},
                "zone_type": "claim_line",
                "claimants": ["CN", "TW"],
                "summary": "The dashed line on Chinese maps enclosing most of the South China Sea, "
                "attached to China's 2009 notes verbales to the UN (CML/17/2009, "
                "CML/18/2009). China has never published its coordinates; the 2016 "
                "arbitral award under UNCLOS found no legal basis for historic rights "
                "within it.",
                "precision": "approximate_route",
                "sources": [NE_NINE_DASH],
                "notes": "Drawn from Natural Earth's generalised 1:50m digitisation of the nine "
                "dashes (three of its vertices per dash), from the Gulf of Tonkin side to "
                "the Luzon Strait. The 2023 'ten-dash' standard map is not drawn: no "
                "digitised coordinates could be verified.",
            },
            {"type": "MultiLineString", "coordinates": NINE_DASHES},
        ),
        (
            {
                "id": "taiwan-strait-median-line",
                "label": "Taiwan Strait median line",
                "name": "Taiwan Strait median line",
                "zone_type": "median_line",
                "claimants": ["TW", "CN"],
                "summary": "The tacit dividing line of the Taiwan Strait drawn in 1954 by the US, "
                "which Taiwan's defence ministry describes as running from 27°N 122°E "
                "to 23°N 118°E. Beijing has said since 2020 that it does not recognise "
                "any such line.",
                "precision": "reported_route",
                "sources": [
                    {
                        "publisher": "Taiwan News (citing the ROC Ministry of National Defense)",
                        "title": "Taiwan Strait median line coordinates revealed",
                        "date": "2019-07-30",
                        "url": "https://www.taiwannews.com.tw/en/news/3755034",
                    },
                    {
                        "publisher": "Focus Taiwan (CNA)",
                        "title": "Air Force officials pinpoint ADIZ overlap with China",
                        "date": "2013-12-02",
                        "url": "http://focustaiwan.tw/news/aipl/201312020044.aspx",
                    },
                ],
                "notes": "End points as stated by Taiwan's defence ministry (2004, 2019). A "
                "three-point variant circulates on encyclopaedia sites and is not used.",
            },
            {"type": "LineString", "coordinates": [[122.0, 27.0], [118.0, 23.0]]},
        ),
        (
            {
                "id": "cn-ecs-adiz",
                "label": "China ECS ADIZ",
                "valid_from": "2013-11-23",
                "name": "China's East China Sea ADIZ",
                "zone_type": "adiz",
                "claimants": ["CN"],
                "summary": "Air defence identification zone announced by the PRC government on "
                "23 November 2013. It overlaps the Japanese and South Korean ADIZs and "
                "covers the Senkaku/Diaoyu Islands.",
                "precision": "reported_area",
                "sources": [
                    {
                        "publisher": "Government of the PRC (Xinhua)",
                        "title": "中华人民共和国政府关于划设东海防空识别区的声明 (Statement on "
                        "establishing the East China Sea ADIZ)",
                        "date": "2013-11-23",
                        "url": "http://usa.fjsen.com/2013-11/23/content_13022305.htm",
                    },
                ],
                "notes": "The six announced points are exact. Officially the zone runs from the "
                "line through them to China's territorial-sea limit; here the western "
                "side is closed straight from the last point to the first.",
            },
            {
                "type": "Polygon",
                "coordinates": [
                    [
                        [dms(121, 47), dms(33, 11)],
                        [dms(125, 0), dms(33, 11)],
                        [dms(128, 20), dms(31, 0)],
                        [dms(125, 0), dms(25, 38)],
                        [dms(123, 0), dms(24, 45)],
                        [dms(120, 58), dms(26, 44)],
                        [dms(121, 47), dms(33, 11)],
                    ]
                ],
            },
        ),
        (
            {
                "id": "senkaku-diaoyu",
                "label": "Senkaku / Diaoyu",
                "name": "Senkaku / Diaoyu Islands",
                "names": {"JP": "Senkaku Islands", "CN": "Diaoyu Dao", "TW": "Diaoyutai"},
                "zone_type": "disputed_territory",
                "claimants": ["JP", "CN", "TW"],
                "summary": "Uninhabited islands administered by Japan and claimed by China and "
                "Taiwan. Shown: Uotsuri-shima/Diaoyu Dao, Kuba-jima/Huangwei Yu and "
                "Taisho-jima/Chiwei Yu.",
                "precision": "site",
                "sources": [
                    {
                        "publisher": (
                            "PRC State Oceanic Administration, via Beijing Morning Post and "
                            "China Daily"
                        ),
                        "title": "联合国将妥为公布钓鱼岛领海基点基线坐标表",
                        "date": "2012-09-16",
                        "url": "http://world.chinadaily.com.cn/2012-09/16/content_15760734.htm",
                    },
                    {
                        "publisher": "Government of the PRC (Xinhua)",
                        "title": "中华人民共和国政府关于钓鱼岛及其附属岛屿领海基线的声明",
                        "date": "2012-09-10",
                    },
                ],
                "notes": "Diaoyu Dao 25°44.6'N 123°28.4'E and Huangwei Yu 25°55.4'N 123°40.9'E as "
                "published in 2012; the Chiwei Yu point is a 2012 baseline point "
                "(25°55.3'N 124°33.7'E), within about 1 km of the island.",
            },
            {
                "type": "MultiPoint",
                "coordinates": [
                    [dms(123, 28.4), dms(25, 44.6)],
                    [dms(123, 40.9), dms(25, 55.4)],
                    [dms(124, 33.7), dms(25, 55.3)],
                ],
            },
        ),
        (
            {
                "id": "dokdo-takeshima",
                "label": "Dokdo / Takeshima",
                "name": "Dokdo / Takeshima",
                "names": {"KR": "Dokdo", "JP": "Takeshima"},
                "zone_type": "disputed_territory",
                "claimants": ["KR", "JP"],
                "summary": "Islets in the Sea of Japan (East Sea) administered by South Korea and "
                "claimed by Japan. The 2019 joint air patrol's A-50 twice entered the "
                "airspace South Korea claims over them.",
                "precision": "site",
                "sources": [
                    {
                        "publisher": "Northeast Asian History Foundation (citing the ROK National "
                        "Geographic Information Institute)",
                        "title": "Dokdo's Location (Chapter 1 Reference)",
                        "date": "n.d.",
                        "url": "http://contents.nahf.or.kr/english/item/level.do?levelId="
                        "eddok_002e_0010_0080",
                    },
                ],
                "notes": "Centres of the East islet (131°52'10.4\"E 37°14'26.8\"N) and West islet "
                "(131°51'54.6\"E 37°14'30.6\"N). Japan's 1905 Shimane notice gives a "
                "position some 9–10 km off and is not used.",
            },
            {
                "type": "MultiPoint",
                "coordinates": [
                    [dms(131, 52, 10.4), dms(37, 14, 26.8)],
                    [dms(131, 51, 54.6), dms(37, 14, 30.6)],
                ],
            },
        ),
        (
            {
                "id": "southern-kurils",
                "label": "Southern Kurils / Northern Territories",
                "name": "Southern Kurils / Northern Territories",
                "names": {"JP": "Northern Territories", "RU": "Southern Kurils"},
                "zone_type": "disputed_territory",
                "claimants": ["JP", "RU"],
                "summary": "Iturup, Kunashir, Shikotan and the Habomai islets, held by Russia "
                "since 1945 and claimed by Japan.",
                "precision": "approximate_area",
                "sources": [
                    {
                        "publisher": "Natural Earth (public domain)",
                        "title": "Admin 0 countries 1:50m, version 4.1.0 (via world-atlas 2.0.2)",
                        "date": "n.d.",
                        "url": "https://www.naturalearthdata.com/",
                    },
                ],
                "notes": "Island outlines cut from Natural Earth's Russia polygon between 145.3°E "
                "and 148.95°E, south of 45.62°N (north of the Urup strait).",
            },
            mapping(kurils),
        ),
    ]


def extra() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Zones kept as records (long coordinate lists copied from their sources)."""
    doc = json.loads((HERE / "zone_records.json").read_text("utf-8"))
    return [(z["properties"], cut_at_180(z["geometry"])) for z in doc["zones"]]


def constructed() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Zones drawn from the words of their legal texts (``zones_constructed.py``)."""
    names = zc.countries(HERE / "basemap" / "countries-50m.geojson")
    return [zc.alaska_adiz(), zc.taiwan_adiz(), zc.us_ussr_1990(), zc.nsr_water_area(names)]


def cut_at_180(geom: dict[str, Any]) -> dict[str, Any]:
    """Lines given with a jump across 180° come back cut there (RFC 7946)."""
    if geom["type"] != "LineString":
        return geom
    return cut_line([tuple(p) for p in geom["coordinates"]])


def render() -> str:
    """The file text: one zone per line, for readable diffs."""
    feats = [
        {"type": "Feature", "properties": props, "geometry": geom}
        for props, geom in zones() + extra() + constructed()
    ]
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in feats]
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def main(argv: list[str]) -> int:
    """Write zones.geojson; with ``--check``, exit 1 if the committed file differs."""
    text = render()
    return write_or_check(OUT, text, argv, f"{text.count(chr(10)) - 2} zones")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
