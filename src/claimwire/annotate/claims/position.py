"""Position cues: a speaker's own commitment, threat, demand or stance (position verbs and words, the
speaker's infinitive, first-person commitments)."""

from __future__ import annotations

from spacy.tokens import Token

from claimwire.annotate.claims.common import has_cue
from claimwire.annotate.clause import is_copular, root_of
from claimwire.annotate.grammar import FIRST_PERSON, norm
from claimwire.annotate.lexicon import claim_cues, cue_set
from claimwire.annotate.types import Attribution, Forecast
from claimwire.annotate.wording import phrase_in


def position_rule(
    tokens: list[Token], reported: Attribution | None, hint: str | None, forecast: Forecast | None
) -> str | None:
    if phrase_in(tokens, claim_cues()["no_comment_phrases"]):
        return None  # "n'a pas souhaité s'exprimer": an act without content (guidelines 15)
    if hint == "position":
        return "position-cue"
    if reported is not None and _speaker_infinitive(reported):
        return "speaker-infinitive"
    # Will and demand words count anywhere in reported content: "il a été très explicite sur le fait
    # qu'il souhaitait ..." states a stance although "souhaitait" sits in a subordinate clause.
    if has_cue(reported.content if reported is not None else tokens, "position"):
        return "position-word"
    if forecast is not None and forecast.kind == "own-act":
        return "own-act"
    if _first_person_commitment(tokens, reported is None):
        return "first-person"
    root = root_of(tokens)
    if root is not None and is_copular(root) and norm(root) in cue_set("stance_adjectives"):
        return "stance-predicate"  # "Marie-Jo Zimmermann est inquiète", "Elles sont favorables"
    return None


def _speaker_infinitive(reported: Attribution) -> bool:
    """ "a indiqué soutenir l'Iran": an infinitive right after the cue has the speaker as subject."""
    if reported.cue is None or not reported.content or reported.content[0].i < reported.cue.end:
        return False
    for token in reported.content[:6]:
        if norm(token) in ("que", "qu'", ":"):
            return False
        if token.pos_ in ("VERB", "AUX"):
            # A perfect infinitive reports a past event ("a annoncé avoir frappé"), not a stance.
            inf = "Inf" in token.morph.get("VerbForm", [])
            return inf and token.lemma_ not in ("avoir", "être")
    return False


def _first_person_commitment(tokens: list[Token], main_only: bool = False) -> bool:
    """ "Nous allons nommer ...", "Je n'ai été contacté par personne": the speaker's own intended
    act or denial. With `main_only` (a quotation no cue attributes), only the subject of the head
    counts, not one in a clause the parse left inside it ("les dangers dont nous n'avons pas ...")."""
    root = root_of(tokens)
    for i, token in enumerate(tokens):
        if norm(token) not in FIRST_PERSON or not token.dep_.startswith("nsubj"):
            continue
        if main_only and token.head != root:
            continue
        after = [norm(t) for t in tokens[i + 1 : i + 4]]
        if after and after[0] in ("ne", "n'"):
            return True
        if after and token.head.lemma_ in ("aller", "vouloir", "devoir", "compter"):
            return True
        if any(t.lemma_ == "aller" for t in tokens[i + 1 : i + 3]):
            return True
    return False
