"""Confidence of the pre-annotator in a sentence's claim_type and verifiability (0-1, 3 decimals).

Deterministic, from the rules themselves: each rule that decides a claim type has a prior (a headline
or a question is near-certain; an `event` chosen only because no cue fired, or an opinion read from
two evaluative words, much less), from which we subtract for what makes the decision fragile:
competing cue families (each rival label; half as much for a weak cue against a default
`event`: one evaluative word, a copular clause, an uncounted figure, a quotation), a future read as a schedule, a conditional read as a
hedge, a sentence inside a quotation of several sentences, a source that is an unresolved pronoun,
a long sentence (the small parser errs more). Annotators review the least confident first.
"""

from __future__ import annotations

from spacy.tokens import Span

from claimwire.annotate.claims import ClaimDecision
from claimwire.annotate.sources import Attribution

# Prior of each deciding rule (names from `claims.decide`).
_PRIOR = {
    "headline": 0.95,
    "question": 0.95,
    "boilerplate": 0.95,
    "verbless": 0.65,
    "verbless-evaluative": 0.6,
    "verbless-count": 0.6,
    "verbless-rule": 0.6,
    "verbless-continuation": 0.55,
    "verbless-schedule": 0.6,
    "verbless-adjective": 0.6,
    "instruction": 0.6,
    "exclamation": 0.7,
    "opinion-cue": 0.85,
    "opinion-phrase": 0.8,
    "normative": 0.6,
    "opinion-verb": 0.75,
    "evaluative-predicate": 0.7,
    "evaluative-words": 0.55,
    "evaluative-head": 0.6,
    "characterising-cue": 0.7,
    "characterising-phrase": 0.65,
    "quoted-predicate": 0.65,
    "opinion-about-future": 0.7,
    "position-cue": 0.85,
    "speaker-infinitive": 0.8,
    "position-word": 0.7,
    "own-act": 0.75,
    "first-person": 0.65,
    "stance-predicate": 0.65,
    "rule": 0.7,
    "rule-text": 0.65,
    "forecast": 0.75,
    "hypothetical": 0.6,
    "counterfactual": 0.65,
    "causal": 0.65,
    "quantity": 0.75,
    "default": 0.75,
    "model": 0.6,
}
_PRONOUNS = frozenset({"il", "elle", "ils", "elles", "on", "lui", "eux"})
_LONG_SENTENCE = 40


def confidence(
    decision: ClaimDecision,
    hedge: str | None,
    sent: Span | None,
    attributions: list[Attribution],
    shared_quote: bool,
) -> float:
    """The sentence's confidence, rounded to 3 decimals."""
    score = _PRIOR.get(decision.rule, 0.6)
    if decision.label == "none" and decision.rule in ("headline", "question", "boilerplate"):
        return round(score, 3)
    score -= 0.1 * len(decision.rivals) + 0.05 * len(decision.weak_cues)
    if decision.forecast is not None and decision.forecast.kind == "scheduled":
        score -= 0.1  # a future read as a schedule may be a forecast
    if hedge == "conditional":
        score -= 0.05  # journalistic conditional or hypothetical?
    if shared_quote:
        score -= 0.1  # a sentence in the middle of a long quotation
    if any(_unresolved_pronoun(a) for a in attributions):
        score -= 0.1
    if sent is not None and len(sent) > _LONG_SENTENCE:
        score -= 0.1
    return round(min(0.99, max(0.05, score)), 3)


def _unresolved_pronoun(attribution: Attribution) -> bool:
    words = [t.lower_.lstrip("-") for t in attribution.mention]
    return len(words) == 1 and words[0] in _PRONOUNS and attribution.referent.name is None
