"""Claim type where no rule cue fired: a small logistic regression over the rules' reading and words.

The rules (`claims.decide`) decide wherever one of their cues fires. Where none does, they fall back
to `event` (rule `default`); there a multinomial logistic regression, trained on the gold dev part
and the sentence bank by `scripts/train_claims_lr.py`, picks the label instead. Its features are
strings read from the parsed sentence: the rules' label, rule, rival labels, weak cues and kind of
future; each source's cue lemma and mode; the claim clause's lemmas and lemma bigrams (numbers as
`<num>`), its head's lemma, part of speech, morphology and dependents; verb mood, tense and person;
the final punctuation. The weights ship as package data (`models/claim_type.json`); inference sums
the weight rows of the sentence's features in sorted order, so the same sentence always gets the
same label and probability.

A corpus may carry its own model, trained by `claimwire train` on its human sentences
(`claimwire.learn`): same features and format, plus its `scope` (`default`: where no cue fired, as
the shipped one; `all`: wherever the rules' decision is not final). `identity` names the model in
the provenance of every sentence it pre-annotates.

Measured on 2026-11-26 on the gold's fresh part (validation split of `corpus/`, 16 dispatches by other authors, used for no rule
and no training): rules alone claim-type macro-F1 0.626, with the model where no cue fired 0.668.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy
import orjson
from spacy.tokens import Span, Token

from claimwire.annotate.clause import ClaimClause
from claimwire.annotate.types import Attribution, ClaimDecision
from claimwire.corpus.model import SHIPPED_MODEL, model_identity, shipped_model_bytes

MODEL_PATH = SHIPPED_MODEL
# The only rule the shipped model replaces: no cue fired, `event` by default.
REPLACED_RULE = "default"
# Rules whose decision is final, never handed to a model: the text's shape decides them.
FINAL_RULES = frozenset({"headline", "question", "boilerplate", "empty"})
SCOPES = ("default", "all")
_MORPH = ("Mood", "Tense", "Person", "VerbForm", "Polarity")
_LONG = 30


@dataclass(frozen=True, slots=True)
class Guess:
    label: str
    probability: float


class ClaimModel:
    """Per-label weights of each feature (one row per feature), a bias per label."""

    def __init__(
        self,
        labels: list[str],
        bias: list[float],
        weights: dict[str, list[float]],
        scope: str = "default",
        identity: str = "",
    ):
        if scope not in SCOPES:
            raise ValueError(f"unknown model scope {scope!r} (expected one of {', '.join(SCOPES)})")
        self.scope = scope
        self.identity = identity
        self.labels = labels
        self.bias = numpy.array(bias, dtype=numpy.float64)
        self.index = {feature: i for i, feature in enumerate(sorted(weights))}
        self.matrix = numpy.array([weights[f] for f in sorted(weights)], dtype=numpy.float64)
        self.matrix = self.matrix.reshape(len(weights), len(labels))

    def guess(self, feats: list[str]) -> Guess:
        rows = sorted({self.index[f] for f in feats if f in self.index})
        totals = self.bias + self.matrix[rows].sum(axis=0)
        best = int(totals.argmax())  # the first of equal scores, in label order
        probability = 1.0 / float(numpy.exp(totals - totals[best]).sum())
        return Guess(self.labels[best], probability)

    def applies_to(self, rule: str) -> bool:
        """Whether the model decides a sentence the rules decided by `rule`."""
        if self.scope == "default":
            return rule == REPLACED_RULE
        return rule not in FINAL_RULES


def read_model(data: bytes, origin: str) -> ClaimModel:
    """A model from its file's bytes; ValueError (or KeyError) if they are not a model."""
    raw = orjson.loads(data)
    return ClaimModel(
        raw["labels"],
        raw["bias"],
        raw["weights"],
        raw.get("scope", "default"),
        model_identity(origin, data),
    )


@cache
def load_model() -> ClaimModel:
    """The shipped model (package data)."""
    return read_model(shipped_model_bytes(), "shipped")


def features(
    sent: Span, clause: ClaimClause, attributions: list[Attribution], decision: ClaimDecision
) -> list[str]:
    """The model's features of one sentence, as strings (sorted, no duplicates)."""
    found = {f"rule={decision.label}", f"why={decision.rule}"}
    found.update(f"rival={r}" for r in decision.rivals)
    found.update(f"weak={w}" for w in decision.weak_cues)
    if decision.forecast is not None:
        found.add(f"future={decision.forecast.kind}")
    for attribution in attributions:
        found.add(f"mode={attribution.mode}")
        found.add("subordinate" if attribution.subordinate else "attributed")
        if attribution.cue is not None:
            found.add(f"cue={_lemma(attribution.cue.root)}")
        if attribution.conditional_cue:
            found.add("cue-cnd")
    text = sent.text.strip()
    found.add(f"end={text[-1:]}")
    if len(sent) > _LONG:
        found.add("long")
    tokens = [t for t in clause.tokens if not t.is_space] or [t for t in sent if not t.is_space]
    head = _head(tokens)
    if head is not None:
        found.add(f"head={_lemma(head)}")
        found.add(f"headpos={head.pos_}")
        found.update(f"head{k}={v}" for k in _MORPH for v in head.morph.get(k, []))
        found.update(f"headdep={c.dep_}" for c in head.children)
    previous = "<s>"
    for token in tokens:
        word = _word(token)
        found.add(f"w={word}")
        found.add(f"b={previous}_{word}")
        previous = word
        if token.pos_ in ("VERB", "AUX"):
            found.update(
                f"v{k}={v}" for k in ("Mood", "Tense", "Person") for v in token.morph.get(k, [])
            )
    return sorted(found)


def _head(tokens: list[Token]) -> Token | None:
    inside = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i == t.i or t.head.i not in inside), None)


def _word(token: Token) -> str:
    if token.like_num or token.pos_ == "NUM":
        return "<num>"
    return _lemma(token)


def _lemma(token: Token) -> str:
    return (token.lemma_ or token.text).lower()
