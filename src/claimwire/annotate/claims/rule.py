"""Rule cues: what is obligatory, forbidden or permitted (rule verbs and nouns, legal texts as
subjects, generic obligations, acts of deciding)."""

from __future__ import annotations

from spacy.tokens import Token

from claimwire.annotate.clause import root_of
from claimwire.annotate.grammar import norm
from claimwire.annotate.lexicon import claim_cues, cue_set
from claimwire.annotate.types import Attribution
from claimwire.annotate.wording import phrase_in, words_of


def is_rule(tokens: list[Token]) -> bool:
    if phrase_in(tokens, claim_cues()["rule_phrases"]):
        return True
    lemmas = {t.lemma_ for t in tokens} | set(words_of(tokens))
    if lemmas & cue_set("rule_lemmas") and lemmas & cue_set("rule_nouns"):
        return True
    root = root_of(tokens)
    verbs = cue_set("rule_verbs")
    if root is None or _act_of_deciding(root):
        return False
    if _generic_obligation(root) or _legal_subject(root):
        return True
    return root.lemma_.lower() in verbs or norm(root) in verbs


def _legal_subject(root: Token) -> bool:
    """ "Un décret publié mercredi abaisse à 70 km/h la vitesse", "Le texte alourdit les sanctions":
    a legal text as the subject of a verb in the present or the future states what is in force."""
    if root.pos_ != "VERB" or not set(root.morph.get("Tense", [])) & {"Pres", "Fut"}:
        return False
    if any(c.dep_.startswith("aux") for c in root.children):
        return False  # "Le décret a été publié": the act, as news
    nouns = cue_set("legal_texts")
    return any(c.dep_ == "nsubj" and norm(c) in nouns for c in root.children)


def _generic_obligation(root: Token) -> bool:
    """ "chaque liste devait présenter trois hommes et trois femmes", "tout candidat doit ...": an
    obligation on every member of a class, in the indicative (a conditional or a future forecasts)."""
    if root.lemma_ != "devoir" or "Ind" not in root.morph.get("Mood", []):
        return False
    if "Fut" in root.morph.get("Tense", []):
        return False
    for subject in (c for c in root.children if c.dep_.startswith("nsubj")):
        if any(norm(d) in ("chaque", "tout", "toute", "tous", "toutes") for d in subject.children):
            return True
    return False


def legal_text(reported: Attribution | None) -> bool:
    """Whether the content is reported by a legal text: a law, a decree, an order, a ruling."""
    if reported is None:
        return False
    nouns = cue_set("legal_texts")
    return any(norm(t) in nouns for t in reported.mention)


def _act_of_deciding(root: Token) -> bool:
    """ "Les autorités ont imposé mardi des restrictions": the decision taken, as news, is an event
    (hard case 4); "la loi impose" or "sont interdits" state what is in force."""
    compound = any(c.dep_.startswith("aux") and c.lemma_ == "avoir" for c in root.children)
    subjects = [c for c in root.children if c.dep_ == "nsubj"]
    return compound and not any(norm(c) in cue_set("rule_nouns") for c in subjects)
