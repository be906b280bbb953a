"""Causal cues: a cause or an explanation stated as such (causal lemmas and phrases)."""

from __future__ import annotations

from spacy.tokens import Token

from claimwire.annotate.lexicon import claim_cues, cue_set
from claimwire.annotate.tense import is_conditional_form
from claimwire.annotate.types import Forecast
from claimwire.annotate.wording import phrase_in


def hedged_explanation(tokens: list[Token], forecast: Forecast | None) -> bool:
    """ "il pourrait s'expliquer par la présence des CRS", "pourrait être dû à": an explanation of
    what happened, put forward with reserve (a hedged causal claim, guidelines 3), not a forecast."""
    if forecast is None or not is_conditional_form(forecast.token):
        return False
    return phrase_in(tokens, claim_cues()["explanation_phrases"])


def is_causal(tokens: list[Token]) -> bool:
    if phrase_in(tokens, ("il n' empêche", "n' empêche que")):
        return False  # "Il n'empêche que ...": a concession ("all the same"), not a prevention
    if phrase_in(tokens, claim_cues()["causal_phrases"]):
        return True
    lemmas = cue_set("causal_lemmas")
    return any(t.pos_ == "VERB" and t.lemma_.lower() in lemmas for t in tokens)
