"""One entry point for figures: a single map, or small multiples by period.

Kept apart from :mod:`layers.export.figure` and :mod:`layers.export.multiples`
because the multiples draw their panels with the single-map parts.
"""

from __future__ import annotations

from layers.export.briefing import Briefing
from layers.export.figure import Figure, FigureOptions, single
from layers.export.multiples import compose_multiples


def compose(b: Briefing, opts: FigureOptions = FigureOptions()) -> Figure:
    """The figure of a briefing's view.

    Parameters
    ----------
    b
        The briefing: catalogue, view and layers.
    opts
        Size, palette and ``by`` (``None`` for one map, ``year`` or ``month``
        for one panel per period).

    Returns
    -------
    Figure
        The SVG figure with its title and size.

    Raises
    ------
    EmptyViewError
        When the view shows no events.
    ValueError
        On an unknown palette or ``by``.
    """
    if opts.palette not in ("colour", "greyscale"):
        raise ValueError(f"expected palette 'colour' or 'greyscale', got {opts.palette!r}")
    if opts.by is not None:
        return compose_multiples(b, opts)
    return single(b, opts)
