"""Metadata values shared by the wire formats (NewsML-G2 and ninjs, its JSON rendering), checked.

Each turns a value as the format writes it into the Document field, or raises a one-line `ReadError`
naming the property, since a value the schema would refuse must not pass silently.
"""

from __future__ import annotations

import datetime as dt
import re

from claimwire.ingest import ReadError

DEFAULT_LANGUAGE = "fr"
_LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{1,8})*")


def dispatch_date(candidates: list[tuple[str, str | None]], path: str) -> str:
    """Date part of the first timestamp present, as written (the agency's local date, not UTC).

    `candidates` are (property name, value) in order of preference.
    """
    for name, value in candidates:
        if value is None or not value.strip():
            continue
        value = value.strip()
        try:
            return dt.date.fromisoformat(value[:10]).isoformat()
        except ValueError:
            raise ReadError(path, f"malformed date {value!r} in {name}") from None
    names = ", ".join(name for name, _ in candidates)
    raise ReadError(path, f"no date: none of {names} is given")


def version_number(value: object, path: str) -> int | None:
    """The item's version, a positive integer (formats write it as a string)."""
    if value is None:
        return None
    text = str(value).strip()
    if not text.isdigit() or int(text) < 1:
        raise ReadError(path, f"version {value!r} is not a positive integer")
    return int(text)


def urgency_level(value: object, path: str) -> int | None:
    """IPTC urgency, 1 (most urgent) to 9."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # JSON numbers: ninjs types urgency as `number`
    text = str(value).strip()
    if text not in {str(n) for n in range(1, 10)}:
        raise ReadError(path, f"urgency {value!r} is not an integer from 1 to 9")
    return int(text)


def language_tag(value: str | None, path: str) -> str:
    """BCP 47 tag with a lower-case primary subtag (`fr`, `fr-FR`); `fr` when the format gives none."""
    if value is None or not value.strip():
        return DEFAULT_LANGUAGE
    primary, _, rest = value.strip().replace("_", "-").partition("-")
    tag = f"{primary.lower()}-{rest}" if rest else primary.lower()
    if not _LANGUAGE.fullmatch(tag):
        raise ReadError(path, f"language {value!r} is not a BCP 47 tag")
    return tag
