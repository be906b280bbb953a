"""Confidence of the pre-annotator in a sentence's claim_type and verifiability (0-1, 3 decimals).

Deterministic, from the rules themselves: each rule that decides a claim type has a prior
(`lexicons/rule_priors.json`: a headline or a question is near-certain; an `event` chosen only because
no cue fired, or an opinion read from two evaluative words, much less), from which we subtract for what
makes the decision fragile: competing cue families (each rival label; half as much for a weak cue
against a default `event`: one evaluative word, a copular clause, an uncounted figure, a quotation), a
future read as a schedule, a conditional read as a hedge, a sentence inside a quotation of several sentences, a source that is an unresolved pronoun,
a long sentence (the small parser errs more). Annotators review the least confident first.
"""

from __future__ import annotations

from spacy.tokens import Span

from claimwire.annotate.grammar import THIRD_PERSON
from claimwire.annotate.lexicon import rule_priors
from claimwire.annotate.types import Attribution, ClaimDecision

_LONG_SENTENCE = 40


def confidence(
    decision: ClaimDecision,
    hedge: str | None,
    sent: Span | None,
    attributions: list[Attribution],
    shared_quote: bool,
) -> float:
    """The sentence's confidence, rounded to 3 decimals."""
    score = rule_priors()[decision.rule]
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
    return len(words) == 1 and words[0] in THIRD_PERSON and attribution.referent.name is None
