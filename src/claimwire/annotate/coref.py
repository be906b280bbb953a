"""Pronoun speakers resolved to the entity the text last made salient (`Il` -> `Badr al-Busaidi`).

A deliberately small model: after each sentence the annotator records its salient referents (its
speakers first, then its grammatical subjects, then role nouns and named people); a pronoun takes the
most recent compatible one within a few sentences.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from claimwire.annotate.grammar import DETERMINERS, norm, np_end
from claimwire.annotate.lexicon import kind_of_noun
from claimwire.annotate.mentions import Names, Referent, describe

# How many sentences back a pronoun may look for its referent.
WINDOW = 4
_FEMININE = frozenset({"elle", "-elle", "elles", "-elles"})
_PLURAL = frozenset({"ils", "-ils", "elles", "-elles", "eux"})
# Kinds a singular personal pronoun can stand for (people, named or not).
_HUMAN = frozenset({"person", "public", "anonymous"})


class _Sentence:
    """One sentence read: its speakers now, its other salient referents only when a pronoun asks
    (most sentences are never looked back at, so their noun phrases are not described)."""

    def __init__(self, discourse: Discourse, sent: Span, speakers: list[Referent]) -> None:
        self.discourse = discourse
        self.sent = sent
        # An unnamed speaker still takes the next pronoun ("Quant au sous-préfet, il ... Il pense").
        self.speakers = [r for r in speakers if r.kind != "agency"]
        self._entries: list[tuple[Referent, bool]] | None = None

    def entries(self) -> list[tuple[Referent, bool]]:
        """(referent, was a speaker): speakers first, then subjects, role nouns, named people."""
        if self._entries is None:
            others = [r for r in self.discourse.salient(self.sent) if r.kind != "other"]
            self._entries = [(r, True) for r in self.speakers] + [(r, False) for r in others]
        return self._entries


class Discourse:
    """Salient referents of the sentences read so far, most recent last."""

    def __init__(self, names: Names) -> None:
        self.names = names
        self.history: list[_Sentence] = []

    def resolve(self, pronoun: Token, sent: Span | None = None) -> Referent | None:
        """The person a subject pronoun most plausibly refers to; failing that, the last speaker of
        any kind ("Le ministère a annoncé ... Il a ajouté"). With `sent`, a subject earlier in the
        same sentence comes first ("Le maire, Mathieu Klein, a inauguré ..., qu'il a qualifiée")."""
        word = norm(pronoun)
        gender = "Fem" if word in _FEMININE else "Masc"
        plural = word in _PLURAL
        groups: list[list[tuple[Referent, bool]]] = []
        if sent is not None and not word.startswith("-"):
            groups.append([(r, False) for r in reversed(self._subjects_before(sent, pronoun))])
        fallback = None
        for group in self._recent(groups):
            for referent, speaker in group:
                if referent.plural != plural or referent.gender not in (None, gender):
                    continue
                if plural or referent.kind in _HUMAN:
                    return referent
                if speaker and fallback is None:
                    fallback = referent
        return fallback

    def _recent(
        self, first: list[list[tuple[Referent, bool]]]
    ) -> Iterator[list[tuple[Referent, bool]]]:
        yield from first
        for read in reversed(self.history[-WINDOW:]):
            yield read.entries()

    def record(self, sent: Span, speakers: list[Referent]) -> None:
        """Remember the sentence and its speakers for the pronouns of the next ones."""
        self.history.append(_Sentence(self, sent, speakers))

    def salient(self, sent: Span) -> list[Referent]:
        """Referents a sentence makes salient besides its speakers: subjects, role nouns with a
        definite determiner, named people."""
        referents: list[Referent] = []
        for token in sent:
            if token.dep_.startswith("nsubj") and token.pos_ in ("NOUN", "PROPN"):
                referents.append(self._describe_from(sent, token))
        for token in sent:
            if token.pos_ == "NOUN" and kind_of_noun().get(token.lemma_.lower()) == "person":
                start = (
                    token.i - 1
                    if token.i > sent.start and norm(token.nbor(-1)) in DETERMINERS
                    else token.i
                )
                if start < token.i and norm(token.nbor(-1)) not in ("un", "une", "des"):
                    referents.append(self._describe_from(sent, start))
        for start, end in self.names.people_in(sent.start, sent.end):
            referents.append(describe(list(sent.doc[start:end]), self.names))
        return referents

    def _subjects_before(self, sent: Span, pronoun: Token) -> list[Referent]:
        """Referents of the noun subjects before the pronoun in its sentence."""
        return [
            self._describe_from(sent, token)
            for token in sent.doc[sent.start : pronoun.i]
            if token.dep_.startswith("nsubj") and token.pos_ in ("NOUN", "PROPN")
        ]

    def _describe_from(self, sent: Span, start: Token | int) -> Referent:
        """Referent of the noun phrase at `start`, stretched over its left determiner and name."""
        i = start.i if isinstance(start, Token) else start
        if isinstance(start, Token):
            left = start.left_edge.i
            i = left if left >= sent.start else i
        end = np_end(sent, i)
        doc = sent.doc
        # Take in an apposition naming the person: "Le ministre ..., Badr al-Busaidi, a reçu".
        if end + 1 < sent.end and doc[end].text == "," and doc[end + 1].ent_type_ == "PER":
            end = np_end(sent, end + 1)
        return describe(list(doc[i:end]), self.names)
