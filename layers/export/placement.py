"""Text measured as the browser will draw it, and labels placed so that none overlap.

Figures name the text's font (DejaVu Sans, which Debian's Chromium uses for ``sans-serif``);
widths come from the same font file through Pillow. Where the font file is missing, widths
are over-estimated (0.64 em a character), so a label may be left out but never overlaps.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

FONT_FAMILY = "'DejaVu Sans', 'Liberation Sans', Arial, sans-serif"
_FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/TTF",
              "/Library/Fonts", "/System/Library/Fonts/Supplemental")  # fmt: skip
_FILES = {
    (False, False): "DejaVuSans.ttf",
    (True, False): "DejaVuSans-Bold.ttf",
    (False, True): "DejaVuSans-Oblique.ttf",
    (True, True): "DejaVuSans-BoldOblique.ttf",
}
FALLBACK_EM = 0.64  # DejaVu Sans averages ~0.55 em a character in names; err wide


@functools.cache
def _font(bold: bool, italic: bool) -> object | None:
    from pathlib import Path

    from PIL import ImageFont

    for folder in _FONT_DIRS:
        path = Path(folder) / _FILES[(bold, italic)]
        if path.exists():
            return ImageFont.truetype(str(path), 100)
    return None


def text_width(text: str, size: float, *, bold: bool = False, italic: bool = False) -> float:
    """Width in pixels of ``text`` at font ``size`` (pixels)."""
    font = _font(bold, italic)
    if font is None:
        return len(text) * size * FALLBACK_EM
    return float(font.getlength(text)) * size / 100.0  # type: ignore[attr-defined]


def wrap(text: str, width: float, size: float, *, bold: bool = False) -> list[str]:
    """``text`` broken into lines no wider than ``width`` (a long word gets a line of its own)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if line and text_width(trial, size, bold=bold) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    if line:
        lines.append(line)
    return lines or [""]


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle in figure pixels (``x0 < x1``, ``y0 < y1``)."""

    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box, pad: float = 0.0) -> bool:
        """Whether the two rectangles (each grown by ``pad``) share any area."""
        return not (
            self.x1 + pad <= other.x0
            or other.x1 + pad <= self.x0
            or self.y1 + pad <= other.y0
            or other.y1 + pad <= self.y0
        )

    def inside(self, other: Box) -> bool:
        """Whether this rectangle lies wholly within ``other``."""
        return (
            self.x0 >= other.x0
            and self.y0 >= other.y0
            and self.x1 <= other.x1
            and self.y1 <= other.y1
        )


@dataclass(frozen=True)
class Label:
    """A label to place: its text, size, style and candidate anchor points, best first.

    Each candidate is ``(x, y, anchor)`` with anchor ``start``, ``middle`` or ``end``
    (as SVG's ``text-anchor``); ``y`` is the text's vertical middle.
    """

    text: str
    size: float
    candidates: Sequence[tuple[float, float, str]]
    bold: bool = False
    italic: bool = False
    key: str = ""


@dataclass(frozen=True)
class Placed:
    """A placed label: where its text goes and the box it takes."""

    label: Label
    x: float
    y: float
    anchor: str
    box: Box


def label_box(label: Label, x: float, y: float, anchor: str, halo: float = 2.0) -> Box:
    """The box a label's text (with its halo) takes when drawn at ``(x, y)``."""
    w = text_width(label.text, label.size, bold=label.bold, italic=label.italic)
    x0 = x if anchor == "start" else x - w / 2 if anchor == "middle" else x - w
    h = label.size * 1.2
    return Box(x0 - halo, y - h / 2 - halo, x0 + w + halo, y + h / 2 + halo)


class Placer:
    """Places labels greedily, in the order given, where they overlap nothing placed before.

    Parameters
    ----------
    frame : Box
        Labels must lie wholly inside it.
    obstacles : iterable of Box
        Areas no label may cover (legend, title, inset, other panels).
    pad : float
        Clear space kept between labels.
    """

    def __init__(self, frame: Box, obstacles: Iterable[Box] = (), pad: float = 3.0) -> None:
        self.frame = frame
        self.taken: list[Box] = list(obstacles)
        self.pad = pad
        self.placed: list[Placed] = []

    def place(self, label: Label) -> Placed | None:
        """Put ``label`` at its first free candidate; ``None`` when every one collides."""
        for x, y, anchor in label.candidates:
            box = label_box(label, x, y, anchor)
            if not box.inside(self.frame):
                continue
            if any(box.overlaps(t, self.pad) for t in self.taken):
                continue
            self.taken.append(box)
            placed = Placed(label, x, y, anchor, box)
            self.placed.append(placed)
            return placed
        return None

    def block(self, box: Box) -> None:
        """Keep ``box`` free of later labels (a marker, a callout)."""
        self.taken.append(box)


def around(x: float, y: float, gap: float) -> list[tuple[float, float, str]]:
    """Candidates round a point: right, left, above, below, then the diagonals."""
    return [
        (x + gap, y, "start"),
        (x - gap, y, "end"),
        (x, y - gap * 1.6, "middle"),
        (x, y + gap * 1.6, "middle"),
        (x + gap, y - gap, "start"),
        (x - gap, y - gap, "end"),
        (x + gap, y + gap, "start"),
        (x - gap, y + gap, "end"),
    ]
