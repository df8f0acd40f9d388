"""Escaping of data text for HTML that may end up inside a JavaScript template literal.

folium writes popup/tooltip HTML into template literals and innerHTML, so besides the
HTML metacharacters the backtick, ``$`` and backslash are turned into entities.
"""

from __future__ import annotations

import html
import re
from xml.sax.saxutils import escape as _xml_escape
from xml.sax.saxutils import quoteattr as _quoteattr

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


# characters XML 1.0 forbids (C0 controls but tab, LF and CR; lone surrogates; U+FFFE/FFFF)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_clean(value: object) -> str:
    """``value`` as text XML can hold: each forbidden character becomes U+FFFD."""
    return _NOT_XML.sub("\ufffd", "" if value is None else str(value))


def xml_text(value: object) -> str:
    """Escape any value for an XML text node (KML, SVG): well-formed whatever it holds."""
    return _xml_escape(xml_clean(value))


def xml_attr(value: object) -> str:
    """A quoted XML attribute value (quotes included), well-formed whatever it holds."""
    return _quoteattr(xml_clean(value))
