"""What the future and the conditional of a claim clause mean (guidelines hard cases 2, 5, 17).

The same form says different things: "sera organisée samedi" (agency voice) is a schedule, an
`event`; "ces épisodes seront plus fréquents, selon des climatologues" is a forecast; "qu'il
riposterait" under "a répété" is the speaker's own act (concordance of tenses); "pourrait cibler"
forecasts; "ferait flamber les prix" and "si ..." are hypotheticals; "aurait permis de" is a
counterfactual; any other conditional in the agency's voice is the journalistic conditional, a hedge.
"""

from __future__ import annotations

import unicodedata

from spacy.symbols import AUX, VERB
from spacy.tokens import Token

from claimwire.annotate.grammar import (
    SUBJECT_PRONOUNS,
    is_conditional,
    is_future,
    norm,
)
from claimwire.annotate.lexicon import claim_cues, cue_set, kind_of_noun
from claimwire.annotate.types import Attribution, Forecast
from claimwire.annotate.wording import phrase_in, words_of

_MODALS = frozenset({"devoir", "pouvoir"})
_CONDITIONAL_ENDINGS = ("aient", "ait", "ais", "ions", "iez")


# What `is_conditional_form` decided for each (form, lemma, morphology) of a verb: the rules ask
# about the same tokens many times per sentence, and the answer depends on nothing else.
_CONDITIONAL_FORMS: dict[tuple[int, int, int, int], bool] = {}


def is_conditional_form(token: Token) -> bool:
    """Conditional by grammar's rules, or a regular verb whose stem changes its accent
    ("élèverait" from "élever"), which the small model tags as an imperfect."""
    if token.pos not in (VERB, AUX):
        return False
    key = (token.pos, token.lower, token.lemma, hash(token.morph))  # the analysis's own key
    found = _CONDITIONAL_FORMS.get(key)
    if found is None:
        found = _CONDITIONAL_FORMS[key] = _conditional_form(token)
    return found


def _conditional_form(token: Token) -> bool:
    if is_conditional(token):
        return True
    if token.pos_ not in ("VERB", "AUX"):
        return False
    form, lemma = _plain(token.lower_), _plain(token.lemma_.lower())
    stem = lemma[:-1] if lemma.endswith("re") else lemma
    return lemma.endswith(("er", "ir", "re")) and any(
        form.endswith(e) and form[: -len(e)] == stem for e in _CONDITIONAL_ENDINGS
    )


def _plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def find_forecast(tokens: list[Token], reported: Attribution | None) -> Forecast | None:
    """The first verb of the clause in the future or the conditional, classified; else a forecast
    word ("prévoit", "risque", "d'ici 2050") as a forecast; else None."""
    concordance = reported is not None and reported.past_cue and reported.mode != "according_to"
    hypothetical = _hypothetical(tokens)
    cue = _forecast_cue(tokens)
    for k, token in enumerate(tokens):
        if is_conditional_form(token) and not concordance:
            return Forecast(_conditional_kind(token, hypothetical or _if_clause(token)), token)
        if (
            is_future(token)
            or _near_future(tokens, k)
            or (concordance and is_conditional_form(token))
        ):
            return Forecast(_future_kind(token, reported, cue, hypothetical), token)
    if cue:
        return Forecast("forecast", tokens[0])
    return None


def _conditional_kind(token: Token, hypothetical: bool) -> str:
    participle = token.head if token.head.i > token.i else None
    if participle is not None and norm(participle) in cue_set("counterfactual_participles"):
        return "counterfactual"  # "Ce prêt aurait permis de relancer la production"
    if token.lemma_.lower() in _MODALS:
        return "forecast"  # "Pékin pourrait cibler le cognac"
    causative = token.lemma_ == "faire" and (
        any(c.dep_ == "xcomp" and _infinitive(c) for c in token.children)
        or (token.dep_.startswith("aux") and _infinitive(token.head))
    )
    return "hypothetical" if hypothetical or causative else "hedge"


def _infinitive(token: Token) -> bool:
    return "Inf" in token.morph.get("VerbForm", []) or token.lower_.endswith(("er", "ir", "re"))


def _future_kind(token: Token, reported: Attribution | None, cue: bool, hypothetical: bool) -> str:
    if cue or _forecasting_cue(reported):
        return "forecast"  # "L'Insee prévoit que le chômage atteindra 8 %"
    if reported is not None and reported.mode != "according_to" and _actor_subject(token):
        # "Téhéran a répété qu'il riposterait", "« Nous riposterons si ... »", "Le groupe fermera
        # le site, a annoncé sa direction": the speaker's (or its side's) own act, even hypothetical.
        return "own-act"
    if reported is not None or hypothetical:
        return "forecast"
    return "scheduled"  # agency voice: "La soirée sera organisée vendredi"


def _forecasting_cue(reported: Attribution | None) -> bool:
    if reported is None or reported.cue is None:
        return False
    words = cue_set("prediction_lemmas")
    return any(t.lemma_.lower() in words or norm(t) in words for t in reported.cue)


def _near_future(tokens: list[Token], k: int) -> bool:
    """ "aller" in the present followed by an infinitive: "Nous allons nommer"."""
    token = tokens[k]
    if token.lemma_ != "aller" or "Pres" not in token.morph.get("Tense", ["Pres"]):
        return False
    return k + 1 < len(tokens) and "Inf" in tokens[k + 1].morph.get("VerbForm", [])


def _speaker_subject(verb: Token) -> bool:
    """A personal pronoun subject: in reported speech usually the speaker or the speaker's side."""
    head = verb.head if verb.dep_.startswith("aux") else verb
    for v in (verb, head):
        if any(c.dep_.startswith("nsubj") and norm(c) in SUBJECT_PRONOUNS for c in v.children):
            return True
    i = verb.i - 1
    while i >= 0 and norm(verb.doc[i]) in ("ne", "n'", "se", "s'", "y", "en", "le", "la", "les"):
        i -= 1
    return i >= 0 and norm(verb.doc[i]) in SUBJECT_PRONOUNS


def _actor_subject(verb: Token) -> bool:
    """The subject is a pronoun, a name or an actor noun ("le groupe", "le gouvernement"), not a
    thing of the world ("la croissance", "les prix")."""
    if _speaker_subject(verb):
        return True
    head = verb.head if verb.dep_.startswith("aux") else verb
    actors = kind_of_noun()
    for v in (verb, head):
        for child in v.children:
            if child.dep_ == "nsubj" and (child.pos_ == "PROPN" or norm(child) in actors):
                return True
    return False


def _if_clause(verb: Token) -> bool:
    """A "si" clause on the conditional verb, which the main clause leaves out: "Le même phénomène
    se retrouverait aux régionales si chaque liste est subdivisée" is a hypothetical, not a hedge."""
    head = verb.head if verb.dep_.startswith(("aux", "cop")) else verb
    for child in head.children:
        if child.dep_ == "advcl" and any(
            c.dep_ == "mark" and norm(c) in ("si", "s'") for c in child.children
        ):
            return True
    return False


def _hypothetical(tokens: list[Token]) -> bool:
    markers = cue_set("hypothetical_markers")
    pairs = zip(tokens, words_of(tokens), strict=True)
    if any(w in markers and t.pos_ in ("SCONJ", "ADP") for t, w in pairs):
        return True
    return phrase_in(tokens, claim_cues()["hypothetical_phrases"])


def _forecast_cue(tokens: list[Token]) -> bool:
    lemmas = cue_set("prediction_lemmas")
    # "La réunion est prévue lundi" schedules (an event); "prévoit", "prévoient" forecast.
    if any(
        ((t.lemma_ in lemmas or w in lemmas) and not w.startswith("prévu"))
        or (t.pos_ == "VERB" and w.startswith("risqu"))  # "risque de régresser", as a verb
        for t, w in zip(tokens, words_of(tokens), strict=True)
    ):
        return True
    return phrase_in(tokens, claim_cues()["prediction_phrases"])
