"""Plain dated text: an optional leading `date YYYY-MM-DD` header, then paragraphs between blank lines.

The seed writes the header on the same line as the first sentence (` date 2026-02-04 L'Iran ...`) and
separates paragraphs by runs of one or three blank lines; both are accepted.
"""

from __future__ import annotations

import datetime as dt
import re

from claimwire.ingest import Dispatch, Reader, ReadError, id_from_filename, register
from claimwire.records import Origin

_HEADER = re.compile(r"\A\s*date[ \t]+(\S+)[ \t]*(?:\n|[ \t]+|\Z)", re.IGNORECASE)
_DATE_IN_NAME = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)")
NUL = b"\x00"
_BLANK_LINES = re.compile(r"\n[ \t\u00a0]*(?:\n[ \t\u00a0]*)+")


def _decode(raw: bytes, path: str) -> str:
    if NUL in raw:
        raise ReadError(path, f"binary file (NUL byte at offset {raw.index(NUL)})")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ReadError(
            path, f"not UTF-8 (invalid byte 0x{raw[exc.start]:02x} at offset {exc.start})", line
        ) from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _parse_date(value: str, path: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat() if len(value) == 10 else _bad_date(value, path)
    except ValueError:
        return _bad_date(value, path)


def _bad_date(value: str, path: str) -> str:
    raise ReadError(path, f"malformed date {value!r} in header (expected 'date YYYY-MM-DD')", 1)


def read_plain(raw: bytes, origin: Origin) -> Dispatch:
    text = _decode(raw, origin.path)
    header = _HEADER.match(text)
    if header:
        date = _parse_date(header.group(1), origin.path)
        body = text[header.end() :]
    else:
        named = _DATE_IN_NAME.search(origin.path.rsplit("/", 1)[-1])
        if not named:
            raise ReadError(
                origin.path, "missing date: start the file with 'date YYYY-MM-DD' or put it in the name"
            )
        date = _parse_date(named.group(1), origin.path)
        body = text
    paragraphs = [p.strip() for p in _BLANK_LINES.split(body)]
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        raise ReadError(origin.path, "no body after the date header")
    return Dispatch(
        id=id_from_filename(origin.path),
        date=date,
        language="fr",
        title=None,
        paragraphs=paragraphs,
        origin=origin,
    )


def detect_plain(raw: bytes, path: str) -> bool:
    """Any text that is not markup or JSON (those belong to richer readers)."""
    head = raw.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return head not in (b"<", b"{", b"[")


register(Reader(name="text", read=read_plain, detect=detect_plain, suffixes=(".txt", "")))
