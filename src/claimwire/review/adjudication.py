"""Adjudication: the sentences two annotators' copies disagree on, written out for a third person to
decide, then applied to the corpus as `adjudicated`.

Sentences are aligned as `claimwire agree` aligns them (same document text, same span: see
`review.agreement`); a sentence is disputed when the copies differ on its claim type, verifiability
or sources. The disputes file is JSON lines, one per sentence: where it is, its text, each copy's
version (`a`, `b`) and `decision`, null until the adjudicator sets it to `"a"` or `"b"` (and may add
a `note`). Applying it gives each decided sentence of the corpus the chosen version, status
`adjudicated`, by the adjudicator; undecided lines are counted and left for later.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import orjson

from claimwire import GUIDELINE_VERSION
from claimwire.corpus.store import Corpus, CorpusError
from claimwire.records import Annotation, Sentence, Source
from claimwire.review.agreement import compared_documents, sentence_spans
from claimwire.review.copies import label_problems
from claimwire.schema import label_rules


@dataclass(slots=True)
class Disputes:
    """The disputed sentences of two copies, and what could not be compared."""

    lines: list[dict[str, Any]] = field(default_factory=list)
    compared: int = 0
    unaligned: int = 0
    documents: int = 0
    text_differs: list[str] = field(default_factory=list)


def _version(sentence: Sentence) -> dict[str, Any]:
    return {
        "by": sentence.annotation.by,
        "status": sentence.annotation.status,
        "claim_type": sentence.claim_type,
        "verifiability": sentence.verifiability,
        "sources": [s.to_dict() for s in sentence.sources],
    }


def _content(sentence: Sentence) -> tuple[Any, ...]:
    sources = sorted(
        (s.start, s.end, s.name or "", s.kind, s.cue or "", s.mode) for s in sentence.sources
    )
    return sentence.claim_type, sentence.verifiability, tuple(sources)


def find_disputes(a: Corpus, b: Corpus, names: tuple[str, str]) -> Disputes:
    """Every aligned sentence on which `a` and `b` differ, in document and offset order."""
    documents, alignment = compared_documents([a, b], list(names))
    spans_a, spans_b = sentence_spans(a, documents), sentence_spans(b, documents)
    disputes = Disputes(documents=len(documents), text_differs=alignment.text_differs)
    disputes.unaligned = len(spans_a.keys() ^ spans_b.keys())
    for span in sorted(spans_a.keys() & spans_b.keys()):
        first, second = spans_a[span], spans_b[span]
        disputes.compared += 1
        if _content(first) == _content(second):
            continue
        doc_id, start, end = span
        disputes.lines.append(
            {
                "doc_id": doc_id,
                "start": start,
                "end": end,
                "text": first.text,
                "a": _version(first),
                "b": _version(second),
                "decision": None,
            }
        )
    return disputes


def disputes_bytes(disputes: Disputes) -> bytes:
    return b"".join(orjson.dumps(line) + b"\n" for line in disputes.lines)


@dataclass(slots=True)
class Applied:
    decided: int = 0
    undecided: int = 0


def apply_decisions(corpus: Corpus, path: Path, adjudicator: str) -> Applied:
    """Give the decided sentences of `corpus` their chosen version (in place); CorpusError, located
    at the disputes file's line, for a line that cannot be applied."""
    applied = Applied()
    by_span = {
        (doc_id, s.start, s.end): (doc_id, i)
        for doc_id, sentences in corpus.sentences.items()
        for i, s in enumerate(sentences)
    }
    for number, raw in enumerate(path.read_bytes().splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            line = orjson.loads(raw)
            decision = line["decision"]
            span = (line["doc_id"], line["start"], line["end"])
        except (orjson.JSONDecodeError, KeyError, TypeError) as exc:
            raise CorpusError(path, number, f"not a disputes line: {exc!r}") from None
        if decision is None:
            applied.undecided += 1
            continue
        if decision not in ("a", "b"):
            raise CorpusError(path, number, f'decision {decision!r}: expected "a", "b" or null')
        if span not in by_span:
            where = f"{span[0]} {span[1]}-{span[2]}"
            raise CorpusError(path, number, f"no sentence {where} in the corpus")
        doc_id, index = by_span[span]
        sentence = corpus.sentences[doc_id][index]
        if sentence.text != line.get("text"):
            raise CorpusError(path, number, "the corpus's sentence has another text")
        chosen = line[decision]
        try:
            sources = [Source(**s) for s in chosen["sources"]]
        except (KeyError, TypeError) as exc:
            raise CorpusError(path, number, f"version {decision}: bad sources: {exc!r}") from None
        other = line["b" if decision == "a" else "a"]
        note = line.get("note") or f"chose {chosen['by']} over {other['by']}"
        decided = replace(
            sentence,
            claim_type=chosen["claim_type"],
            verifiability=chosen["verifiability"],
            sources=sources,
            annotation=Annotation("adjudicated", adjudicator, GUIDELINE_VERSION, note),
        )
        problems = label_problems(decided)
        broken = label_rules().broken(decided.claim_type, decided.verifiability)
        if problems or broken:
            raise CorpusError(path, number, f"version {decision}: {'; '.join(problems) or broken}")
        corpus.sentences[doc_id][index] = decided
        applied.decided += 1
    return applied
