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

from claimwire.annotate.clause import ClaimClause, is_copular, is_sentenced, root_of
from claimwire.annotate.grammar import (
    DETERMINERS,
    QUOTE_MARKS,
    SUBJECT_PRONOUNS,
    is_punct,
    norm,
)
from claimwire.annotate.lexicon import claim_cues, cue_set, subjective_adjectives
from claimwire.annotate.quantity import counts, is_numeric, is_quantity
from claimwire.annotate.tense import find_forecast, is_conditional_form
from claimwire.annotate.types import Attribution, ClaimDecision, Forecast
from claimwire.annotate.wording import joined_words, phrase_in, words_of

# A copula followed by a quotation, at most one adverb in between: sont « optimistes », est
# « plutôt optimiste », sont « avant tout des opérations de communication ».
_QUOTED_PREDICATE = re.compile(
    r" (?:est|sont|était|étaient|reste|restent|demeure|demeurent)(?: [^ «“\"]+)? [«“\"] "
)
_QUOTED_QUESTION = re.compile(r"\?\s*[»”\"]\s*,")
_FIRST_PERSON = frozenset({"je", "j'", "nous"})
_REFLEXIVES = frozenset({"se", "s'", "me", "m'", "te", "t'", "nous", "vous"})
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
    if _evaluative_count(tokens) or (root is not None and is_copular(root)):
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
    if _evaluative_count(tokens) or phrase_in(tokens, claim_cues()["opinion_phrases"]):
        return ClaimDecision("opinion", "verbless-evaluative")
    if _opens_with_adjective(tokens) or _intensified_adjective(tokens):
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


def _intensified_adjective(tokens: list[Token]) -> bool:
    """An adjective under a degree adverb ("très ludique", "fort réussie"): an evaluation."""
    return any(
        t.pos_ == "ADJ" and any(norm(c) in cue_set("intensifiers") for c in t.children)
        for t in tokens
    )


def _opens_with_adjective(tokens: list[Token]) -> bool:
    """A verbless sentence whose head is an adjective that opens it, after a connective: "Triste
    pour les musiciens.", "Mais désolante aussi pour la ville.", "Vivifiant en diable !". Not a
    participle ("Parti de Cholet, ...") nor a state ("originaire de la commune")."""
    rest = tokens[1:] if tokens and norm(tokens[0]) in cue_set("connectives") else tokens
    if not rest or rest[0].pos_ != "ADJ" or "Part" in rest[0].morph.get("VerbForm", []):
        return False
    return rest[0].head.i == rest[0].i or rest[0].head.pos_ != "NOUN"


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
    fired["opinion"] = _opinion(tokens, hint) or _characterisation(tokens, reported)
    if fired["opinion"] == "opinion-cue" and _forecast_of_clause(forecast, tokens):
        # "Des experts estiment que la croissance ralentira": a judgement about the future.
        fired["prediction"], fired["opinion"] = "opinion-about-future", None
    fired["position"] = _position(tokens, reported, hint, forecast)
    if fired["position"] == "position-cue" and _forecast_of_clause(forecast, tokens):
        # "Ces phénomènes devraient devenir plus fréquents, a-t-il averti": a warning about the
        # world forecasts; about the speaker's own acts it would be an `own-act` future.
        fired["position"] = None
    if _is_rule(tokens):
        fired["rule"] = "rule"
    elif _legal_text(reported):
        fired["rule"] = "rule-text"  # "précise le décret", "selon l'ordonnance, ... ne pourra plus"
    if forecast is not None and forecast.kind in ("forecast", "hypothetical", "counterfactual"):
        fired.setdefault("prediction", forecast.kind)
    if _is_causal(tokens) or _cue_says(reported, "causal_lemmas"):  # "a imputé cette hausse à"
        fired["causal"] = "causal"
        if fired.get("prediction") == "forecast" and _hedged_explanation(tokens, forecast):
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


def _cue_says(reported: Attribution | None, lexicon: str) -> bool:
    """Whether the reporting cue itself is a cue word ("a imputé", "prévoit")."""
    if reported is None or reported.cue is None:
        return False
    words = cue_set(lexicon)
    return any(t.lemma_.lower() in words or norm(t) in words for t in reported.cue)


# -- opinion ---------------------------------------------------------------------------------------


def _opinion(tokens: list[Token], hint: str | None) -> str | None:
    if hint == "opinion":
        return "opinion-cue"
    if phrase_in(tokens, claim_cues()["opinion_phrases"]):
        return "opinion-phrase"
    root = root_of(tokens)
    verbs = cue_set("opinion_verbs")
    if root is not None and (
        root.lemma_.lower() in verbs or norm(root) in verbs or _reflexive_lemma(root) in verbs
    ):
        return "opinion-verb"
    if root is not None and _first_person_taste(root):
        return "opinion-verb"  # "J'aime beaucoup la musique" (not "Elle aimait se promener")
    if root is not None and _normative_duty(root, tokens):
        return "normative"
    evaluative = _evaluative_count(tokens)
    if root is not None and is_copular(root) and (evaluative or _intensified_adjective([root])):
        return "evaluative-predicate"  # "La soirée fut une belle réussite", "sont très correctes"
    if root is not None and _verbless_head(root, tokens) and _evaluates_head(root):
        # "Triste pour les musiciens qui ...", "Un rite incontournable qui dépend de ...": the main
        # clause has no verb (only its relative clauses have one) and evaluates.
        return "evaluative-head"
    return "evaluative-words" if evaluative >= 2 else None


def _first_person_taste(root: Token) -> bool:
    return root.lemma_ in cue_set("taste_verbs") and any(
        c.dep_.startswith("nsubj") and norm(c) in _FIRST_PERSON for c in root.children
    )


def _normative_duty(root: Token, tokens: list[Token]) -> bool:
    """ "Le théâtre doit être léger", "L'UE doit avancer dans son travail législatif": "devoir" in
    the present on the head, with no date, time or figure that would make it a schedule ("doit se
    réunir lundi", an `event`) and no speaker's own duty ("nous devons", a stance)."""
    duty = next(
        (
            t
            for t in (root, *root.children)
            if t.lemma_ == "devoir"
            and "Pres" in t.morph.get("Tense", [])
            and "Ind" in t.morph.get("Mood", [])
        ),
        None,
    )
    if duty is None or (duty.i > 0 and norm(duty.doc[duty.i - 1]) in ("se", "s'")):
        return False  # "comme il se doit"
    subjects = [c for v in (root, duty) for c in v.children if c.dep_.startswith("nsubj")]
    if any(norm(c) in _FIRST_PERSON for c in subjects):
        return False
    times = cue_set("time_words")
    return not any(t.like_num or norm(t) in times for t in tokens)


def _evaluates_head(root: Token) -> bool:
    """The head itself is evaluative ("Triste pour ...") or an adjective on it ("Un rite
    incontournable"), not a noun elsewhere ("Le drame relance ...", a verb the parse took for a noun)."""
    return any(_evaluative(t) for t in (root, *(c for c in root.children if c.dep_ == "amod")))


def _verbless_head(root: Token, tokens: list[Token]) -> bool:
    if root.pos_ not in ("ADJ", "NOUN") or "Part" in root.morph.get("VerbForm", []):
        return False
    return not any(t.pos_ in ("VERB", "AUX") for t in tokens)


def _characterisation(tokens: list[Token], reported: Attribution | None) -> str | None:
    """Reported speech that characterises rather than states (hard case 3): « C'est une victoire »,
    « La pauvreté n'est pas un délit », a quoted predicate (sont « optimistes »), a cue such as
    "dénoncer" whose object is a quoted judgement (dénoncent une mesure « inefficace »), or praise
    of something evaluated ("s'est félicité de ... encourageants"; not "Les Iraniens « négocient »,
    s'est-il félicité", whose content is an event)."""
    if reported is None:
        return None
    if _cue_says(reported, "characterising_cues") and _quote_qualifies_noun(tokens):
        return "characterising-cue"
    if _cue_says(reported, "praising_cues") and _evaluative_count(tokens):
        return "characterising-cue"  # "s'est félicitée de « résultats encourageants »"
    if phrase_in(tokens, claim_cues()["characterising_phrases"]):
        return "characterising-phrase"
    if _has(tokens, "position"):
        return None  # est « prêt à défendre ... »: a stance, however quoted
    return "quoted-predicate" if _QUOTED_PREDICATE.search(joined_words(tokens)) else None


def _quote_qualifies_noun(tokens: list[Token]) -> bool:
    """Whether a quotation qualifies a noun (une mesure « inefficace », une politique « qui a
    échoué »): a judgement; a quoted noun after its determiner (une « provocation ») names an act,
    which the speaker accuses someone of (a position)."""
    words = words_of(tokens)
    for k, token in enumerate(tokens):
        if token.text in QUOTE_MARKS and k > 0:
            return words[k - 1] not in DETERMINERS
    return False


def _evaluative_count(tokens: list[Token]) -> int:
    return sum(1 for t in tokens if _evaluative(t))


def _evaluative(token: Token) -> bool:
    """An evaluative word of our list, or an adjective that Pattern's lexicon rates subjective."""
    words, form = cue_set("opinion_words"), norm(token)
    if form in words or token.lemma_ in words:
        return True
    return token.pos_ == "ADJ" and form in subjective_adjectives()


# -- position --------------------------------------------------------------------------------------


def _position(
    tokens: list[Token], reported: Attribution | None, hint: str | None, forecast: Forecast | None
) -> str | None:
    if phrase_in(tokens, claim_cues()["no_comment_phrases"]):
        return None  # "n'a pas souhaité s'exprimer": an act without content (guidelines 15)
    if hint == "position":
        return "position-cue"
    if reported is not None and _speaker_infinitive(reported):
        return "speaker-infinitive"
    # Will and demand words count anywhere in reported content: "il a été très explicite sur le fait
    # qu'il souhaitait ..." states a stance although "souhaitait" sits in a subordinate clause.
    if _has(reported.content if reported is not None else tokens, "position"):
        return "position-word"
    if forecast is not None and forecast.kind == "own-act":
        return "own-act"
    if _first_person_commitment(tokens, reported is None):
        return "first-person"
    root = root_of(tokens)
    if root is not None and is_copular(root) and norm(root) in cue_set("stance_adjectives"):
        return "stance-predicate"  # "Marie-Jo Zimmermann est inquiète", "Elles sont favorables"
    return None


def _speaker_infinitive(reported: Attribution) -> bool:
    """ "a indiqué soutenir l'Iran": an infinitive right after the cue has the speaker as subject."""
    if reported.cue is None or not reported.content or reported.content[0].i < reported.cue.end:
        return False
    for token in reported.content[:6]:
        if norm(token) in ("que", "qu'", ":"):
            return False
        if token.pos_ in ("VERB", "AUX"):
            # A perfect infinitive reports a past event ("a annoncé avoir frappé"), not a stance.
            inf = "Inf" in token.morph.get("VerbForm", [])
            return inf and token.lemma_ not in ("avoir", "être")
    return False


def _first_person_commitment(tokens: list[Token], main_only: bool = False) -> bool:
    """ "Nous allons nommer ...", "Je n'ai été contacté par personne": the speaker's own intended
    act or denial. With `main_only` (a quotation no cue attributes), only the subject of the head
    counts, not one in a clause the parse left inside it ("les dangers dont nous n'avons pas ...")."""
    root = root_of(tokens)
    for i, token in enumerate(tokens):
        if norm(token) not in _FIRST_PERSON or not token.dep_.startswith("nsubj"):
            continue
        if main_only and token.head != root:
            continue
        after = [norm(t) for t in tokens[i + 1 : i + 4]]
        if after and after[0] in ("ne", "n'"):
            return True
        if after and token.head.lemma_ in ("aller", "vouloir", "devoir", "compter"):
            return True
        if any(t.lemma_ == "aller" for t in tokens[i + 1 : i + 3]):
            return True
    return False


def _has(tokens: list[Token], kind: str) -> bool:
    lemmas = cue_set(f"{kind}_lemmas")
    pairs = zip(tokens, words_of(tokens), strict=True)
    if any(
        (t.lemma_ in lemmas or w in lemmas or _reflexive_lemma(t) in lemmas)
        and not is_sentenced(t)
        and not _passive(t)
        for t, w in pairs
    ):
        return True
    return phrase_in(tokens, claim_cues().get(f"{kind}_phrases", []))


def _reflexive_lemma(token: Token) -> str:
    """ "s'engager" for "s'est engagée", "se réjouir" for "je me réjouis" (lexicon entries of pronominal
    verbs carry their clitic); "" when the verb has no reflexive clitic."""
    if token.pos_ != "VERB" or not any(
        c.dep_.startswith("expl") and norm(c) in _REFLEXIVES for c in token.children
    ):
        return ""
    lemma = token.lemma_.lower()
    return f"s'{lemma}" if lemma[:1] in "aeéèêiouyh" else f"se {lemma}"


def _passive(token: Token) -> bool:
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


# -- rule, causal ----------------------------------------------------------------------------------


def _is_rule(tokens: list[Token]) -> bool:
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


def _legal_text(reported: Attribution | None) -> bool:
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


def _hedged_explanation(tokens: list[Token], forecast: Forecast | None) -> bool:
    """ "il pourrait s'expliquer par la présence des CRS", "pourrait être dû à": an explanation of
    what happened, put forward with reserve (a hedged causal claim, guidelines 3), not a forecast."""
    if forecast is None or not is_conditional_form(forecast.token):
        return False
    return phrase_in(tokens, claim_cues()["explanation_phrases"])


def _is_causal(tokens: list[Token]) -> bool:
    if phrase_in(tokens, ("il n' empêche", "n' empêche que")):
        return False  # "Il n'empêche que ...": a concession ("all the same"), not a prevention
    if phrase_in(tokens, claim_cues()["causal_phrases"]):
        return True
    lemmas = cue_set("causal_lemmas")
    return any(t.pos_ == "VERB" and t.lemma_.lower() in lemmas for t in tokens)
