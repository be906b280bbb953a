"""Institutions a document names and the state it is about, for the descriptions that refer to them.

Guidelines section 4 (names): a ministry, an agency or a court keeps its own name ("ministère de
l'Intérieur"), a description gets the named entity it refers to ("le ministère", "le prévisionniste"
-> "Météo-France"), and a government named by description gets its state's name ("le gouvernement"
in a French dispatch -> "France"). `Institutions` reads the document once, in one pass over its
tokens, so each mention is resolved without scanning the text again.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from claimwire.annotate.grammar import (
    CLAUSE_OPENERS,
    DEFINITE_ARTICLES,
    DETERMINERS,
    NP_STOPS,
    OF,
    is_finite,
    is_punct,
    norm,
    tokens_text,
)
from claimwire.annotate.lexicon import kind_of_noun, source_kinds

# How far an institution's name may run after its head noun ("Agence internationale de l'énergie").
_MAX_NAME = 8


@dataclass(frozen=True, slots=True)
class Body:
    """An institution the document names: where, its name, its kind, its head noun (lowercase)."""

    offset: int
    name: str
    kind: str
    head: str


def noun_kind(token: Token) -> str | None:
    """Source kind of a noun by its form, then its lemma ("enquêteurs" vs "enquêteur")."""
    table = kind_of_noun()
    return table.get(norm(token)) or table.get(token.lemma_.lower())


def phrase_kind(tokens: list[Token], k: int) -> str | None:
    """Kind of the longest lexicon entry starting at `tokens[k]` ("agence régionale de santé"
    before "agence")."""
    table = kind_of_noun()
    words = [norm(t) for t in tokens[k : k + 5]]
    for n in range(len(words), 1, -1):
        # Hyphenated names come split ("Météo", "-", "France"): the lexicon writes them glued.
        kind = table.get(" ".join(words[:n]).replace(" - ", "-"))
        if kind is not None:
            return kind
    return noun_kind(tokens[k])


def compound(tokens: list[Token], k: int) -> list[Token]:
    """The hyphenated word starting at `tokens[k]` ("Météo-France"), or just that token."""
    end = k + 1
    while (
        end + 1 < len(tokens)
        and tokens[end].text == "-"
        and not tokens[end - 1].whitespace_
        and not tokens[end].whitespace_
    ):
        end += 2
    return tokens[k:end]


@cache
def _word_set(key: str) -> frozenset[str]:
    return frozenset(source_kinds()[key])


def _is_named_head(token: Token) -> bool:
    heads = _word_set("named_by_description")
    return norm(token) in heads or token.lemma_.lower() in heads


def own_name(tokens: list[Token], k: int) -> str | None:
    """ "la Fédération algérienne de football (FAF)" -> "Fédération algérienne de football": an
    institution noun with an adjective or a complement is the institution's name. None when a
    proper noun names it directly ("l'agence officielle APS") or nothing qualifies it."""
    if not _is_named_head(tokens[k]) or k + 1 >= len(tokens):
        return None
    following = tokens[k + 1]
    if following.pos_ != "ADJ" and norm(following) not in OF:
        return None
    end = k + 1
    complement = False
    while end < len(tokens) and end - k <= _MAX_NAME and _continues_name(tokens, end):
        complement = complement or norm(tokens[end]) in OF
        if tokens[end].pos_ == "PROPN" and not complement:
            return None
        end += 1
    while end > k + 1 and (norm(tokens[end - 1]) in DETERMINERS or tokens[end - 1].pos_ == "ADP"):
        end -= 1
    return tokens_text(tokens[k:end])


def _named_after(tokens: list[Token], k: int) -> str | None:
    """ "l'entreprise Michelin", "le cabinet Deloitte", "l'Institut Pasteur": a body noun followed
    by the proper nouns that name it; the name is the proper nouns, with a capitalised head."""
    head = tokens[k]
    if head.pos_ not in ("NOUN", "PROPN") or noun_kind(head) not in ("government", "organization"):
        return None
    first = k + 1
    while first < len(tokens) and tokens[first].pos_ == "ADJ" and tokens[first].is_lower:
        first += 1  # "le laboratoire français Valmont Pharma"
    end = first
    while (
        end < len(tokens)
        and tokens[end].text[:1].isupper()
        and (tokens[end].pos_ == "PROPN" or tokens[end].ent_type_ in ("ORG", "MISC"))
    ):
        end += 1
    if end == first or any(t.ent_type_ == "PER" for t in tokens[first:end]):
        return None  # "le ministre Jean Martin" is a person, not a body
    if head.text[:1].isupper() and first == k + 1:
        first = k
    return tokens_text(tokens[first:end])


def _continues_name(tokens: list[Token], i: int) -> bool:
    token = tokens[i]
    if i > 0 and token.i != tokens[i - 1].i + 1:
        return False  # a gap: the tokens came from a mention with punctuation dropped
    word = norm(token)
    if is_punct(token) or word in CLAUSE_OPENERS or word in NP_STOPS or is_finite(token):
        return False
    return token.pos_ in ("NOUN", "PROPN", "ADJ", "ADP", "DET", "X") or word in OF


class Institutions:
    """Named bodies of one document, in text order, and the state the document is about."""

    def __init__(self, doc: Doc) -> None:
        lex = source_kinds()
        self.bodies: list[Body] = []
        tokens = list(doc)
        states: set[str] = set()
        countries = _word_set("countries")
        for k, token in enumerate(tokens):
            if token.pos_ not in ("NOUN", "PROPN", "X"):
                continue
            if token.text in countries:
                states.add(token.text)
            elif token.text in lex["capitals"] and token.ent_type_ == "LOC":
                states.add(lex["capitals"][token.text])
            name = own_name(tokens, k) or _named_after(tokens, k)
            capitalised = token.text[:1].isupper()
            if name is None and not capitalised:
                continue
            word = compound(tokens, k)
            capitalised = capitalised and (token.pos_ == "PROPN" or len(word) > 1)
            kind = phrase_kind(tokens, k) if name or capitalised else None
            if name is not None and kind is not None:
                self.bodies.append(Body(token.idx, name, kind, norm(token)))
            elif capitalised and kind in ("government", "organization"):
                self.bodies.append(Body(token.idx, tokens_text(word), kind, norm(token)))
        named_at = {body.offset for body in self.bodies}
        for ent in doc.ents:
            if ent.label_ != "ORG" or ent.start_char in named_at:
                continue
            if norm(ent[0]) not in lex["agencies"]:
                kind = phrase_kind(list(ent), 0) or "organization"
                if kind in ("government", "organization"):
                    self.bodies.append(Body(ent.start_char, ent.text, kind, norm(ent[0])))
        self.bodies.sort(key=lambda b: b.offset)
        self.state: str | None = None
        if len(states) == 1:
            self.state = next(iter(states))
        elif not states:
            self.state = lex.get("default_state")

    def refer(self, content: list[Token], k: int, before: int) -> Body | None:
        """The body a bare definite description refers to: "le ministère" -> the last ministry
        named, "le prévisionniste" -> the last body named (a function noun, `body_functions`)."""
        if len(content) != 2 or k != 1 or norm(content[0]) not in DEFINITE_ARTICLES:
            return None
        head = content[1]
        word, lemma = norm(head), head.lemma_.lower()
        if word not in _word_set("body_functions"):
            return None
        same_head = _is_named_head(head) and word not in _word_set("any_body_functions")
        for body in reversed(self.bodies):
            if body.offset >= before:
                continue
            if not same_head or body.head in (word, lemma):
                return body
        return None

    def state_of(self, head: Token) -> str | None:
        """The state a description like "le gouvernement" names in this document, if unambiguous."""
        heads = _word_set("state_descriptions")
        if norm(head) in heads or head.lemma_.lower() in heads:
            return self.state
        return None
