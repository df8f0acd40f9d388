"""A ZIP/KMZ upload opened in memory, with caps on what it may expand to; text decoding."""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath

from geo.schema import short
from geo.upload.model import Limits, UploadError

READABLE = ("geojson", "json", "csv", "tsv", "txt", "kml")
"""Endings of the one member an archive may hold."""


def unzip(label: str, data: bytes, limits: Limits) -> tuple[str, str, bytes]:
    """The one readable member of a ZIP/KMZ: ``(label/member, its ending, its bytes)``.

    Raises
    ------
    UploadError
        On an unreadable archive, too many entries, not exactly one readable member, or a
        member that expands beyond ``limits.max_uncompressed`` (declared or streamed).
    """
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UploadError(f"{label}: expected a readable ZIP/KMZ archive, got {exc}") from None
    if len(infos) > limits.max_members:
        raise UploadError(
            f"{label}: expected at most {limits.max_members} entries in the "
            f"archive, got {len(infos)}"
        )
    wanted = [
        i
        for i in infos
        if not i.is_dir() and PurePath(i.filename).suffix.lower().lstrip(".") in READABLE
    ]
    if len(wanted) != 1:
        names = ", ".join(short(i.filename, 40) for i in wanted[:5]) or "none"
        raise UploadError(
            f"{label}: expected exactly one .geojson, .csv or .kml file in the "
            f"archive, got {len(wanted)} ({names})"
        )
    info = wanted[0]
    if info.file_size > limits.max_uncompressed:
        raise UploadError(
            f"{label}: expected the archive to expand to at most "
            f"{limits.max_uncompressed:,} bytes, got {info.file_size:,} declared "
            f"for {short(info.filename, 40)}"
        )
    out = io.BytesIO()
    try:
        with zf.open(info) as member:  # read in chunks: a lying header cannot blow memory
            while chunk := member.read(1 << 20):
                out.write(chunk)
                if out.tell() > limits.max_uncompressed:
                    raise UploadError(
                        f"{label}: expected the archive to expand to at most "
                        f"{limits.max_uncompressed:,} bytes, got more "
                        f"(decompression stopped)"
                    )
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError) as exc:
        raise UploadError(f"{label}: expected a readable archive member, got {exc}") from None
    inner = PurePath(info.filename).name
    return (f"{label}/{inner}", PurePath(inner).suffix.lower().lstrip("."), out.getvalue())


def text_of(label: str, data: bytes) -> str:
    """``data`` decoded as UTF-8 (a byte-order mark is dropped).

    Raises
    ------
    UploadError
        Naming the first byte that is not UTF-8 and its offset.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UploadError(
            f"{label}: expected UTF-8 text, got byte 0x{data[exc.start]:02x} "
            f"at offset {exc.start} (save the file as UTF-8)"
        ) from None
