"""Pronoun speakers resolved to the entity the text last made salient (`Il` -> `Badr al-Busaidi`).

A deliberately small model: after each sentence the annotator records its salient referents (its
speakers first, then its grammatical subjects, then role nouns and named people); a pronoun takes the
most recent compatible one within a few sentences.
"""

from __future__ import annotations

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


class Discourse:
    """Salient referents of the sentences read so far, most recent last."""

    def __init__(self, names: Names) -> None:
        self.names = names
        self.history: list[list[tuple[Referent, bool]]] = []  # (referent, was a speaker)

    def resolve(self, pronoun: Token, sent: Span | None = None) -> Referent | None:
        """The person a subject pronoun most plausibly refers to; failing that, the last speaker of
        any kind ("Le ministère a annoncé ... Il a ajouté"). With `sent`, a subject earlier in the
        same sentence comes first ("Le maire, Mathieu Klein, a inauguré ..., qu'il a qualifiée")."""
        word = norm(pronoun)
        gender = "Fem" if word in _FEMININE else "Masc"
        plural = word in _PLURAL
        recent = list(reversed(self.history[-WINDOW:]))
        if sent is not None and not word.startswith("-"):
            recent.insert(0, [(r, False) for r in reversed(self._subjects_before(sent, pronoun))])
        compatible = [
            (referent, speaker)
            for referents in recent
            for referent, speaker in referents
            if referent.plural == plural and referent.gender in (None, gender)
        ]
        for referent, _ in compatible:
            if plural or referent.kind in _HUMAN:
                return referent
        return next((referent for referent, speaker in compatible if speaker), None)

    def record(self, sent: Span, speakers: list[Referent]) -> None:
        """Remember the sentence's salient referents for the pronouns of the next ones."""
        # An unnamed speaker still takes the next pronoun ("Quant au sous-préfet, il ... Il pense").
        entries = [(r, True) for r in speakers if r.kind != "agency"]
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
        entries += [(r, False) for r in referents if r.kind != "other"]
        self.history.append(entries)

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
