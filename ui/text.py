"""Text from files and data, made safe for Streamlit markdown."""

from __future__ import annotations

import re

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")


def markdown(value: object) -> str:
    """Escape text for Streamlit markdown (``st.error``, ``st.caption``...).

    Every markdown, HTML and LaTeX metacharacter is backslash-escaped, so a file name such
    as ``![x](http://host/x.png)`` shows as written and loads nothing.

    Parameters
    ----------
    value : object
        Converted with ``str``; ``None`` becomes an empty string.

    Returns
    -------
    str
        The escaped text, on one line.
    """
    if value is None:
        return ""
    return _MARKDOWN.sub(r"\\\1", str(value)).replace("\n", " ")
