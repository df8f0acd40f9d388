"""Rendered map HTML: offline assets, styles from the table, escaped text, legend = drawing."""

from __future__ import annotations

import json
import re
from pathlib import Path

from geo import filters
from geo.catalog import Catalog, load_catalog
from geo.view import Layers, View
from layers.legend import legend_html
from layers.map import standalone_map
from layers.styles import KIND_STYLES, ZONE_STYLES
from tests.helpers import event, write_data

PAYLOAD = "<img src=x onerror=alert(1)>`${alert(2)}`\\"


def render(cat: Catalog, view: View = View(), layers: Layers = Layers(), **kw) -> str:
    shown = filters.apply(cat.events, view)
    return standalone_map(cat, shown, layers, **kw).get_root().render()


def test_page_loads_nothing_from_the_network(curated: Catalog) -> None:
    html = render(curated, title="T", caption=["c"])
    assert not re.search(r"""<(script|link|img)[^>]*(src|href)=["']?(https?:)?//""", html)
    assert "cdn.jsdelivr" not in html and "code.jquery.com" not in html
    assert html.count("data:text/javascript;base64,") == 2  # Leaflet and jQuery, inlined
    assert "data:text/css;base64," in html


def test_each_kind_drawn_in_its_table_colour_and_dash(curated: Catalog) -> None:
    html = render(curated)
    for kind in set(curated.events["kind"]):
        assert KIND_STYLES[kind].color in html, kind
    assert '"dashArray": "8 6"' in html  # approximate geometries are dashed
    for zone_type in set(curated.zones["zone_type"]):
        assert ZONE_STYLES[zone_type].color in html


def test_data_text_is_escaped_everywhere(tmp_path: Path) -> None:
    ev = event(
        "x",
        name=PAYLOAD,
        assets=PAYLOAD,
        summary=PAYLOAD,
        notes=PAYLOAD,
        sources=[
            {
                "publisher": PAYLOAD,
                "title": PAYLOAD,
                "date": "2024-07-25",
                "url": "https://host.invalid/?a=1&b=2",
            }
        ],
    )
    cat = load_catalog(write_data(tmp_path, [ev]))
    assert cat.problems == []
    html = render(cat, title=PAYLOAD, caption=[PAYLOAD])
    # decode every JSON string that becomes innerHTML: popups, tooltips, controls
    cards = [json.loads(m) for m in re.findall(r'"(?:popup|tooltip)": ("(?:[^"\\]|\\.)*")', html)]
    cards += [json.loads(m) for m in re.findall(r'div\.innerHTML = ("(?:[^"\\]|\\.)*");', html)]
    assert len(cards) >= 4
    joined = "".join(cards)
    assert joined.count("&lt;img src=x onerror=alert(1)&gt;&#96;&#36;{alert(2)}&#96;&#92;") >= 7
    for card in cards:
        assert "<img" not in card and "${" not in card and "`" not in card


def test_legend_lists_exactly_what_is_drawn(curated: Catalog) -> None:
    view = View(years=(2024, 2024), kinds={"air_patrol"})
    html = render(curated, view, Layers(zones=False))
    legend = re.search(r'div\.innerHTML = (".*?");', html, re.S)
    assert legend, "legend control missing"
    text = legend.group(1)
    assert KIND_STYLES["air_patrol"].label in text
    assert KIND_STYLES["naval_exercise"].label not in text
    assert "Contested zones" not in text
    with_zones = render(curated, view, Layers(zones=True))
    assert ZONE_STYLES["claim_line"].label in with_zones


def test_legend_symbols_follow_geometry() -> None:
    rows = legend_html({"air_patrol": {"line"}, "land_exercise": {"point"}}, any_approximate=False)
    assert rows.count("<line") == 1 and rows.count("<circle") == 1
    assert "Approximate" not in rows


def test_cut_route_is_one_line_in_the_page(curated: Catalog) -> None:
    html = render(curated, View(years=(2024, 2024), kinds={"air_patrol"}))
    m = re.search(r'"fid": "air-patrol-2024-07".*?"geometry": (\{.*?\})', html, re.S) or re.search(
        r'"geometry": (\{[^{}]*\}), "id": "air-patrol-2024-07"', html, re.S
    )
    assert m, "Alaska patrol not drawn"
    assert '"type": "LineString"' in m.group(1)


def test_standalone_map_carries_playback_and_no_nan(curated: Catalog) -> None:
    html = render(curated, title="T")
    assert "jm-playback" in html and '"t0": "2024-07-24"' in html
    assert ">nan<" not in html and "– nan" not in html
