"""The claim clause of a sentence: the main clause, or the reported content when the main clause
reports speech (guidelines hard case 1), and the grammatical questions every claim rule asks of it
(its head, a copula, how deep a token sits)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from claimwire.annotate.grammar import is_punct, norm
from claimwire.annotate.types import Attribution

# Dependents whose subtree is not the main clause: relative clauses, participial modifiers,
# adverbial clauses (the latter only outside reported content, where the parser often hangs the
# quoted clause under the incise verb as advcl).
_RELATIVE = frozenset({"acl:relcl", "acl"})
_SUBORDINATE = _RELATIVE | {"advcl"}
# The last clause whose root was asked for, and that root (see `root_of`).
_last_root: tuple[list[Token], Token | None] | None = None


@dataclass(slots=True)
class ClaimClause:
    """Tokens whose proposition the sentence is about, and the attribution they are reported by."""

    tokens: list[Token]
    reported_by: Attribution | None


def claim_clause(sent: Span, attributions: list[Attribution]) -> ClaimClause:
    """Main clause first: the reported content if the main clause reports speech, else the main
    clause without the subordinate clause that reports speech (guidelines hard case 1)."""
    main = next((a for a in attributions if not a.subordinate and not a.relay), None)
    if main is not None:
        return ClaimClause(_main_part(main.content, _RELATIVE), main)
    tokens = list(sent)
    subordinate = next((a for a in attributions if a.subordinate), None)
    if subordinate is not None and subordinate.cue is not None:
        tokens = _outside_subordinate(sent, subordinate)
    return ClaimClause(_main_part(tokens, _SUBORDINATE), None)


def _main_part(tokens: list[Token], deps: frozenset[str]) -> list[Token]:
    excluded: set[int] = set()
    for token in tokens:
        if token.dep_ in deps and token.head.i != token.i:
            excluded.update(t.i for t in token.subtree)
    kept = [t for t in tokens if t.i not in excluded]
    # A bad parse can hang the whole clause under a modifier: keep everything rather than nothing.
    return kept if any(t.pos_ in ("VERB", "AUX", "ADJ") for t in kept) else tokens


def _outside_subordinate(sent: Span, attribution: Attribution) -> list[Token]:
    """ "S'il a affirmé que ..., l'ampleur reste inconnue" -> the part after the clause's comma;
    "..., ce que Téhéran dément" -> the part before the subordinator."""
    assert attribution.cue is not None
    first = min(attribution.mention[0].i, attribution.cue.start)
    mark = first - 1
    while mark > sent.start and sent.doc[mark].is_space:
        mark -= 1
    if mark <= sent.start + 1:
        commas = [t for t in sent if t.text == "," and t.i >= attribution.cue.end]
        return list(sent.doc[commas[0].i + 1 : sent.end]) if commas else list(sent)
    cut = mark
    while cut > sent.start and (sent.doc[cut - 1].text == "," or norm(sent.doc[cut - 1]) == "ce"):
        cut -= 1
    return list(sent.doc[sent.start : cut])


def root_of(tokens: list[Token]) -> Token | None:
    """The head of the clause: the first token whose head lies outside the clause, is itself, or is
    punctuation (the parser sometimes hangs a quotation under its quotation mark). Cached for the
    last token list, which every rule asks about."""
    global _last_root
    if _last_root is not None and _last_root[0] is tokens:
        return _last_root[1]
    ids = {t.i for t in tokens}
    root = next(
        (
            t
            for t in tokens
            if not is_punct(t) and (t.head.i == t.i or t.head.i not in ids or is_punct(t.head))
        ),
        None,
    )
    _last_root = (tokens, root)
    return root


def depth_to(token: Token, root: Token | None) -> int:
    depth = 0
    while token.head.i != token.i and token != root and depth < 10:
        token, depth = token.head, depth + 1
    return depth


def is_copular(root: Token) -> bool:
    """ "X est exceptionnel", "c'est une erreur", "il s'agit de pure propagande"."""
    if any(c.dep_ == "cop" for c in root.children):
        return True
    return root.lemma_ in ("être", "agir") and root.pos_ in ("AUX", "VERB")


def is_sentenced(token: Token) -> bool:
    """ "condamné à 20 000 euros d'amende" is a sentence passed (an event), not a condemnation."""
    if token.lemma_ != "condamner":
        return False
    return any(norm(t) in ("à", "aux") for t in token.doc[token.i + 1 : token.i + 6])
