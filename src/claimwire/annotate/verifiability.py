"""verifiability: whether a fact-checker could settle the claim with public evidence.

Follows the claim type (none -> not_applicable; opinion and prediction -> unverifiable), then looks
for what withholds commitment (hard case 5): the journalistic conditional on the claim or on its
attribution, vague or unconfirmed sourcing, and hedge words ("présumé", "apparemment"). An anonymous
but specific source ("de source policière", "un diplomate") does not hedge by itself (guidelines 3).
"""

from __future__ import annotations

from spacy.tokens import Span

from claimwire.annotate.clause import ClaimClause
from claimwire.annotate.grammar import norm
from claimwire.annotate.lexicon import claim_cues, cue_set
from claimwire.annotate.tense import is_conditional_form
from claimwire.annotate.types import Attribution
from claimwire.annotate.wording import phrase_in
from claimwire.schema import label_rules


def verifiability(
    claim_type: str, sent: Span, clause: ClaimClause, attributions: list[Attribution]
) -> str:
    """The verifiability label; the contract's consistency rules hold by construction."""
    if label_rules().implies.get(claim_type) is not None:
        return verdict_of(claim_type, None)
    return verdict_of(claim_type, hedge_reason(sent, clause, attributions))


def verdict_of(claim_type: str, hedge: str | None) -> str:
    """The label from the claim type and what hedges it (`hedge_reason`)."""
    implied = label_rules().implies.get(claim_type)
    if implied is not None:
        return implied
    return "hedged" if hedge else "verifiable"


def is_hedged(sent: Span, clause: ClaimClause, attributions: list[Attribution]) -> bool:
    """Whether the text withholds commitment to a claim it could otherwise be held to."""
    return hedge_reason(sent, clause, attributions) is not None


def hedge_reason(sent: Span, clause: ClaimClause, attributions: list[Attribution]) -> str | None:
    """What hedges the claim (a short name, for the confidence), or None."""
    if any(a.conditional_cue and not a.subordinate for a in attributions):
        return "conditional-attribution"  # "auraient dit"
    tokens = list(sent)
    if any(norm(t) in cue_set("hedge_words") for t in tokens):
        return "hedge-word"
    if phrase_in(tokens, claim_cues()["hedge_phrases"]):
        return "hedge-phrase"
    return "conditional" if _conditional_claim(clause) else None


def _conditional_claim(clause: ClaimClause) -> bool:
    """A conditional in the claim hedges it, except under a past reporting verb, where French
    concordance of tenses turns the future into a conditional ("a répété qu'il riposterait")."""
    reported = clause.reported_by
    if reported is not None and reported.mode != "according_to" and reported.past_cue:
        return False
    return any(is_conditional_form(t) for t in clause.tokens)
