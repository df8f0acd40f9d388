"""Files the app serves itself (Streamlit's ``static/`` folder): large layer data by URL.

File names are hashes of what determines their content (never user strings), so a file
written once is reused by every later session and server start; the newest few are kept.
Several app processes may share one folder: each file is written under a temporary name
and renamed, and a file another process removes meanwhile is written again, never an error.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

KEEP = 8


class Publisher:
    """Writes payloads into ``folder`` and returns the URL path the page fetches them from.

    Parameters
    ----------
    folder : pathlib.Path
        The app's ``static/`` folder (served at ``app/static/`` when
        ``server.enableStaticServing`` is on).
    prefix : str
        URL path of ``folder`` relative to the app root.
    """

    def __init__(self, folder: Path, prefix: str = "app/static") -> None:
        self.folder = Path(folder)
        self.prefix = prefix.strip("/")
        self.problem: str | None = None  # why the last payload could not be written

    def __call__(self, key: str, make: Callable[[], str], stem: str = "events") -> str | None:
        """URL path of the payload identified by ``key``; ``make()`` builds it if absent.

        ``None`` when the folder cannot be written (not writable, a full disk): the caller
        then sends the payload inline, and :attr:`problem` says what happened.

        Parameters
        ----------
        key : str
            Identifies the content (e.g. a hash of the catalog version, the code and the
            event ids); hashed again into the file name.
        make : callable
            Returns the payload text; called only when no file exists for ``key``.
        stem : str
            File name prefix (letters only).
        """
        name = f"{stem}-{hashlib.sha256(key.encode()).hexdigest()[:24]}.json"
        path = self.folder / name
        try:
            os.utime(path)  # most recently used: kept by the pruning below
        except FileNotFoundError:  # absent, or pruned by another app process just now
            try:
                self._write(path, make(), stem)
            except OSError as exc:
                self.problem = (
                    f"could not write the map's data to {self.folder.name}/ "
                    f"({exc.strerror or exc}); it is sent inside the page instead, which is "
                    "slower for large views"
                )
                return None
        except OSError as exc:  # not a folder, or not ours to touch
            self.problem = f"could not use {self.folder.name}/ ({exc.strerror or exc})"
            return None
        self.problem = None
        return f"{self.prefix}/{name}"

    def _write(self, path: Path, data: str, stem: str) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=self.folder, suffix=".tmp", delete=False
        ) as tmp:
            try:
                tmp.write(data)
                tmp.flush()
            except OSError:
                tmp.close()
                Path(tmp.name).unlink(missing_ok=True)  # no half-written file left behind
                raise
        os.replace(tmp.name, path)  # a reader never sees half a file
        old = sorted(self.folder.glob(f"{stem}-*.json"), key=_mtime)
        for stale in old[:-KEEP]:
            if stale != path:
                stale.unlink(missing_ok=True)  # another process may have removed it


def _mtime(path: Path) -> float:
    """Modification time; a file another process removed meanwhile sorts first (gone)."""
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return 0.0
