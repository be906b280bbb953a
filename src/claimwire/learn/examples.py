"""Training examples: the rules' reading of a sentence as feature strings, with its human labels.

A sentence is parsed and read by the rules exactly as `claimwire convert` does
(`claimwire.annotate.read_sentences`, the corpus's sentence boundaries, no model), and
`classifier.features` turns the reading into strings. The **shipped training data** (the gold dev
part and the sentence bank, read that way by `scripts/train_claims_lr.py --write`) is package data,
`annotate/models/claim_type_training.jsonl.gz`, so `claimwire train` can learn from it wherever
claimwire is installed, without the gold files or a second parse.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import orjson
from spacy.tokens import Doc

from claimwire.annotate import Annotator, read_sentences
from claimwire.annotate.classifier import FINAL_RULES, ClaimModel, features
from claimwire.annotate.verifiability import hedge_reason, verdict_of
from claimwire.corpus.model import pair_label
from claimwire.records import Document, Sentence
from claimwire.schema import label_rules

TRAINING_PATH = "annotate/models/claim_type_training.jsonl.gz"
# Claim types whose verifiability does not depend on a hedge.
_UNHEDGED = frozenset(label_rules().implies)


@dataclass(frozen=True, slots=True)
class Example:
    """One human-labelled sentence as the model sees it."""

    part: str  # where it comes from: "dev", "bank", "fresh" (scored only) or "team"
    group: str  # its document (pseudo-document for the bank): the unit of cross-validation folds
    features: list[str]
    claim_type: str  # the human labels
    verifiability: str
    rule_label: str  # the rules' claim type
    rule: str  # the rule that decided it
    hedge: str | None  # what hedges the claim, as the rules read it (None: nothing)
    text_key: str  # digest of the sentence's text: the same sentence met twice is learnt once

    @property
    def final(self) -> bool:
        """The rules' decision is final (headline, question, boilerplate, empty): no model."""
        return self.rule in FINAL_RULES

    @property
    def pair(self) -> str:
        """The human labels as the model's label (`claim_type/verifiability`)."""
        return pair_label(self.claim_type, self.verifiability)

    def verifiability_of(self, claim_type: str) -> str:
        """The verifiability the rules give this sentence when its claim type is `claim_type`."""
        return verdict_of(claim_type, None if claim_type in _UNHEDGED else self.hedge)

    def predicted(self, model: ClaimModel | None) -> tuple[str, str]:
        """The (claim_type, verifiability) the pipeline gives it with `model` (applied where its
        scope says, as the annotator applies it; None: rules alone)."""
        if model is None or not self.features or not model.applies_to(self.rule):
            return self.rule_label, self.verifiability_of(self.rule_label)
        guess = model.guess(self.features, self.hedge)
        return guess.claim_type, guess.verifiability

    def to_dict(self) -> dict[str, object]:
        return {
            "part": self.part,
            "group": self.group,
            "claim_type": self.claim_type,
            "verifiability": self.verifiability,
            "rule_label": self.rule_label,
            "rule": self.rule,
            "hedge": self.hedge,
            "text_key": self.text_key,
            "features": self.features,
        }


def read_examples(
    part: str, group: str, document: Document, sentences: list[Sentence], doc: Doc
) -> list[Example]:
    """The examples of a document's sentences (their labels as given), from its parsed `doc`."""
    out = []
    for sentence, r in zip(sentences, read_sentences(document, sentences, doc), strict=True):
        feats: list[str] = []
        hedge = None
        if r.clause is not None and r.span is not None:
            hedge = hedge_reason(r.span, r.clause, r.attributions)
            feats = features(r.span, r.clause, r.attributions, r.decision, hedge)
        rule = r.decision.rule if r.clause is not None else "empty"
        out.append(
            Example(
                part,
                group,
                feats,
                sentence.claim_type,
                sentence.verifiability,
                r.decision.label,
                rule,
                hedge,
                text_key(sentence.text),
            )
        )
    return out


FOLDS = 5


def fold_of(group: str, folds: int = FOLDS) -> int:
    """The cross-validation fold of a document (or pseudo-document), from a hash of its id."""
    return int(hashlib.sha256(group.encode("utf-8")).hexdigest(), 16) % folds


def text_key(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]


def parse(annotator: Annotator, items: list[tuple[Document, list[Sentence]]]) -> Iterator[Doc]:
    """The parsed docs of `items`, with the corpus's sentence boundaries imposed (as `convert`)."""
    return annotator.parse(items, batch_size=64)


def examples_of(
    annotator: Annotator, part: str, items: list[tuple[str, Document, list[Sentence]]]
) -> list[Example]:
    """Examples of (group, document, sentences) items, parsed in batches."""
    pairs = [(document, sentences) for _, document, sentences in items]
    found: list[Example] = []
    for (group, document, sentences), doc in zip(items, parse(annotator, pairs), strict=True):
        found += read_examples(part, group, document, sentences, doc)
    return found


def dump_examples(examples: Iterable[Example]) -> bytes:
    """The shipped training data's bytes (JSON lines, uncompressed)."""
    return b"".join(orjson.dumps(e.to_dict()) + b"\n" for e in examples)


def compress(data: bytes) -> bytes:
    """gzip without a timestamp, so the same data gives the same file."""
    return gzip.compress(data, compresslevel=9, mtime=0)


@cache
def shipped_examples() -> tuple[Example, ...]:
    """The shipped training data (package data)."""
    raw = gzip.decompress(files("claimwire").joinpath(TRAINING_PATH).read_bytes())
    return tuple(Example(**orjson.loads(line)) for line in raw.splitlines())
