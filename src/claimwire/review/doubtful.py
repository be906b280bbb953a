"""The auto sentences to review first: lowest pre-annotation confidence first, located by file:line.

Annotators who correct the least certain sentences first fix the most errors per hour (on the
held-out gold, half the sentences below 0.65 are wrong and none above 0.85), and those corrections are
what `claimwire train` learns most from. A sentence without a confidence (written before there was
one) comes after every scored one.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

import orjson

from claimwire.corpus.store import Corpus
from claimwire.records import Sentence


@dataclass(frozen=True, slots=True)
class Doubtful:
    """One auto sentence to review, where it is and what the tool said."""

    path: str
    line: int
    id: str
    confidence: float | None
    claim_type: str
    verifiability: str
    sources: list[str]  # each source's name (else its mention)
    text: str

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def lowest_confidence(sentences: list[Sentence]) -> float:
    """A document's doubt: the lowest confidence of its auto sentences (1.0 when none is auto or
    scored). Label Studio tasks and the review site put the lowest first."""
    scores = [
        s.confidence
        for s in sentences
        if s.annotation.status == "auto" and s.confidence is not None
    ]
    return min(scores, default=1.0)


def doubtful_sentences(corpus: Corpus, root: Path, limit: int | None = None) -> list[Doubtful]:
    """The corpus's auto sentences, least confident first (then by file and line); paths relative to
    `root` where they lie inside it."""
    found = []
    for sentences in corpus.sentences.values():
        for s in sentences:
            if s.annotation.status != "auto":
                continue
            path, line = corpus.locations[s.id]
            shown = path.relative_to(root) if path.is_relative_to(root) else path
            found.append(
                Doubtful(
                    shown.as_posix(),
                    line,
                    s.id,
                    s.confidence,
                    s.claim_type,
                    s.verifiability,
                    [src.name or src.text for src in s.sources],
                    s.text,
                )
            )
    found.sort(key=lambda d: (d.confidence is None, d.confidence or 0.0, d.path, d.line))
    return found if limit is None else found[:limit]


def render_text(found: list[Doubtful]) -> str:
    lines = []
    for d in found:
        score = "  -  " if d.confidence is None else f"{d.confidence:.3f}"
        sources = f" [{'; '.join(d.sources)}]" if d.sources else ""
        lines.append(
            f"{d.path}:{d.line}: {score} {d.claim_type}/{d.verifiability}{sources}: {d.text}"
        )
    return "".join(line + "\n" for line in lines)


def render_json(found: list[Doubtful]) -> str:
    return orjson.dumps([d.to_dict() for d in found], option=orjson.OPT_INDENT_2).decode() + "\n"
