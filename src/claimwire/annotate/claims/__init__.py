"""claim_type: the main proposition of a sentence; for reported speech, the reported content.

Every cue family is looked for in the main clause (hard case 1); the label is the first family that
fires in this order of precedence: `none` (headlines, questions, boilerplate, captions), `opinion`,
`position`, `rule`, `prediction` (a forecast, a hypothetical, a counterfactual; a scheduled future
is an `event`, hard case 2), `causal`, `quantity` (the figure is the point), else `event`. The other
families that fired are kept as rivals: they lower the sentence's confidence (`confidence.py`).

Evaluative words: our list (`opinion_words`) and the adjectives that Pattern's French subjectivity
lexicon rates at least `subjectivity_threshold` (`lexicons/subjective_adjectives.tsv`, PDDL).

Where no cue fires the label is `event` (rule `default`), and there the annotator lets a small
trained model decide (`classifier.py`). Earlier models that replaced the rules everywhere lost to
them: a bag-of-words textcat trained on the dev gold (`scripts/train_claims.py`, removed; in git history), and the logistic
regression of `scripts/train_claims_lr.py` applied to every sentence (dev macro-F1 0.79 vs 0.85).
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Span, Token

from claimwire.annotate.claims.causal import hedged_explanation, is_causal
from claimwire.annotate.claims.common import cue_says
from claimwire.annotate.claims.opinion import (
    characterisation,
    evaluative_count,
    intensified_adjective,
    opens_with_adjective,
    opinion_rule,
)
from claimwire.annotate.claims.position import position_rule
from claimwire.annotate.claims.rule import is_rule, legal_text
from claimwire.annotate.clause import ClaimClause, is_copular, root_of
from claimwire.annotate.grammar import (
    QUOTE_MARKS,
    SUBJECT_PRONOUNS,
    is_punct,
    norm,
)
from claimwire.annotate.lexicon import claim_cues, cue_set
from claimwire.annotate.quantity import counts, is_numeric, is_quantity
from claimwire.annotate.tense import find_forecast
from claimwire.annotate.types import Attribution, ClaimDecision, Forecast
from claimwire.annotate.wording import phrase_in

_QUOTED_QUESTION = re.compile(r"\?\s*[»”\"]\s*,")


_CLOSING_QUOTES = '»”"'


_SENTENCE_FINAL = '.!?…»"”);:'


# The longest headline in the dev gold has 12 words; body sentences that lost their full stop have
# 16 and more.
_HEADLINE_WORDS = 14


# Labels in order of precedence once `none` is ruled out.
PRECEDENCE = ("opinion", "position", "rule", "prediction", "causal", "quantity")


def is_headline(text: str, alone_in_paragraph: bool, opens_document: bool = False) -> bool:
    """A paragraph of one sentence without final punctuation: a headline or a section title. Not one
    that opens with a subject pronoun ("Elle travailla ... le 15 juin 1946"): a headline does not
    refer back, so that is body text whose full stop was lost. The first line of a document is its
    headline however long ("Corruption dans le Var : l'ex-vice-président ... dont un ferme")."""
    stripped = text.rstrip()
    if opens_document and stripped.endswith(tuple(_CLOSING_QUOTES)):
        stripped = stripped.rstrip(_CLOSING_QUOTES).rstrip()  # « ... promet de « sauver le club »
    if not alone_in_paragraph or stripped.endswith(tuple(_SENTENCE_FINAL)):
        return False
    words = text.split()
    if len(words) > _HEADLINE_WORDS and not opens_document:
        return False  # inside the body, a sentence whose full stop was lost: titles are short
    first = words[0].lower() if words else ""
    return first not in SUBJECT_PRONOUNS


def decide(
    sent: Span, clause: ClaimClause, attributions: list[Attribution], headline: bool = False
) -> ClaimDecision:
    """The claim_type of one sentence with the rule that chose it and the rival labels."""
    if headline:
        return ClaimDecision("none", "headline")
    text = sent.text.strip()
    if _is_question_text(text) or _QUOTED_QUESTION.search(text):
        # « Pourquoi attendre ? », a demandé le maire: a quoted question is none too (hard case 6).
        return ClaimDecision("none", "question")
    if any(p.search(text) for p in _boilerplate()):
        return ClaimDecision("none", "boilerplate")
    if _is_exclamation(text):
        return ClaimDecision("opinion", "exclamation")
    tokens = clause.tokens
    # No verb, and no subject either: "Il démissionna le 5 janvier" or "... compte 25 785 habitants"
    # whose verb the tagger took for a noun still has a subject hanging on it.
    verbless = not any(t.pos_ in ("VERB", "AUX") or t.dep_.startswith("nsubj") for t in sent)
    if verbless and not attributions:
        return _verbless(sent)
    if not attributions and _is_instruction(tokens):
        return ClaimDecision("none", "instruction")
    forecast = find_forecast(tokens, clause.reported_by)
    fired = _cue_families(tokens, clause.reported_by, forecast)
    labels = [label for label in PRECEDENCE if fired.get(label)]
    if not labels:
        return ClaimDecision("event", "default", (), forecast, _weak_cues(sent, tokens))
    label = labels[0]
    return ClaimDecision(label, fired[label] or label, tuple(labels[1:]), forecast)


def _weak_cues(sent: Span, tokens: list[Token]) -> tuple[str, ...]:
    weak = []
    root = root_of(tokens)
    if evaluative_count(tokens) or (root is not None and is_copular(root)):
        weak.append("opinion")
    if any(is_numeric(t) and counts(tokens, k) for k, t in enumerate(tokens)):
        weak.append("quantity")
    if any(t.text in QUOTE_MARKS for t in sent):
        weak.append("quotation")
    return tuple(weak)


def _is_instruction(tokens: list[Token]) -> bool:
    """An instruction to the reader in the infinitive: "Pour les autres utilisations, se renseigner
    auprès du comité." (guidelines 2, imperatives and invitations): the head is an infinitive with
    no subject and no finite verb before it."""
    root = root_of(tokens)
    if (
        root is None
        or root.pos_ != "VERB"
        or any(c.dep_.startswith("nsubj") for c in root.children)
    ):
        return False
    if _imperative(root, tokens):
        return True  # "Profitez de la vue", "N'hésitez pas à nous écrire"
    if "Inf" not in root.morph.get("VerbForm", []):
        return False
    if any(c.dep_ in ("mark", "case") and c.i < root.i for c in root.children):
        return False  # "Pour animer cette soirée, X ...": a purpose clause the parse made the head
    return not any(t.pos_ in ("VERB", "AUX") for t in tokens if t.i < root.i)


def _imperative(root: Token, tokens: list[Token]) -> bool:
    """A second-person verb without a subject, opening the clause (the small model seldom tags
    Mood=Imp: "Profitez" comes out as a participle, "hésitez" as an indicative)."""
    if "Imp" not in root.morph.get("Mood", []) and not root.lower_.endswith("ez"):
        return False
    before = [norm(t) for t in tokens if t.i < root.i and not is_punct(t)]
    return all(w in ("n'", "ne", "donc", "alors", "puis", "et") for w in before)


def _verbless(sent: Span) -> ClaimDecision:
    """A caption or title ("Au cours de la cérémonie."), unless it evaluates ("Une représentation
    remarquable."), counts ("Vingt-six tableaux pour ...") or continues the text ("Notamment, ...")."""
    tokens = [t for t in sent if not is_punct(t)]
    if evaluative_count(tokens) or phrase_in(tokens, claim_cues()["opinion_phrases"]):
        return ClaimDecision("opinion", "verbless-evaluative")
    if opens_with_adjective(tokens) or intensified_adjective(tokens):
        # "Triste pour les musiciens.", "Une animation très ludique avec Maggie Jankowski."
        return ClaimDecision("opinion", "verbless-adjective")
    words = {norm(t) for t in tokens}
    if phrase_in(tokens, claim_cues()["rule_phrases"]) or words & cue_set("rule_verbs"):
        return ClaimDecision("rule", "verbless-rule")  # "Inscriptions avant le 3 mai."
    # A rank opening a caption names an item, not a count: "Deuxième match, contre Sarrelouis."
    first = norm(tokens[0]) if tokens else ""
    not_counts = cue_set("vague_quantities") | cue_set("ranks")
    if tokens and is_numeric(tokens[0]) and first not in not_counts:
        return ClaimDecision("quantity", "verbless-count")
    # "Rendez-vous au local du club.": the tokenizer splits "Rendez-vous".
    if tokens and sent.text.split(maxsplit=1)[0].lower().rstrip(".,:") in cue_set("schedule_nouns"):
        return ClaimDecision(
            "event", "verbless-schedule"
        )  # "Ouverture tous les jours de 14h30 à 18h."
    if (tokens and norm(tokens[0]) in cue_set("connectives")) or len(tokens) > 12:
        return ClaimDecision("event", "verbless-continuation")
    return ClaimDecision("none", "verbless")


def _is_exclamation(text: str) -> bool:
    """ "Quel bonheur d'entrer dans l'antre de la gourmandise !", "Mais quel apport pour la cité !":
    an exclamation that evaluates."""
    words = text.lstrip(' "«“').lower().split(maxsplit=2)
    if len(words) > 1 and words[0] in cue_set("connectives"):
        words = words[1:]
    first = words[0] if words else ""
    return first in cue_set("exclamatives") and text.rstrip(' \u00a0\u202f"»”').endswith("!")


def _is_question_text(text: str) -> bool:
    return text.rstrip(' \u00a0\u202f"»”)]').endswith(tuple(claim_cues()["question_marks"]))


@cache
def _boilerplate() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in claim_cues()["boilerplate_patterns"])


def _cue_families(
    tokens: list[Token], reported: Attribution | None, forecast: Forecast | None
) -> dict[str, str | None]:
    """Which cue families fire in the claim clause, each with the name of its rule."""
    fired: dict[str, str | None] = {}
    hint = reported.hint if reported is not None else None
    fired["opinion"] = opinion_rule(tokens, hint) or characterisation(tokens, reported)
    if fired["opinion"] == "opinion-cue" and _forecast_of_clause(forecast, tokens):
        # "Des experts estiment que la croissance ralentira": a judgement about the future.
        fired["prediction"], fired["opinion"] = "opinion-about-future", None
    fired["position"] = position_rule(tokens, reported, hint, forecast)
    if fired["position"] == "position-cue" and _forecast_of_clause(forecast, tokens):
        # "Ces phénomènes devraient devenir plus fréquents, a-t-il averti": a warning about the
        # world forecasts; about the speaker's own acts it would be an `own-act` future.
        fired["position"] = None
    if is_rule(tokens):
        fired["rule"] = "rule"
    elif legal_text(reported):
        fired["rule"] = "rule-text"  # "précise le décret", "selon l'ordonnance, ... ne pourra plus"
    if forecast is not None and forecast.kind in ("forecast", "hypothetical", "counterfactual"):
        fired.setdefault("prediction", forecast.kind)
    if is_causal(tokens) or cue_says(reported, "causal_lemmas"):  # "a imputé cette hausse à"
        fired["causal"] = "causal"
        if fired.get("prediction") == "forecast" and hedged_explanation(tokens, forecast):
            del fired["prediction"]
    if is_quantity(tokens):
        fired["quantity"] = "quantity"
    return fired


def _forecast_of_clause(forecast: Forecast | None, tokens: list[Token]) -> bool:
    """A forecast on the main verb of the content, not in a coordinated or embedded clause."""
    if forecast is None or forecast.kind != "forecast":
        return False
    root = root_of(tokens)
    return root is None or forecast.token in (root, *root.children) or forecast.token.head == root
