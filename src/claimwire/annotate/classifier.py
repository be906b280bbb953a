"""Claim type and verifiability: a logistic regression over both at once, reading the rules' reading.

The rules (`claims.decide`) read every sentence. The shipped model (scope `default`) decides where
no rule cue fired (rule `default`); a model of scope `all` decides every sentence whose shape does
not settle it (`FINAL_RULES`: headline, question, boilerplate), with the rules' label, rule and
cues among its features (`scripts/train_claims_lr.py` compares both). It is a multinomial logistic regression trained on the gold dev part and the
sentence bank. Its labels are the
(claim_type, verifiability) pairs the label rules allow (`corpus.model.pair_labels`), so
verifiability is learnt with the claim type, not derived after it, and the pair it gives never
breaks the rules. Its features are strings read from the parsed sentence: the rules' label, rule,
rival labels, weak cues, kind of future and what hedges the claim; each source's cue lemma and mode;
the claim clause's lemmas and lemma bigrams (numbers as `<num>`), the clusters of its words in
fr_core_news_md's vector space (`wordclusters`: what carries « incroyable » over to « formidable »),
its dependency arcs (part of speech, relation, head's part of speech), the adjectives the
subjectivity lexicon rates evaluative, its head's lemma, clusters, part of speech, morphology and
dependents; verb mood, tense and person; first or second person in the sentence; whose conditional
it is (the writer's, or a reported speaker's under a past reporting verb); the final punctuation.
The weights ship as package data (`models/claim_type.json`); inference sums the weight rows of the
sentence's features in sorted order, so the same sentence always gets the same labels. The model's
probability of the pair, calibrated by a temperature fitted on out-of-fold predictions of real text
(`claimwire.learn.calibration`), is the sentence's confidence where the model decides.

A corpus may carry its own model, trained by `claimwire train` on its human sentences
(`claimwire.learn`): same features and format, plus its `scope` (`default`: where no cue fired, as
the shipped one; `all`: wherever the rules' decision is not final). `identity` names the model in
the provenance of every sentence it pre-annotates. Figures: `scripts/train_claims_lr.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy
import orjson
from spacy.tokens import Span, Token

from claimwire.annotate.clause import ClaimClause
from claimwire.annotate.lexicon import subjective_adjectives
from claimwire.annotate.tense import is_conditional_form
from claimwire.annotate.types import Attribution, ClaimDecision
from claimwire.annotate.wordclusters import clusters_of
from claimwire.corpus.model import SHIPPED_MODEL, model_identity, shipped_model_bytes, split_pair

MODEL_PATH = SHIPPED_MODEL
# The only rule the shipped model replaces: no cue fired, `event` by default.
REPLACED_RULE = "default"
# Rules whose decision is final, never handed to a model: the text's shape decides them.
FINAL_RULES = frozenset({"headline", "question", "boilerplate", "empty"})
SCOPES = ("default", "all")
_MORPH = ("Mood", "Tense", "Person", "VerbForm", "Polarity")
_LONG = 30
# Feature names of a word's coarse and fine cluster (`wordclusters`).
_GRAINS = ("c", "C")


@dataclass(frozen=True, slots=True)
class Guess:
    claim_type: str
    verifiability: str
    probability: float  # calibrated probability of the pair (claim_type, verifiability)

    @property
    def label(self) -> str:
        return self.claim_type


class ClaimModel:
    """Per-label weights of each feature (one row per feature), a bias per label, over the pairs of
    `pair_labels`; `temperature` calibrates its probabilities (fitted on out-of-fold predictions)."""

    def __init__(
        self,
        labels: list[str],
        bias: list[float],
        weights: dict[str, list[float]],
        scope: str = "default",
        identity: str = "",
        temperature: float = 1.0,
    ):
        if scope not in SCOPES:
            raise ValueError(f"unknown model scope {scope!r} (expected one of {', '.join(SCOPES)})")
        self.scope = scope
        self.identity = identity
        self.labels = labels
        self.temperature = temperature
        self.pairs = [split_pair(label) for label in labels]
        self.bias = numpy.array(bias, dtype=numpy.float64)
        self.index = {feature: i for i, feature in enumerate(sorted(weights))}
        self.matrix = numpy.array([weights[f] for f in sorted(weights)], dtype=numpy.float64)
        self.matrix = self.matrix.reshape(len(weights), len(labels))

    def scores(self, feats: list[str]) -> numpy.ndarray:
        """The label scores (logits, before the temperature) of a sentence's features."""
        rows = sorted({self.index[f] for f in feats if f in self.index})
        return self.bias + self.matrix[rows].sum(axis=0)

    def guess(self, feats: list[str], hedge: str | None = None) -> Guess:
        """The most probable pair (the first of equal scores, in label order) with its calibrated
        probability (`decide`); the temperature never changes which pair wins."""
        totals = self.scores(feats) / self.temperature
        p = numpy.exp(totals - totals.max())
        return decide(p / p.sum(), self.pairs, hedge)

    def applies_to(self, rule: str) -> bool:
        """Whether the model decides a sentence the rules decided by `rule`."""
        if self.scope == "default":
            return rule == REPLACED_RULE
        return rule not in FINAL_RULES


def decide(p: numpy.ndarray, pairs: list[tuple[str, str]], hedge: str | None) -> Guess:
    """The pair of highest probability `p`; where the rules see a hedge (`hedge`, a conditional, a
    hedge word) and the pair says `verifiable`, `hedged` instead, with the claim type's probability
    (its pairs' sum): hedged sentences are too rare in the training data (2 %) for the model to
    learn them as surely as the rules' cues find them."""
    best = int(p.argmax())
    claim_type, verifiability = pairs[best]
    if hedge is not None and verifiability == "verifiable" and (claim_type, "hedged") in pairs:
        total = sum(float(q) for q, (c, _) in zip(p, pairs, strict=True) if c == claim_type)
        return Guess(claim_type, "hedged", total)
    return Guess(claim_type, verifiability, float(p[best]))


def read_model(data: bytes, origin: str) -> ClaimModel:
    """A model from its file's bytes; ValueError (or KeyError) if they are not a model."""
    raw = orjson.loads(data)
    return ClaimModel(
        raw["labels"],
        raw["bias"],
        raw["weights"],
        raw.get("scope", "default"),
        model_identity(origin, data),
        raw.get("temperature", 1.0),
    )


@cache
def load_model() -> ClaimModel:
    """The shipped model (package data)."""
    return read_model(shipped_model_bytes(), "shipped")


def features(
    sent: Span,
    clause: ClaimClause,
    attributions: list[Attribution],
    decision: ClaimDecision,
    hedge: str | None,
) -> list[str]:
    """The model's features of one sentence, as strings (sorted, no duplicates)."""
    found = {f"rule={decision.label}", f"why={decision.rule}"}
    if hedge is not None:
        found.add(f"hedge={hedge}")
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
        found.update(f"h{g}={c}" for g, c in zip(_GRAINS, clusters_of(_lemma(head)), strict=False))
    previous = "<s>"
    evaluative = 0
    for token in tokens:
        word = _word(token)
        found.add(f"w={word}")
        found.add(f"b={previous}_{word}")
        previous = word
        if token.pos_ in ("VERB", "AUX"):
            found.update(
                f"v{k}={v}" for k in ("Mood", "Tense", "Person") for v in token.morph.get(k, [])
            )
        if token.is_punct:
            continue
        found.add(f"d={token.pos_}:{token.dep_}:{token.head.pos_}")
        found.update(f"{g}={c}" for g, c in zip(_GRAINS, clusters_of(word), strict=False))
        if token.pos_ == "ADJ" and token.lower_ in subjective_adjectives():
            evaluative += 1
            found.add(f"subj={token.dep_}")
    if evaluative:
        found.add(f"subj#{min(evaluative, 2)}")
    found.update(_voice(sent, clause))
    return sorted(found)


def _voice(sent: Span, clause: ClaimClause) -> set[str]:
    """Who speaks: first or second person in the sentence, and whose conditional it is (reported
    speech turns a future into a conditional; the writer's own conditional hedges or forecasts)."""
    found = set()
    for token in sent:
        for person in token.morph.get("Person", []):
            if person in ("1", "2") and token.pos_ in ("PRON", "VERB", "AUX"):
                found.add(f"person{person}")
    if any(is_conditional_form(t) for t in clause.tokens):
        reported = clause.reported_by
        if reported is None:
            found.add("cnd=own")
        else:
            found.add(f"cnd={'past-' if reported.past_cue else ''}{reported.mode}")
    return found


def _head(tokens: list[Token]) -> Token | None:
    inside = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i == t.i or t.head.i not in inside), None)


def _word(token: Token) -> str:
    if token.like_num or token.pos_ == "NUM":
        return "<num>"
    return _lemma(token)


def _lemma(token: Token) -> str:
    return (token.lemma_ or token.text).lower()
