"""Where edits go: the files in a data folder, or the PostGIS store. One interface for both.

Both check a record with :func:`geo.authoring.check_record` (the loader's own rules) and
refuse to overwrite a change made since the editor opened the record (optimistic locking:
the editor carries a ``token`` of what it started from, and a save that finds another
raises :class:`EditConflict` with both versions).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from geo.authoring import EVENTS, RecordError, check_record, save_to_files
from geo.schema import Problem
from geo.store import Conflict, Revision, Store

NEW = "0"  # the token of a record that does not exist yet


@dataclass(frozen=True)
class Editable:
    """A record as the editor opens it, and the token of that state."""

    record: dict[str, Any] | None
    token: str


@dataclass
class EditConflict(Exception):
    """Someone saved the record after this editor opened it; nothing was overwritten."""

    event_id: str
    mine: dict[str, Any]
    theirs: dict[str, Any] | None
    who: str = ""
    token: str = NEW  # the current token: saving again with it overwrites theirs, knowingly

    def __str__(self) -> str:
        return (
            f"{self.event_id}: expected to change the version you opened, got a newer one "
            f"{self.who}. Nothing was overwritten: compare both versions, then save again."
        )


class Backend(Protocol):
    """What the editor needs from a backend."""

    label: str

    def open(self, event_id: str) -> Editable:
        """The record of ``event_id`` and its token."""
        ...

    def save(
        self, record: dict[str, Any], *, author: str, reason: str, token: str, new: bool
    ) -> str:
        """Check and save ``record``; return a one-line confirmation."""
        ...

    def delete(self, event_id: str, *, author: str, reason: str, token: str) -> str:
        """Delete ``event_id``; return a one-line confirmation."""
        ...

    def history(self, event_id: str) -> list[Revision]:
        """Every revision of ``event_id``, newest first (empty when not kept)."""
        ...


def token_of(record: dict[str, Any] | None) -> str:
    """A file record's token: a hash of its content."""
    if record is None:
        return NEW
    text = json.dumps(record, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


class FileBackend:
    """Edits written into ``folder/records/*.json`` and spliced into ``events.geojson``.

    History is the folder's version control (git), not kept here.
    """

    label = "files"

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        # several app processes on one checkout: one save at a time
        with open(self.folder / ".edit.lock", "a+") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def _record(self, event_id: str) -> dict[str, Any] | None:
        for path in sorted((self.folder / "records").glob("*.json")):
            for rec in json.loads(path.read_text("utf-8"))["records"]:
                if rec.get("id") == event_id:
                    return dict(rec)
        return None

    def open(self, event_id: str) -> Editable:
        """The record of ``event_id`` (``None`` when new) and its token."""
        rec = self._record(event_id)
        return Editable(rec, token_of(rec))

    def save(
        self, record: dict[str, Any], *, author: str, reason: str, token: str, new: bool
    ) -> str:
        """Check and write ``record``; raise :class:`EditConflict` when it changed meanwhile."""
        eid = str(record.get("id"))
        with self._locked():
            current = self._record(eid)
            if new and current is not None:
                raise EditConflict(eid, record, current, "(an event with this id exists)",
                                   token_of(current))  # fmt: skip
            if token_of(current) != token:
                raise EditConflict(eid, record, current, "(saved meanwhile)", token_of(current))
            save_to_files(self.folder, record, replaces=None if new else eid)
        return f"{eid}: saved to records/ and {EVENTS} by {author} ({reason})"

    def delete(self, event_id: str, *, author: str, reason: str, token: str) -> str:
        """Not offered on files: remove the record from ``records/`` under version control."""
        raise RecordError(
            [
                Problem(
                    EVENTS, event_id, "id", event_id,
                    "expected the PostGIS backend to delete an event (on files, remove its "
                    "record from records/ under version control, where the history is kept)",
                )
            ]
        )  # fmt: skip

    def history(self, event_id: str) -> list[Revision]:
        """None kept (see the class note)."""
        return []


class DbBackend:
    """Edits saved as revisions in the PostGIS store."""

    label = "PostGIS"

    def __init__(self, store: Store) -> None:
        self.store = store

    def open(self, event_id: str) -> Editable:
        """The record of ``event_id`` and its version as a token."""
        latest = self.store.current(event_id)
        if latest is None or latest.deleted:
            return Editable(None, NEW if latest is None else str(latest.version))
        rec = latest.record or record_from_feature(latest.feature or {})
        return Editable(rec, str(latest.version))

    def _ids(self) -> set[str]:
        files = self.store.files()
        return {f["properties"]["id"] for f in json.loads(files[EVENTS])["features"]}

    def save(
        self, record: dict[str, Any], *, author: str, reason: str, token: str, new: bool
    ) -> str:
        """Check ``record`` and save it as a new revision."""
        eid = str(record.get("id"))
        others = self._ids() - ({eid} if not new else set())
        feature = check_record(record, others)
        try:
            rev = self.store.save(feature, record, author=author, reason=reason,
                                  expected=int(token))  # fmt: skip
        except Conflict as exc:
            theirs = exc.current.record if exc.current is not None else None
            who = f"({exc.current.author}, version {exc.current.version})" if exc.current else ""
            current = str(exc.current.version) if exc.current else NEW
            raise EditConflict(eid, record, theirs, who, current) from None
        return f"{eid}: version {rev.version} saved by {author} ({reason})"

    def delete(self, event_id: str, *, author: str, reason: str, token: str) -> str:
        """Delete as a revision (the history keeps every earlier version)."""
        try:
            rev = self.store.delete(event_id, author=author, reason=reason, expected=int(token))
        except Conflict as exc:
            theirs = exc.current.record if exc.current is not None else None
            raise EditConflict(event_id, {}, theirs, "(saved meanwhile)") from None
        return f"{event_id}: deleted as version {rev.version} by {author} ({reason})"

    def history(self, event_id: str) -> list[Revision]:
        """Every revision, newest first."""
        return self.store.history(event_id)


def record_from_feature(feature: dict[str, Any]) -> dict[str, Any]:
    """A record for a feature imported without one: its positions as typed waypoints."""
    props = dict(feature.get("properties", {}))
    names = props.pop("waypoints", []) or []
    geom = feature.get("geometry") or {}
    gtype = geom.get("type", "Point")
    coords: list[Any]
    if gtype in ("Point",):
        coords, kind = [geom["coordinates"]], "site"
    elif gtype == "MultiPoint":
        coords, kind = geom["coordinates"], "site"
    elif gtype in ("LineString",):
        coords, kind = geom["coordinates"], "route"
    elif gtype == "MultiLineString":
        coords, kind = [p for line in geom["coordinates"] for p in line], "route"
    else:
        ring = geom["coordinates"][0] if gtype == "Polygon" else geom["coordinates"][0][0]
        coords, kind = ring[:-1], "area"
    labels = [names[i] if i < len(names) else f"point {i + 1}" for i in range(len(coords))]
    props["waypoints"] = [[lab, c[0], c[1]] for lab, c in zip(labels, coords, strict=True)]
    props["geometry_type"] = kind
    props["straight_legs"] = True  # the positions are the drawn line already
    return props
