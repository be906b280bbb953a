"""A Label Studio annotation `result` -> the sentences of one document, or a `ResultError` saying why not.

Regions are grouped by their `id` (Label Studio gives a region and its per-region choices and text areas
the same id); a `labels` item says whether the region is a sentence or a source. Sources attach to the
sentences they are related to, else to the sentence around them; within a sentence they keep the order
in which their regions appear in the result, which is the order of the prediction they came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from claimwire.labelstudio.config import (
    NOTE,
    RELATION,
    SENTENCE,
    SENTENCE_CHOICES,
    SOURCE,
    SOURCE_CHOICES,
    SOURCE_TEXTS,
    SPAN,
)
from claimwire.labelstudio.regions import Offsets
from claimwire.records import Document, Sentence, Source
from claimwire.schema import labels

CHOICES = {**SENTENCE_CHOICES, **SOURCE_CHOICES}
TEXT_AREAS = {NOTE, *SOURCE_TEXTS}


class ResultError(ValueError):
    """The result cannot become records; the message names the region and the problem."""


@dataclass(slots=True)
class Region:
    id: str
    order: int
    kind: str | None = None
    start: int = 0
    end: int = 0
    fields: dict[str, str | None] = field(default_factory=dict)


def _span(region: str, value: dict[str, Any], offsets: Offsets) -> tuple[int, int]:
    """Code point offsets of a region, checked against the document text and trimmed of whitespace."""
    start, end = value.get("start"), value.get("end")
    if not isinstance(start, int) or not isinstance(end, int):
        raise ResultError(f"region {region}: start/end missing or not integers")
    cp_start, cp_end = offsets.from_utf16(start), offsets.from_utf16(end)
    text = offsets.text
    if cp_start is None or cp_end is None or not 0 <= cp_start < cp_end <= len(text):
        raise ResultError(f"region {region}: offsets {start}-{end} do not fit the document text")
    if isinstance(value.get("text"), str) and value["text"] != text[cp_start:cp_end]:
        raise ResultError(
            f"region {region}: text {value['text']!r} differs from the document at {start}-{end}"
        )
    while text[cp_start].isspace() and cp_start < cp_end - 1:
        cp_start += 1
    while text[cp_end - 1].isspace() and cp_end > cp_start + 1:
        cp_end -= 1
    if text[cp_start:cp_end].isspace():
        raise ResultError(f"region {region}: only whitespace at {start}-{end}")
    return cp_start, cp_end


def _read_item(item: dict[str, Any], region: Region, offsets: Offsets) -> None:
    kind, name, value = item.get("type"), item.get("from_name"), item.get("value")
    if not isinstance(value, dict):
        raise ResultError(f"region {region.id}: item without a value object")
    if kind == "labels" and name == SPAN:
        found = value.get("labels")
        if not isinstance(found, list) or len(found) != 1 or found[0] not in (SENTENCE, SOURCE):
            raise ResultError(
                f"region {region.id}: unknown span label {found!r} (expected sentence or source)"
            )
        region.kind = found[0]
        region.start, region.end = _span(region.id, value, offsets)
    elif kind == "choices" and name in CHOICES:
        found = value.get("choices")
        vocabulary = labels(CHOICES[name])
        if not isinstance(found, list) or len(found) != 1 or found[0] not in vocabulary:
            raise ResultError(
                f"region {region.id}: unknown {name} label {found!r} (known: {', '.join(vocabulary)})"
            )
        region.fields[name] = found[0]
    elif kind == "textarea" and name in TEXT_AREAS:
        texts = value.get("text")
        if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
            raise ResultError(f"region {region.id}: {name} text is not a list of strings")
        region.fields[name] = " ".join(t.strip() for t in texts if t.strip()) or None
    else:
        raise ResultError(f"region {region.id}: unknown control {name!r} of type {kind!r}")


def read_regions(result: Any, offsets: Offsets) -> tuple[dict[str, Region], list[tuple[str, str]]]:
    """Regions by id, in order of first appearance, and the (from_id, to_id) pairs of the relations."""
    if not isinstance(result, list):
        raise ResultError("result is not a list")
    regions: dict[str, Region] = {}
    relations: list[tuple[str, str]] = []
    for n, item in enumerate(result):
        if not isinstance(item, dict):
            raise ResultError(f"result item {n}: not an object")
        if item.get("type") == "relation":
            found = item.get("labels") or []
            if any(label != RELATION for label in found):
                raise ResultError(
                    f"relation {item.get('from_id')}->{item.get('to_id')}: unknown label {found!r}"
                )
            relations.append((str(item.get("from_id")), str(item.get("to_id"))))
            continue
        region_id = item.get("id")
        if not isinstance(region_id, str) or not region_id:
            raise ResultError(f"result item {n}: no region id")
        region = regions.setdefault(region_id, Region(region_id, len(regions)))
        _read_item(item, region, offsets)
    for region in regions.values():
        if region.kind is None:
            raise ResultError(f"region {region.id}: fields without a sentence or source span")
        required = SENTENCE_CHOICES if region.kind == SENTENCE else SOURCE_CHOICES
        allowed = {*required, NOTE} if region.kind == SENTENCE else {*required, *SOURCE_TEXTS}
        extra = sorted(set(region.fields) - allowed)
        if extra:
            raise ResultError(
                f"{region.kind} region {region.id}: {extra[0]} does not apply to a {region.kind}"
            )
        for name in required:
            if name not in region.fields:
                raise ResultError(f"{region.kind} region {region.id}: no {name} chosen")
    return regions, relations


def _paragraph(region: Region, document: Document) -> int:
    for number, (start, end) in enumerate(document.paragraphs):
        if start <= region.start and region.end <= end:
            return number
    raise ResultError(
        f"sentence region {region.id} ({region.start}-{region.end}) crosses a paragraph boundary"
    )


def _check_cover(sentences: list[Region], text: str) -> None:
    """Sentences must not overlap and must cover every non-whitespace character of the text."""
    covered = bytearray(len(text))
    for before, region in zip([None, *sentences], sentences, strict=False):
        if before is not None and before.end > region.start:
            raise ResultError(f"sentence regions {before.id} and {region.id} overlap")
        covered[region.start : region.end] = b"\x01" * (region.end - region.start)
    gap = next((i for i, char in enumerate(text) if not covered[i] and not char.isspace()), None)
    if gap is not None:
        end = gap
        while end < len(text) and not covered[end] and text[end] != "\n":
            end += 1
        raise ResultError(f"text at {gap}-{end} ({text[gap:end][:40]!r}) is in no sentence region")


def _attach_sources(
    regions: dict[str, Region], relations: list[tuple[str, str]], sentences: list[Region]
) -> dict[str, list[Region]]:
    """Source regions by the id of the sentence they belong to, in order of appearance."""
    linked: dict[str, list[str]] = {}
    for from_id, to_id in relations:
        head, tail = regions.get(from_id), regions.get(to_id)
        if head is None or tail is None:
            raise ResultError(f"relation {from_id}->{to_id}: no region with that id")
        if sorted([head.kind or "", tail.kind or ""]) != [SENTENCE, SOURCE]:
            raise ResultError(f"relation {from_id}->{to_id}: must link a source to a sentence")
        source, sentence = (head, tail) if head.kind == SOURCE else (tail, head)
        if sentence.id not in linked.setdefault(source.id, []):
            linked[source.id].append(sentence.id)
    attached: dict[str, list[Region]] = {s.id: [] for s in sentences}
    for region in regions.values():
        if region.kind != SOURCE:
            continue
        targets = linked.get(region.id)
        if not targets:
            around = [s.id for s in sentences if s.start <= region.start < s.end]
            if not around:
                raise ResultError(
                    f"source region {region.id}: no relation to a sentence and in none"
                )
            targets = around
        for target in targets:
            attached[target].append(region)
    return attached


def _source(region: Region, text: str) -> Source:
    return Source(
        text=text[region.start : region.end],
        start=region.start,
        end=region.end,
        name=region.fields.get("source_name"),
        kind=str(region.fields["source_kind"]),
        cue=region.fields.get("source_cue"),
        mode=str(region.fields["source_mode"]),
    )


def document_sentences(result: Any, document: Document) -> list[Sentence]:
    """The sentences an annotation result describes; annotation provenance is left to the caller."""
    regions, relations = read_regions(result, Offsets(document.text))
    ordered = sorted(
        (r for r in regions.values() if r.kind == SENTENCE), key=lambda r: (r.start, r.end)
    )
    _check_cover(ordered, document.text)
    attached = _attach_sources(regions, relations, ordered)
    sentences = []
    for index, region in enumerate(ordered):
        sentence = Sentence(
            doc_id=document.id,
            index=index,
            paragraph=_paragraph(region, document),
            start=region.start,
            end=region.end,
            text=document.text[region.start : region.end],
            claim_type=str(region.fields["claim_type"]),
            verifiability=str(region.fields["verifiability"]),
            sources=[_source(source, document.text) for source in attached[region.id]],
        )
        sentence.annotation.note = region.fields.get(NOTE) or ""
        sentences.append(sentence)
    return sentences
