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
            raise ReadError("malformed-date", path, f"malformed date {value!r} in {name}") from None
    names = ", ".join(name for name, _ in candidates)
    raise ReadError("no-date", path, f"no date: none of {names} is given")


# At most 9 digits: any version an agency writes, and always within the 64-bit integers of JSON
# readers and Arrow (a 30-digit version used to pass here and fail when the record was written).
_VERSION = re.compile(r"[0-9]{1,9}")


def version_number(value: object, path: str) -> int | None:
    """The item's version, a positive integer of ASCII digits (formats write it as a string)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ReadError("invalid-metadata", path, f"version {value!r} is not a positive integer")
    text = str(value).strip()
    # `str.isdigit` accepts `²` and other digits `int` refuses: only ASCII digits are a version.
    if not _VERSION.fullmatch(text) or int(text) < 1:
        shown = text if len(text) <= 20 else text[:20] + "..."
        raise ReadError(
            "invalid-metadata",
            path,
            f"version {shown!r} is not a positive integer of at most 9 digits",
        )
    return int(text)


def urgency_level(value: object, path: str) -> int | None:
    """IPTC urgency, 1 (most urgent) to 9."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # JSON numbers: ninjs types urgency as `number`
    text = str(value).strip()
    if text not in {str(n) for n in range(1, 10)}:
        raise ReadError(
            "invalid-metadata", path, f"urgency {value!r} is not an integer from 1 to 9"
        )
    return int(text)


def language_tag(value: str | None, path: str) -> str:
    """BCP 47 tag with a lower-case primary subtag (`fr`, `fr-FR`); `fr` when the format gives none."""
    if value is None or not value.strip():
        return DEFAULT_LANGUAGE
    primary, _, rest = value.strip().replace("_", "-").partition("-")
    tag = f"{primary.lower()}-{rest}" if rest else primary.lower()
    if not _LANGUAGE.fullmatch(tag):
        raise ReadError("invalid-metadata", path, f"language {value!r} is not a BCP 47 tag")
    return tag
