"""Repairs for what a person typed approximately in the sentences JSONL (`claimwire fix`).

Offsets are recomputed from the `text` of a sentence or source (the occurrence nearest to the offsets
given), surrounding whitespace typed into a sentence's text is trimmed, and an obviously named mention
(`M. Abbas Araghchi`) gets its `name`. Only lines that need a repair are rewritten, so a one-label edit
stays a one-line diff; what cannot be repaired is reported with its file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from claimwire.corpus.canonical import key_order, reorder
from claimwire.corpus.layout import canonical_line
from claimwire.corpus.spans import nearest_occurrence

HONORIFICS = re.compile(r"^(?:M\.|MM\.|Mme|Mmes|Mlle|Mgr|Me|Dr|Pr)\s+")
# A proper name: capitalised words, joined by spaces, hyphens or particles (`al-Busaidi`, `de Villepin`).
PROPER_NAME = re.compile(
    r"^(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*)(?:\s+(?:(?:de|du|des|d'|la|le|van|von|al|ben|bin|el)\s+)?[A-ZÀ-ÖØ-Þ][\w'’.-]*)*$"
)


@dataclass(slots=True)
class FixReport:
    """Lines changed, and problems left for a person, as `(line, message)` pairs per file."""

    fixed: dict[Path, list[int]] = field(default_factory=dict)
    unresolved: dict[Path, list[tuple[int, str]]] = field(default_factory=dict)


def obvious_name(mention: str) -> str | None:
    """The canonical name of a mention that is a proper name, honorific dropped; else None."""
    bare = HONORIFICS.sub("", mention.strip())
    return bare if bare and PROPER_NAME.match(bare) else None


def _fix_span(record: dict[str, Any], doc_text: str, what: str, problems: list[str]) -> bool:
    """Make record[start:end] point at record['text'] in the document; True when something changed."""
    text = record.get("text")
    start, end = record.get("start"), record.get("end")
    if not isinstance(text, str) or not text.strip():
        problems.append(f"{what} has no text to locate")
        return False
    changed = False
    if what == "sentence" and text != text.strip():
        record["text"], changed = text.strip(), True
        text = record["text"]
    if isinstance(start, int) and isinstance(end, int) and doc_text[start:end] == text:
        return changed
    found = nearest_occurrence(doc_text, text, start if isinstance(start, int) else 0)
    if found is None:
        problems.append(f"{what} text {text[:40]!r} is not in the document")
        return changed
    record["start"], record["end"] = found, found + len(text)
    return True


def fix_sentence(record: dict[str, Any], documents: dict[str, str]) -> tuple[bool, list[str]]:
    """Repair one sentence record in place; returns whether it changed and what could not be fixed."""
    problems: list[str] = []
    doc_text = documents.get(record.get("doc_id", ""))
    if doc_text is None:
        return False, [f"document {record.get('doc_id')!r} is not in the corpus"]
    changed = _fix_span(record, doc_text, "sentence", problems)
    for number, source in enumerate(record.get("sources") or []):
        if not isinstance(source, dict):
            problems.append(f"source {number} is not an object")
            continue
        changed |= _fix_span(source, doc_text, f"source {number}", problems)
        if source.get("name") is None and isinstance(source.get("text"), str):
            name = obvious_name(source["text"])
            if name is not None:
                source["name"], changed = name, True
    return changed, problems


def fix_lines(
    raw: bytes, documents: dict[str, str]
) -> tuple[bytes, list[int], list[tuple[int, str]]]:
    """Fixed bytes of a sentences file, the changed line numbers, and unresolved problems."""
    out, changed_lines, unresolved = [], [], []
    for number, line in enumerate(raw.splitlines(keepends=True), start=1):
        try:
            record = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            unresolved.append((number, f"not valid JSON ({exc}); run: claimwire validate"))
            out.append(line)
            continue
        if not isinstance(record, dict):
            unresolved.append((number, "not a JSON object"))
            out.append(line)
            continue
        changed, problems = fix_sentence(record, documents)
        unresolved += [(number, p) for p in problems]
        if changed:
            changed_lines.append(number)
            out.append(canonical_line(reorder(record, key_order("sentences"))))
        else:
            out.append(line)
    return b"".join(out), changed_lines, unresolved
