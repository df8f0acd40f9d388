"""Escaping of data text for HTML that may end up inside a JavaScript template literal.

folium writes popup/tooltip HTML into template literals and innerHTML, so besides the
HTML metacharacters the backtick, ``$`` and backslash are turned into entities.
"""

from __future__ import annotations

import html

_EXTRA = str.maketrans({"`": "&#96;", "$": "&#36;", "\\": "&#92;", "\x00": "\ufffd"})


def text(value: object) -> str:
    """Escape any value for HTML text or a quoted attribute (and template literals).

    Parameters
    ----------
    value : object
        Converted with ``str``; ``None`` becomes an empty string.

    Returns
    -------
    str
    """
    if value is None:
        return ""
    return html.escape(str(value), quote=True).translate(_EXTRA)
