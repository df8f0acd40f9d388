"""AppTest: widgets change the count and the map data; the base map stays the same."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo import filters
from geo.view import View
from tests.helpers import curated
from ui.text import markdown

APP = Path(__file__).resolve().parent.parent / "streamlit_app.py"


def expected_ids(view: View) -> set[str]:
    return set(filters.apply(curated().events, view)["id"])


def map_args(at: AppTest) -> dict:
    comps = at.get("component_instance")
    assert len(comps) == 1, "expected one st_folium map"
    return json.loads(comps[0].proto.json_args)


def drawn_ids(at: AppTest) -> set[str]:
    fids = set(re.findall(r'"fid": "([^"]+)"', map_args(at)["feature_group"]))
    return {f for f in fids if f in set(curated().events["id"])}


def page_years(at: AppTest) -> tuple[int, int]:
    """The year range the page hands to the map frame (filtered there, in the browser)."""
    bodies = [h.proto.body for h in at.get("html") if "jmSetYears" in h.proto.body]
    assert len(bodies) == 1, "expected one years script"
    lo, hi = re.search(r"jmYearsBridge\((\d{4}), (\d{4}), ", bodies[0]).groups()
    return int(lo), int(hi)


def count_line(at: AppTest) -> str:
    return next(m.value for m in at.markdown if "events shown" in m.value)


def claims_frame(at: AppTest):
    frames = [d.value for d in at.dataframe if "claimed drills" in d.value.columns]
    assert len(frames) == 1, "expected one claims-check table"
    return frames[0]


@pytest.fixture
def app() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=90).run()
    assert not at.exception, at.exception
    return at


def test_default_view_shows_everything(app: AppTest) -> None:
    n = len(curated().events)
    assert count_line(app).startswith(f"**{n} of {n} events shown**")
    assert drawn_ids(app) == set(curated().events["id"])
    assert app.slider[0].value == curated().year_span()
    assert page_years(app) == curated().year_span()


def test_slider_changes_count_and_map_but_not_base(app: AppTest) -> None:
    base, layer = map_args(app)["script"], map_args(app)["feature_group"]
    app.slider(key="years").set_value((2024, 2024)).run()
    want = expected_ids(View(years=(2024, 2024)))
    assert 0 < len(want) < len(curated().events)
    assert count_line(app).startswith(f"**{len(want)} of {len(curated().events)} events shown**")
    assert page_years(app) == (2024, 2024)  # the map frame filters the years itself
    assert map_args(app)["script"] == base  # same frame: zoom and pan survive
    assert map_args(app)["feature_group"] == layer  # nothing re-sent, nothing redrawn
    assert app.query_params["years"] == ["2024-2024"] or app.query_params["years"] == "2024-2024"


def test_region_filter(app: AppTest) -> None:
    app.multiselect(key="regions").set_value(["arctic"]).run()  # filtered on the server
    want = expected_ids(View(regions={"arctic"}))
    assert want and drawn_ids(app) == want
    assert count_line(app).startswith(f"**{len(want)} of")
    assert all("arctic" in r for r in curated().events.set_index("id").loc[sorted(want), "regions"])


def test_empty_view_says_so(app: AppTest) -> None:
    app.slider(key="years").set_value((2012, 2012)).run()
    app.multiselect(key="kinds").set_value(["air_patrol"]).run()
    assert count_line(app).startswith("**0 of")
    assert drawn_ids(app) == expected_ids(View(kinds={"air_patrol"}))
    assert page_years(app) == (2012, 2012)  # ...and the frame hides them all


def test_url_restores_view_and_bad_value_gives_notice() -> None:
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.query_params["years"] = "2019-2020"
    at.query_params["regions"] = "sea_of_japan,atlantis"
    at.run()
    assert not at.exception
    assert at.slider(key="years").value == (2019, 2020)
    assert at.multiselect(key="regions").value == ["sea_of_japan"]
    assert any("atlantis" in i.value for i in at.info)
    assert drawn_ids(at) == expected_ids(View(regions={"sea_of_japan"}))
    assert page_years(at) == (2019, 2020)


def test_table_selection_shows_details(app: AppTest) -> None:
    app.slider(key="years").set_value((2024, 2024)).run()
    assert app.dataframe[0].value["id"].tolist() == list(
        filters.apply(curated().events, View(years=(2024, 2024)))["id"]
    )


def test_trend_tab_follows_region_and_kind_filters(app: AppTest) -> None:
    claims = claims_frame(app)
    assert claims["year"].tolist() == [2022, 2023, 2024, 2025]
    assert claims["claimed drills"].tolist() == [4, 5, 7, 8]
    full = claims["all joint activities"].tolist()
    app.multiselect(key="kinds").set_value(["air_patrol"]).run()
    filtered = claims_frame(app)
    assert filtered["recorded drills"].tolist() == [0, 0, 0, 0]  # patrols are not drills
    want = [
        len(
            filters.apply(curated().events, View(years=(y, y), kinds={"air_patrol"})).query(
                "year_start == @y"
            )
        )
        for y in (2022, 2023, 2024, 2025)
    ]
    assert filtered["all joint activities"].tolist() == want != full
    charts = app.get("vega_lite_chart")
    assert len(charts) == 2, "expected the trend chart and the seasonality calendar"
    want = filters.apply(curated().events, View(kinds={"air_patrol"}))
    assert chart_total(charts[0]) == len(want)
    assert chart_total(charts[1]) == len(want)  # the calendar counts the same events


def chart_total(chart) -> int:
    """Sum of the bar heights the chart was given (its Arrow dataset)."""
    import pyarrow as pa

    data = chart.proto.datasets[0].data.data
    table = pa.ipc.open_stream(data).read_all().to_pandas()
    return int(table["events"].sum())


def test_naming_setting_changes_every_disputed_name(app: AppTest) -> None:
    def facts_text() -> str:
        frame = next(
            d.value for d in app.dataframe if "zones and closest approach" in d.value.columns
        )
        return " ".join(frame["zones and closest approach"])

    assert "Dokdo / Takeshima" in facts_text()
    app.selectbox(key="naming").set_value("JP").run()
    assert "Takeshima" in facts_text() and "Dokdo" not in facts_text()
    script = map_args(app)["script"]
    assert "Takeshima" in script and "Senkaku Islands" in script
    app.selectbox(key="naming").set_value("KR").run()
    assert "Dokdo" in facts_text() and "Takeshima" not in facts_text()
    app.selectbox(key="naming").set_value("CN").run()
    assert "Diaoyu Dao" in map_args(app)["script"]


def test_zone_types_toggle_the_zone_layer(app: AppTest) -> None:
    assert "Nine-dash line" in map_args(app)["script"]
    app.multiselect(key="zone_types").set_value(["adiz"]).run()
    script = map_args(app)["script"]
    assert "Nine-dash line" not in script
    assert "East China Sea ADIZ" in script


@pytest.mark.parametrize(
    ("fmt", "figure", "palette"),
    [("svg", "map", "colour"), ("pdf", "map", "greyscale"), ("svg", "year", "colour")],
)
def test_export_panel_prepares_vector_figures(fmt: str, figure: str, palette: str) -> None:
    """The export panel's figure formats, as a user picks them: SVG text, PDF text layer."""
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params["years"] = "2019-2025" if figure == "year" else "2024-2024"
    at.query_params["regions"] = "alaska_bering"
    at.run()
    at.selectbox(key="export_format").set_value(fmt).run()
    at.selectbox(key="export_figure").set_value(figure).run()
    at.radio(key="export_palette").set_value(palette).run()
    at.button(key="prepare").click().run()
    assert not at.exception and not at.error, (at.exception, at.error)
    wanted, data = at.session_state["export"]
    assert wanted[:4] == (fmt, "slide", figure, palette)
    if fmt == "svg":
        svg = data.decode("utf-8")
        assert svg.startswith("<?xml") and "<text" in svg
        assert "Alaska" in svg  # the title, made from the view
        if figure == "year":
            assert all(f">{y} · " in svg for y in range(2019, 2026))  # a titled panel a year
        else:
            assert "Bering Strait" in svg
    else:
        from io import BytesIO

        from pypdf import PdfReader

        text = "".join(p.extract_text() for p in PdfReader(BytesIO(data)).pages)
        assert "Alaska" in text and "2024" in text
    assert at.get("download_button"), "expected a download button"


def test_an_event_link_opens_its_accounts_side_by_side_and_the_as_of_date() -> None:
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.query_params["event"] = "air-patrol-2025-12"
    at.run()
    assert not at.exception and not at.error, (at.exception, at.error)
    md = " ".join(m.value for m in at.markdown)
    assert "Accounts side by side" in md
    cat = curated()
    accounts = cat.events.set_index("id").loc["air-patrol-2025-12", "accounts"]
    assert len(accounts) >= 2
    for acc in accounts:
        assert f"**{markdown(acc['by'])}**" in md, acc["by"]
    texts = " ".join(t.value for t in at.text)
    assert all(acc["says"] in texts for acc in accounts)  # each account's words, as text
    captions = " ".join(c.value for c in at.caption)
    assert "Record as of" in captions and cat.as_of is not None
    assert "end not reported" in captions  # the rule for unknown ends is stated


def test_a_bad_event_link_is_said_not_fatal() -> None:
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.query_params["event"] = "no-such-event"
    at.run()
    assert not at.exception
    said = " ".join(w.value for w in at.warning) + " ".join(i.value for i in at.info)
    assert "no\\-such\\-event" in said  # markdown-escaped on the page


@pytest.mark.parametrize(
    ("link", "want", "said"),
    [("2030-2031", None, "2030–2031; all shown"), ("2010-2013", (2012, 2013), "2012–2013 shown")],
)
def test_a_link_with_years_outside_the_record_still_opens(link, want, said) -> None:
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.query_params["years"] = link
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.slider(key="years").value == (want or curated().year_span())
    assert any(said in i.value.replace("\\", "") for i in at.info), [i.value for i in at.info]
