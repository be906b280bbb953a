"""What several cue families ask of a clause: its cue words, reflexive lemmas, the first person,
and the reporting verb's own cue lexicons."""

from __future__ import annotations

from spacy.tokens import Token

from claimwire.annotate.clause import is_sentenced
from claimwire.annotate.grammar import REFLEXIVE_CLITICS, norm
from claimwire.annotate.lexicon import claim_cues, cue_set
from claimwire.annotate.types import Attribution
from claimwire.annotate.wording import phrase_in, words_of


def cue_says(reported: Attribution | None, lexicon: str) -> bool:
    """Whether the reporting cue itself is a cue word ("a imputé", "prévoit")."""
    if reported is None or reported.cue is None:
        return False
    words = cue_set(lexicon)
    return any(t.lemma_.lower() in words or norm(t) in words for t in reported.cue)


def has_cue(tokens: list[Token], kind: str) -> bool:
    """Whether a family's lemmas (`<kind>_lemmas`, not sentenced, not passive) or phrases occur."""
    lemmas = cue_set(f"{kind}_lemmas")
    pairs = zip(tokens, words_of(tokens), strict=True)
    if any(
        (t.lemma_ in lemmas or w in lemmas or reflexive_lemma(t) in lemmas)
        and not is_sentenced(t)
        and not is_passive(t)
        for t, w in pairs
    ):
        return True
    return phrase_in(tokens, claim_cues().get(f"{kind}_phrases", []))


def reflexive_lemma(token: Token) -> str:
    """ "s'engager" for "s'est engagée", "se réjouir" for "je me réjouis" (lexicon entries of pronominal
    verbs carry their clitic); "" when the verb has no reflexive clitic."""
    if token.pos_ != "VERB" or not any(
        c.dep_.startswith("expl") and norm(c) in REFLEXIVE_CLITICS for c in token.children
    ):
        return ""
    lemma = token.lemma_.lower()
    return f"s'{lemma}" if lemma[:1] in "aeéèêiouyh" else f"se {lemma}"


def is_passive(token: Token) -> bool:
    """A passive participle ("sont appelés aux urnes", "est appelée craquelage", "accusé d'avoir",
    "sont invités à"): the subject undergoes the demand or the name, it does not state a stance."""
    if token.pos_ not in ("VERB", "ADJ") or "Part" not in token.morph.get("VerbForm", []):
        return False
    if any(c.dep_ == "aux:pass" for c in token.children):
        # "Il vous est demandé de régler ...": an impersonal passive still makes the demand.
        return not any(
            c.dep_.startswith(("expl", "nsubj")) and norm(c) == "il" for c in token.children
        )
    if token.dep_ in ("acl", "amod"):
        return True
    # A participle heading the clause without an auxiliary: "Accusé d'avoir ...".
    return token.dep_ == "ROOT" and not any(c.dep_ in ("aux", "aux:tense") for c in token.children)
