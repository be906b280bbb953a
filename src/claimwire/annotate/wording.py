"""The words of a claim clause, computed once: the claim rules ask dozens of lexicon questions of
the same token list, and lowercasing every token for each question cost more than the rules."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from claimwire.annotate.grammar import norm

# The last token list asked about and its words. Holding the list keeps its id from being reused.
_last: tuple[list[Token], tuple[str, ...], str] | None = None


def words_of(tokens: list[Token]) -> tuple[str, ...]:
    """Lowercase forms (`norm`) of the tokens, cached for the last list asked about."""
    return _cached(tokens)[1]


def phrase_in(tokens: list[Token], phrases: Iterable[str]) -> bool:
    """Whether any phrase (space-separated lowercase words) occurs in the tokens."""
    joined = _cached(tokens)[2]
    return any(f" {phrase} " in joined for phrase in phrases)


def joined_words(tokens: list[Token]) -> str:
    """The words of `words_of` joined by spaces, with a space at each end, for regular expressions."""
    return _cached(tokens)[2]


def _cached(tokens: list[Token]) -> tuple[list[Token], tuple[str, ...], str]:
    global _last
    if _last is None or _last[0] is not tokens:
        words = tuple(norm(t) for t in tokens)
        _last = (tokens, words, " " + " ".join(words) + " ")
    return _last
