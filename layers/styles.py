"""The one table of colours and dashes: the map and the legend both read it.

Colours are the Okabe–Ito palette (safe for the common colour-vision deficiencies), plus a
dark gold for coast-guard exercises so that they differ from coast-guard patrols in charts;
approximate geometries are dashed so the distinction never rests on colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from geo.schema import APPROXIMATE, KIND_LABELS, ZONE_TYPE_LABELS


@dataclass(frozen=True)
class Style:
    """How one class of feature is drawn.

    Attributes
    ----------
    label : str
        Legend text.
    color : str
        Stroke colour (hex).
    weight : float
        Stroke width in pixels.
    dash : str or None
        SVG dash array; ``None`` for a solid stroke.
    fill_opacity : float
        Fill opacity for polygons and circle markers.
    """

    label: str
    color: str
    weight: float = 3.0
    dash: str | None = None
    fill_opacity: float = 0.18

    def leaflet(self, *, dashed: bool = False) -> dict[str, object]:
        """Leaflet path options for this style."""
        return {
            "color": self.color,
            "weight": self.weight,
            "opacity": 0.95,
            "fillColor": self.color,
            "fillOpacity": self.fill_opacity,
            "dashArray": APPROX_DASH if dashed else self.dash,
            "lineCap": "butt" if dashed else "round",
        }


APPROX_DASH = "8 6"
MARKER_RADIUS = 7

KIND_STYLES: dict[str, Style] = {
    "air_patrol": Style(KIND_LABELS["air_patrol"], "#D55E00", 3.0),
    "naval_patrol": Style(KIND_LABELS["naval_patrol"], "#0072B2", 3.0),
    "naval_exercise": Style(KIND_LABELS["naval_exercise"], "#56B4E9", 2.5, fill_opacity=0.3),
    "land_exercise": Style(KIND_LABELS["land_exercise"], "#009E73", 2.5, fill_opacity=0.55),
    "counter_terrorism_exercise": Style(
        KIND_LABELS["counter_terrorism_exercise"], "#CC79A7", 2.5, fill_opacity=0.55
    ),
    "coast_guard_patrol": Style(KIND_LABELS["coast_guard_patrol"], "#E69F00", 3.0),
    "coast_guard_exercise": Style(
        KIND_LABELS["coast_guard_exercise"], "#8C6D1F", 2.5, fill_opacity=0.3
    ),
    "missile_defense_exercise": Style(
        KIND_LABELS["missile_defense_exercise"], "#000000", 2.5, fill_opacity=0.55
    ),
    "other": Style(KIND_LABELS["other"], "#666666", 2.5),
}

ZONE_STYLES: dict[str, Style] = {
    "claim_line": Style(ZONE_TYPE_LABELS["claim_line"], "#9E0142", 2.0, "10 5 2 5", 0.0),
    "adiz": Style(ZONE_TYPE_LABELS["adiz"], "#5E4FA2", 1.5, "5 4", 0.03),
    "median_line": Style(ZONE_TYPE_LABELS["median_line"], "#3D3D3D", 2.0, "1 5", 0.0),
    "disputed_territory": Style(ZONE_TYPE_LABELS["disputed_territory"], "#762A83", 2.0, None, 0.35),
    "maritime_boundary": Style(
        ZONE_TYPE_LABELS["maritime_boundary"], "#1B7837", 2.0, "12 4 2 4", 0.0
    ),
    # a large area along coasts: a thin line and a faint fill, so the coast stays legible
    "sea_route": Style(ZONE_TYPE_LABELS["sea_route"], "#1F7A74", 1.0, "6 4", 0.07),
}

# the user's own uploaded records: a colour no event kind uses (Paul Tol's vibrant magenta)
USER_STYLE = Style("Your data", "#EE3377", 2.5, fill_opacity=0.3)

# events per grid cell when too many are in view to draw (viridis steps: ordered, CVD-safe)
AGGREGATE_RAMP = ("#FDE725", "#7AD151", "#22A884", "#2A788E", "#414487", "#440154")

REGION_STYLE = Style("Briefing region (outline)", "#8A8A8A", 1.0, "2 4", 0.0)
LAND = {"color": "#B9B2A3", "weight": 0.6, "fillColor": "#F3F0E8", "fillOpacity": 1.0}
SEA = "#D7E6EF"


def event_style(kind: str, precision: str) -> dict[str, object]:
    """Leaflet options for an event: kind sets the colour, precision the dash."""
    return KIND_STYLES.get(kind, KIND_STYLES["other"]).leaflet(dashed=precision in APPROXIMATE)


@dataclass(frozen=True)
class Ink:
    """How a figure (PNG, PDF, SVG, deck) draws one class of feature.

    Attributes
    ----------
    stroke : str
        Line colour.
    width : float
        Line width in pixels.
    dash : str or None
        SVG dash array.
    fill : str
        Fill colour of areas and markers.
    fill_opacity : float
        Fill opacity.
    marker : str
        Marker shape for sites: ``circle``, ``square``, ``triangle``, ``diamond``, ``star``,
        ``cross``, ``down`` (a triangle pointing down), ``ring`` (an open circle).
    hatch : str or None
        Area pattern in greyscale: ``diag``, ``cross``, ``horiz``, ``vert``.
    """

    stroke: str
    width: float
    dash: str | None
    fill: str
    fill_opacity: float
    marker: str = "circle"
    hatch: str | None = None


PALETTES = ("colour", "greyscale")

# greyscale: every kind differs by line pattern, marker shape and area hatch, not by grey
GREY_INKS: dict[str, Ink] = {
    "air_patrol": Ink("#000000", 3.2, None, "#000000", 0.9, "triangle"),
    "naval_patrol": Ink("#222222", 3.0, "11 4", "#222222", 0.9, "square"),
    "naval_exercise": Ink("#444444", 2.2, "2 3", "#bbbbbb", 0.5, "diamond", "diag"),
    "land_exercise": Ink("#000000", 2.0, None, "#999999", 0.5, "circle", "cross"),
    "counter_terrorism_exercise": Ink("#333333", 2.0, "7 2 2 2", "#cccccc", 0.5, "star", "horiz"),
    "coast_guard_patrol": Ink("#555555", 3.0, "14 3 3 3", "#555555", 0.9, "down"),
    "coast_guard_exercise": Ink("#555555", 2.0, "4 2", "#dddddd", 0.5, "ring", "vert"),
    "missile_defense_exercise": Ink("#000000", 2.0, None, "#000000", 0.9, "cross"),
    "other": Ink("#777777", 2.0, "1 3", "#eeeeee", 0.6, "ring"),
}
GREY_LAND = {"fill": "#eeeeee", "stroke": "#9a9a9a"}
GREY_SEA = "#ffffff"


def event_ink(kind: str, precision: str, palette: str = "colour") -> Ink:
    """How a figure draws an event of ``kind``.

    In colour, the map's own style (approximate geometry dashed); in greyscale, a pattern and
    a marker of its own (approximate geometry drawn thinner).
    """
    approximate = precision in APPROXIMATE
    if palette == "greyscale":
        ink = GREY_INKS.get(kind, GREY_INKS["other"])
        return Ink(
            ink.stroke,
            ink.width * (0.65 if approximate else 1.0),
            ink.dash,
            ink.fill,
            ink.fill_opacity,
            ink.marker,
            ink.hatch,
        )
    style = KIND_STYLES.get(kind, KIND_STYLES["other"])
    return Ink(
        style.color,
        style.weight,
        APPROX_DASH if approximate else style.dash,
        style.color,
        max(style.fill_opacity, 0.25),
        "circle",
    )


def user_ink(palette: str = "colour") -> Ink:
    """How a figure draws the user's own records (greyscale: dotted lines, open squares)."""
    if palette == "greyscale":
        return Ink("#000000", 2.4, "2 2", "#ffffff", 0.0, "square")
    return Ink(USER_STYLE.color, USER_STYLE.weight, None, USER_STYLE.color, 0.3, "diamond")


def zone_ink(zone_type: str, palette: str = "colour") -> Ink:
    """How a figure draws a zone type (greyscale keeps each type's dash pattern)."""
    style = ZONE_STYLES[zone_type]
    colour = "#555555" if palette == "greyscale" else style.color
    return Ink(colour, style.weight, style.dash, colour, style.fill_opacity)
