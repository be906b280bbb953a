"""ninjs reader (IPTC News in JSON), 1.x and 2.x (3.x keeps the names of 2.x).

uri -> id (`id_from_guid`, as a NewsML-G2 guid), version, headline (1.x) or the main `headlines` entry
(2.x) -> title, located -> dateline, infosource(s) name (else copyrightholder, else by/byline) -> agency,
urgency, language (else `fr`). The date is that of contentcreated, else firstcreated, else versioncreated,
as for NewsML-G2. The body is HTML when there is some (`body_html`, `body_xhtml`, an HTML `bodies` entry),
for its explicit paragraphs, else text (`body_text`, another `bodies` entry) split at blank lines.
"""

from __future__ import annotations

import dataclasses
import json
import re
from typing import Any

from claimwire.ingest import (
    Dispatch,
    Reader,
    ReadError,
    forbidden_character,
    id_from_guid,
    register,
)
from claimwire.ingest.encoding import decode_text, sniff
from claimwire.ingest.paragraphs import html_paragraphs, one_line, text_paragraphs
from claimwire.ingest.wire import dispatch_date, language_tag, urgency_level, version_number
from claimwire.records import Origin

HTML_TYPES = ("text/html", "application/xhtml+xml")
DATE_KEYS = ("contentcreated", "firstcreated", "versioncreated")  # in order of preference
_NINJS_KEYS = re.compile(r'"(?:uri|headlines?|bodies|body_\w+|versioncreated)"\s*:')


def detect_ninjs(raw: bytes, path: str) -> bool:
    """A JSON object with ninjs properties (`uri`, `headline(s)`, `bodies`, `body_*`) or naming ninjs."""
    head = sniff(raw)
    return head.startswith("{") and (bool(_NINJS_KEYS.search(head)) or "ninjs" in head)


def read_ninjs(raw: bytes, origin: Origin) -> Dispatch:
    path = origin.path
    decoded = decode_text(raw, path)
    try:
        item = json.loads(decoded.text)
    except json.JSONDecodeError as exc:
        raise ReadError(
            "json-not-well-formed",
            path,
            f"invalid JSON: {exc.msg} (column {exc.colno})",
            exc.lineno,
        ) from None
    except RecursionError:
        raise ReadError("json-not-well-formed", path, "invalid JSON: nested too deeply") from None
    if not isinstance(item, dict):
        raise ReadError(
            "not-a-dispatch",
            path,
            f"not a ninjs item: the JSON is a {type(item).__name__}, not an object",
        )
    _check_strings(item, path)
    uri = _string(item, "uri", path)
    if not uri or not uri.strip():
        raise ReadError("no-id", path, "not a ninjs item: no 'uri'")
    timestamps = [(key, _string(item, key, path)) for key in DATE_KEYS]
    return Dispatch(
        id=id_from_guid(uri, path),
        date=dispatch_date(timestamps, path),
        language=language_tag(_string(item, "language", path), path),
        title=one_line(_headline(item, path)),
        paragraphs=_body(item, path),
        origin=dataclasses.replace(origin, encoding=decoded.encoding),
        dateline=one_line(_string(item, "located", path)),
        agency=one_line(_agency(item, path)),
        version=version_number(item.get("version"), path),
        urgency=urgency_level(item.get("urgency"), path),
        extra={"uri": uri, **_subjects(item)},
    )


def _check_strings(item: dict[str, Any], path: str) -> None:
    """Refuse a control character or a lone surrogate anywhere in the item: JSON escapes
    (`\\u0007`, `\\udc80`) let through what the decoded bytes could not hold."""
    pending: list[tuple[str, Any]] = [("", item)]
    while pending:  # a walk with a stack: the parser already bounds the depth
        where, value = pending.pop()
        if isinstance(value, dict):
            for key, sub in value.items():
                problem = forbidden_character(key)
                if problem:
                    raise ReadError(
                        "forbidden-character", path, f"{problem} in a property name (JSON escape)"
                    )
                pending.append((f"{where}.{key}" if where else key, sub))
        elif isinstance(value, list):
            pending.extend((f"{where}[{i}]", sub) for i, sub in enumerate(value))
        elif isinstance(value, str):
            problem = forbidden_character(value)
            if problem:
                shown = "".join(c if c.isprintable() else "?" for c in where)
                raise ReadError(
                    "forbidden-character",
                    path,
                    f"{problem} in ninjs property {shown!r} (JSON escape)",
                )


def _string(item: dict[str, Any], key: str, path: str) -> str | None:
    value = item.get(key)
    if value is not None and not isinstance(value, str):
        raise ReadError(
            "invalid-metadata",
            path,
            f"ninjs property {key!r} is a {type(value).__name__}, not a string",
        )
    return value


def _entries(item: dict[str, Any], key: str, path: str) -> list[dict[str, Any]]:
    """A 2.x list of objects (`headlines`, `bodies`, `infosources`); absent is empty."""
    value = item.get(key, [])
    if not isinstance(value, list) or not all(isinstance(e, dict) for e in value):
        raise ReadError(
            "invalid-metadata", path, f"ninjs property {key!r} is not a list of objects"
        )
    return value


def _headline(item: dict[str, Any], path: str) -> str | None:
    headlines = [h for h in _entries(item, "headlines", path) if isinstance(h.get("value"), str)]
    main = [h for h in headlines if h.get("role", "main") == "main"]
    if main or headlines:
        return str((main or headlines)[0]["value"])
    return _string(item, "headline", path)


def _bodies(item: dict[str, Any], path: str) -> list[tuple[str, bool]]:
    """Every body as (value, is HTML), in ninjs 1.x properties and 2.x `bodies` entries."""
    found = [(_string(item, key, path), True) for key in ("body_html", "body_xhtml")]
    found.append((_string(item, "body_text", path), False))
    for body in _entries(item, "bodies", path):
        value, kind = body.get("value"), body.get("contenttype")
        if isinstance(value, str):
            is_html = kind in HTML_TYPES if kind else value.lstrip().startswith("<")
            found.append((value, is_html))
    return [(value, is_html) for value, is_html in found if value and value.strip()]


def _body(item: dict[str, Any], path: str) -> list[str]:
    """Paragraphs of the first HTML body with text, else of the first text body."""
    bodies = sorted(_bodies(item, path), key=lambda body: not body[1])
    for value, is_html in bodies:
        paragraphs = html_paragraphs(value) if is_html else text_paragraphs(value)
        if paragraphs:
            return paragraphs
    raise ReadError(
        "no-body", path, "no body: none of body_text, body_html, body_xhtml, bodies has text"
    )


def _agency(item: dict[str, Any], path: str) -> str | None:
    for key in ("infosources", "infosource"):
        names = [s["name"] for s in _entries(item, key, path) if isinstance(s.get("name"), str)]
        if names:
            return str(names[0])
    for key in ("copyrightholder", "by", "byline"):
        value = _string(item, key, path)
        if value:
            return value
    return None


def _subjects(item: dict[str, Any]) -> dict[str, str]:
    subjects = []
    for key in ("subjects", "subject"):
        for subject in item.get(key) or []:
            if isinstance(subject, dict):
                code = subject.get("uri") or subject.get("literal") or subject.get("code") or ""
                name = subject.get("name")
                subjects.append(f"{code} ({name})" if name else str(code))
    return {"subjects": "; ".join(subjects)} if subjects else {}


register(Reader(name="ninjs", read=read_ninjs, detect=detect_ninjs, suffixes=(".json",)))
