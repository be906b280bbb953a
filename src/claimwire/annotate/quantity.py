"""quantity: whether the figure is the point of a claim clause (a percentage, an amount, a count as
subject or object of the main verb, a measure, a comparison, a ranking), not a date, a time, an age
or a duration (guidelines 2, "Quantity or event")."""

from __future__ import annotations

import re

from spacy.tokens import Token

from claimwire.annotate.clause import depth_to, is_copular, is_sentenced, root_of
from claimwire.annotate.grammar import is_punct, norm
from claimwire.annotate.lexicon import claim_cues, cue_set
from claimwire.annotate.wording import phrase_in, words_of

# -- quantity --------------------------------------------------------------------------------------


def is_numeric(token: Token) -> bool:
    return token.like_num or token.pos_ == "NUM" or norm(token) in cue_set("quantity_words")


def is_quantity(tokens: list[Token]) -> bool:
    """The figure is the point: a percentage or an amount, a count as subject or object of the main
    verb, the object of a verb of measure, a ranking, a comparison. Not a date, a time, an age or a
    duration."""
    cues = claim_cues()
    if phrase_in(tokens, cues["superlative_phrases"]) or phrase_in(
        tokens, cues["comparison_phrases"]
    ):
        return True
    root = root_of(tokens)
    if root is not None and is_sentenced(root):
        return False  # the ruling as news (guidelines, rule or event): the fine is its detail
    if root is not None and _factor_verb(root):
        return True  # "le nombre de plaintes a triplé"
    if phrase_in(tokens, cues["estimate_phrases"]) and any(t.like_num for t in tokens):
        return True  # "une valeur estimée à 200.000 euros"
    if root is not None and is_copular(root):
        ranks = cue_set("ranks")
        pairs = zip(tokens, words_of(tokens), strict=True)
        if any(w in ranks and root in (t, t.head) for t, w in pairs):
            return True  # "C'est la deuxième ville de la région", "sont les premiers depuis"
    if _ratio(tokens):
        return True  # "un patient sur cinq attend plus de huit heures"
    measures = [t for t in tokens if t.pos_ in ("VERB", "AUX") and _measure_verb(t)]
    if any(_bounded_count(tokens, k, root) for k in range(len(tokens))):
        return True
    for k, token in enumerate(tokens):
        if is_punct(token) or not is_numeric(token) or not counts(tokens, k):
            continue
        noun = token.head if token.dep_ == "nummod" else token
        following = norm(tokens[k + 1]) if k + 1 < len(tokens) else ""
        unit = following in cue_set("quantity_units") or norm(noun) in cue_set("quantity_units")
        unit = unit or _scaled_unit(tokens, k)
        # A count of people inside a noun phrase ("l'école des deux victimes") only locates.
        if unit and depth_to(noun, root) <= 2 and not _counted_in_noun_phrase(noun):
            return True
        if norm(token) in cue_set("vague_quantities"):
            # "a fait des milliers de morts", not "Des centaines d'entre eux se sont rassemblés".
            if noun.dep_ == "obj" and noun.head in measures:
                return True
            continue
        # "Vingt-six tableaux pour ...", "Trois personnes sont mortes"; not a small count of actors
        # that only introduces them ("Deux frères participent à la bataille").
        subject = noun == root or (noun.dep_.startswith("nsubj") and noun.head == root)
        if subject and not _introduces(token, noun):
            return True
        if any(depth_to(noun, verb) <= 2 and _under(noun, verb) for verb in measures):
            return True
    return False


def _introduces(number: Token, noun: Token) -> bool:
    """A small count written in words on a noun that is no unit of a toll or measure."""
    return (
        norm(number) in cue_set("small_counts")
        and noun != number
        and norm(noun) not in cue_set("quantity_units")
        and noun.head.pos_ in ("VERB", "AUX")
        and not _measure_verb(noun.head)
    )


def _ratio(tokens: list[Token]) -> bool:
    """ "un sur cinq", "trois sur quatre", "un accident mortel sur trois": a proportion."""
    for k, token in enumerate(tokens[:-1]):
        if norm(token) != "sur" or not (tokens[k + 1].like_num or tokens[k + 1].pos_ == "NUM"):
            continue
        if any(t.like_num or norm(t) in ("un", "une") for t in tokens[max(0, k - 3) : k]):
            return True
    return False


def _scaled_unit(tokens: list[Token], k: int) -> bool:
    """ "1,5 milliard d'euros", "trois millions de dollars": a unit after a scale word and "de"."""
    words = [norm(t) for t in tokens[k + 1 : k + 4]]
    return (
        len(words) == 3
        and words[0] in cue_set("quantity_words")
        and words[1] in ("de", "d'")
        and words[2] in cue_set("quantity_units")
    )


def _bounded_count(tokens: list[Token], k: int, root: Token | None) -> bool:
    """A count the clause bounds, which makes it the point: "il ne reste que trois clairons",
    "élevait jusqu'à 120 pigeons". Not a date, a time or a duration ("jusqu'à 18 h", "jusqu'en
    1980"), and not a count deep inside a noun phrase."""
    token = tokens[k]
    if k < 2 or not token.like_num or norm(token) in ("un", "une"):
        return False
    before = (norm(tokens[k - 2]), norm(tokens[k - 1]))
    restrictive = before[1] in ("que", "qu'") and any(norm(t) in ("ne", "n'") for t in tokens[:k])
    if not (restrictive or before == ("jusqu'", "à")):
        return False
    following = norm(tokens[k + 1]) if k + 1 < len(tokens) else ""
    if following in cue_set("not_quantity_after") or re.fullmatch(r"\d+h\d*", norm(token)):
        return False
    if token.text.isdigit() and len(token.text) == 4:
        return False  # a year
    noun = token.head if token.dep_ == "nummod" else token
    return depth_to(noun, root) <= 2


def _counted_in_noun_phrase(noun: Token) -> bool:
    return noun.dep_ == "nmod" and noun.head.pos_ == "NOUN" and norm(noun) in cue_set("people")


def _factor_verb(root: Token) -> bool:
    verbs = cue_set("factor_verbs")
    return root.lemma_.lower() in verbs or norm(root) in verbs


def _measure_verb(token: Token) -> bool:
    verbs = cue_set("quantity_verbs")
    return token.lemma_.lower() in verbs or norm(token) in verbs


def _under(token: Token, ancestor: Token) -> bool:
    return token == ancestor or ancestor in token.ancestors


def counts(tokens: list[Token], k: int) -> bool:
    """Whether a numeric token counts something (not "un", a year, a date, a time, an age)."""
    token = tokens[k]
    text = norm(token)
    if text in ("un", "une") or (token.pos_ == "DET" and text not in cue_set("quantity_words")):
        return False
    if token.text.isdigit() and len(token.text) == 4 and 1800 <= int(token.text) <= 2100:
        return False
    following = norm(tokens[k + 1]) if k + 1 < len(tokens) else ""
    if following in cue_set("not_quantity_after") or re.fullmatch(r"\d+h\d*", text):
        return False
    previous = norm(tokens[k - 1]) if k > 0 else ""
    return previous not in cue_set("not_quantity_before") or following in cue_set("quantity_units")
