"""Our own JavaScript and CSS, shipped as package data and read once per process.

The files live beside the code that uses them (``layers/js/*.js``, ``layers/css/*.css``,
``ui/js/*.js``); templates insert their text as data (``{{ this.js }}``), never as template
source, so a brace in JavaScript can never be read as Jinja. ``layers/js/README.md`` lists
the globals and DOM hooks shared between Python and JavaScript.
"""

from __future__ import annotations

import functools
from importlib import resources


@functools.cache
def _read(package: str, folder: str, name: str) -> str:
    path = resources.files(package).joinpath(folder, name)
    if not path.is_file():
        raise FileNotFoundError(
            f"expected {folder}/{name} in the package {package!r}, got nothing: reinstall the "
            "app (make install)"
        )
    text = path.read_text("utf-8")
    if "</script" in text.lower() or "</style" in text.lower():
        raise ValueError(
            f"expected {folder}/{name} without a closing </script> or </style> "
            "tag, got one: it would end the element it is inlined in"
        )
    return text


def script(name: str, package: str = "layers") -> str:
    """The text of ``js/<name>`` in ``package`` (default: this package)."""
    return _read(package, "js", name)


def stylesheet(name: str, package: str = "layers") -> str:
    """The text of ``css/<name>`` in ``package`` (default: this package)."""
    return _read(package, "css", name)


def style_tag(name: str) -> str:
    """``<style>`` element holding ``css/<name>``."""
    return f"<style>\n{stylesheet(name)}</style>"
