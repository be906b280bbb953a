"""Plain dated text: an optional leading `date YYYY-MM-DD` header, then paragraphs between blank lines.

The seed writes the header on the same line as the first sentence (` date 2026-02-04 L'Iran ...`) and
separates paragraphs by runs of one or three blank lines; both are accepted.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from claimwire.ingest import Dispatch, Reader, ReadError, id_from_filename, register
from claimwire.ingest.encoding import decode_text, sniff
from claimwire.ingest.paragraphs import text_paragraphs
from claimwire.records import Origin

_HEADER = re.compile(r"\A\s*date[ \t]+(\S+)[ \t]*(?:\n|[ \t]+|\Z)", re.IGNORECASE)
_DATE_IN_NAME = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)")


def _parse_date(value: str, path: str) -> str:
    try:
        return (
            dt.date.fromisoformat(value).isoformat() if len(value) == 10 else _bad_date(value, path)
        )
    except ValueError:
        return _bad_date(value, path)


def _bad_date(value: str, path: str) -> str:
    raise ReadError(
        "malformed-date",
        path,
        f"malformed date {value!r} in header (expected 'date YYYY-MM-DD')",
        1,
    )


def read_plain(raw: bytes, origin: Origin) -> Dispatch:
    decoded = decode_text(raw, origin.path)
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    header = _HEADER.match(text)
    if header:
        date = _parse_date(header.group(1), origin.path)
        body = text[header.end() :]
    else:
        named = _DATE_IN_NAME.search(origin.path.rsplit("/", 1)[-1])
        if not named:
            raise ReadError(
                "no-date",
                origin.path,
                "missing date: start the file with 'date YYYY-MM-DD' or put it in the name",
            )
        date = _parse_date(named.group(1), origin.path)
        body = text
    paragraphs = text_paragraphs(body)
    if not paragraphs:
        raise ReadError("no-body", origin.path, "no body after the date header")
    return Dispatch(
        id=id_from_filename(origin.path),
        date=date,
        language="fr",
        title=None,
        paragraphs=paragraphs,
        origin=dataclasses.replace(origin, encoding=decoded.encoding),
    )


def detect_plain(raw: bytes, path: str) -> bool:
    """Anything but markup or JSON (richer readers' inputs): binary input is refused by `read_plain`."""
    return sniff(raw, 64)[:1] not in ("<", "{", "[")


register(Reader(name="text", read=read_plain, detect=detect_plain, suffixes=(".txt", "")))
