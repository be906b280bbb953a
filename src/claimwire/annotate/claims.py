"""claim_type: the main proposition of a sentence; for reported speech, the reported content.

Rules in order of precedence (guidelines 1.0, section 4): questions and boilerplate are `none`; then
opinion, position, prediction, rule, causal, quantity, and `event` for everything else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from claimwire.annotate.grammar import (
    SUBJECT_PRONOUNS,
    contains_phrase,
    is_conditional,
    is_future,
    is_punct,
    norm,
)
from claimwire.annotate.lexicon import claim_cues, cue_set
from claimwire.annotate.sources import Attribution

# Dependents whose subtree is not the main clause: relative clauses, participial modifiers,
# adverbial clauses (the latter only outside reported content, where the parser often hangs the
# quoted clause under the incise verb as advcl).
_RELATIVE = frozenset({"acl:relcl", "acl"})
_SUBORDINATE = _RELATIVE | {"advcl"}
# "doit clôturer mardi" is a scheduled event; only the conditional or future of these predicts.
_MODALS = frozenset({"devoir", "pouvoir"})


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
        return ClaimClause(_main_part(sent, main.content, _RELATIVE), main)
    tokens = list(sent)
    subordinate = next((a for a in attributions if a.subordinate), None)
    if subordinate is not None and subordinate.cue is not None:
        tokens = _outside_subordinate(sent, subordinate)
    return ClaimClause(_main_part(sent, tokens, _SUBORDINATE), None)


def _main_part(sent: Span, tokens: list[Token], deps: frozenset[str]) -> list[Token]:
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


def claim_type(sent: Span, clause: ClaimClause, attributions: list[Attribution]) -> str:
    """The claim_type label of one sentence."""
    if is_question(sent) or is_boilerplate(sent, attributions):
        return "none"
    tokens, reported = clause.tokens, clause.reported_by
    hint = reported.hint if reported is not None else None
    concordance = reported is not None and reported.past_cue and reported.mode != "according_to"
    forecast = _forecast(tokens, concordance)
    if hint == "opinion" or (reported is not None and _has(tokens, "opinion")):
        # "Des experts estiment que la croissance ralentira": a judgement about the future.
        return "prediction" if forecast is not None and hint == "opinion" else "opinion"
    # Will and demand words count anywhere in reported content: "il a été très explicite sur le fait
    # qu'il souhaitait ..." states a stance although "souhaitait" sits in a subordinate clause.
    if hint == "position" or (reported is not None and _speaker_stance(reported, reported.content)):
        return "position"
    if _is_rule(tokens):
        return "rule"
    # Under a past reporting verb the conditional is the future of the reported speech (concordance
    # des temps); elsewhere (agency voice, "selon X") it is the journalistic conditional: a hedge.
    if forecast is not None:
        own_act = reported is not None and _has_pronoun_subject(forecast)
        return "position" if own_act else "prediction"
    if _is_causal(tokens):
        return "causal"
    if _is_quantity(tokens):
        return "quantity"
    return "event"


def is_question(sent: Span) -> bool:
    """Questions, rhetorical ones included, are not claims (hard case 6)."""
    text = sent.text.rstrip(' \u00a0\u202f"»”)]')
    return text.endswith(tuple(claim_cues()["question_marks"]))


@cache
def _boilerplate() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in claim_cues()["boilerplate_patterns"])


def is_boilerplate(sent: Span, attributions: list[Attribution]) -> bool:
    """Bylines, credits and verbless headlines."""
    text = sent.text.strip()
    if any(p.search(text) for p in _boilerplate()):
        return True
    verbless = not any(t.pos_ in ("VERB", "AUX") for t in sent)
    return verbless and not attributions and len(sent) <= 12


def _has(tokens: list[Token], kind: str) -> bool:
    lemmas = cue_set(f"{kind}_lemmas")
    if any(t.lemma_.lower() in lemmas or norm(t) in lemmas for t in tokens):
        return True
    return contains_phrase(tokens, claim_cues().get(f"{kind}_phrases", []))


def _speaker_stance(reported: Attribution, tokens: list[Token]) -> bool:
    """The speaker's own stance: an infinitive right after the cue ("a indiqué soutenir l'Iran",
    whose subject is the speaker) or a word of will, demand or refusal in the content."""
    if reported.cue is not None and reported.content and reported.content[0].i >= reported.cue.end:
        for token in reported.content[:6]:
            if norm(token) in ("que", "qu'", ":"):
                break
            if token.pos_ in ("VERB", "AUX"):
                # A perfect infinitive reports a past event ("a annoncé avoir frappé"), not a stance.
                if "Inf" in token.morph.get("VerbForm", []) and token.lemma_ not in (
                    "avoir",
                    "être",
                ):
                    return True
                break
    return _has(tokens, "position")


def _forecast(tokens: list[Token], concordance: bool) -> Token | None:
    """A verb that says what will or would happen. The conditional of a main clause in the agency's
    own voice is the journalistic conditional (hedging, not forecasting) unless it is devoir/pouvoir
    or under a "si" clause."""
    hypothetical = any(norm(t) in ("si", "s'") and t.pos_ == "SCONJ" for t in tokens)
    predictive = cue_set("prediction_lemmas") - _MODALS
    for token in tokens:
        lemma = token.lemma_.lower()
        if is_future(token) or (is_conditional(token) and (concordance or hypothetical)):
            return token
        if is_conditional(token) and lemma in _MODALS:
            return token
        if lemma in predictive:
            return token
    if contains_phrase(tokens, claim_cues()["prediction_phrases"]):
        return tokens[0]
    return None


def _has_pronoun_subject(verb: Token) -> bool:
    """Whether a verb's subject is a personal pronoun, in reported speech usually the speaker
    ("Téhéran a répété qu'il riposterait": a commitment, so a position, hard case 2)."""
    if any(c.dep_.startswith("nsubj") and norm(c) in SUBJECT_PRONOUNS for c in verb.children):
        return True
    i = verb.i - 1
    while i >= 0 and (norm(verb.doc[i]) in ("ne", "n'", "se", "s'", "y", "en", "le", "la", "les")):
        i -= 1
    return i >= 0 and norm(verb.doc[i]) in SUBJECT_PRONOUNS


def _is_rule(tokens: list[Token]) -> bool:
    if contains_phrase(tokens, claim_cues()["rule_phrases"]):
        return True
    lemmas = {t.lemma_.lower() for t in tokens} | {norm(t) for t in tokens}
    return bool(lemmas & cue_set("rule_lemmas")) and bool(lemmas & cue_set("rule_nouns"))


def _is_causal(tokens: list[Token]) -> bool:
    if contains_phrase(tokens, claim_cues()["causal_phrases"]):
        return True
    lemmas = cue_set("causal_lemmas")
    return any(t.pos_ == "VERB" and t.lemma_.lower() in lemmas for t in tokens)


def _is_quantity(tokens: list[Token]) -> bool:
    """A number, amount or ranking close to the root of the clause (not "la guerre de 12 jours")."""
    words, after = cue_set("quantity_words"), cue_set("not_quantity_after")
    ranks = {"premier", "première", "premiers", "premières"}
    for token in tokens:
        if is_punct(token):
            continue
        numeric = token.like_num or token.pos_ == "NUM" or norm(token) in words
        if not numeric or (norm(token) in ranks and token.dep_ != "ROOT"):
            continue
        following = token.nbor(1) if token.i + 1 < len(token.doc) else None
        if following is not None and norm(following) in after:
            continue
        if token.text.isdigit() and len(token.text) == 4 and 1900 <= int(token.text) <= 2100:
            continue
        if _depth(token) <= 2:
            return True
    return False


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 10:
        token, depth = token.head, depth + 1
    return depth
