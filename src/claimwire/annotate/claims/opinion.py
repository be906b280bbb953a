"""Opinion cues: judgements and evaluations, in the writer's voice or a speaker's (evaluative words and
predicates, opinion verbs and phrases, characterisations, first-person taste, normative duty)."""

from __future__ import annotations

import re

from spacy.tokens import Token

from claimwire.annotate.claims.common import cue_says, has_cue, reflexive_lemma
from claimwire.annotate.clause import is_copular, root_of
from claimwire.annotate.grammar import (
    DETERMINERS,
    FIRST_PERSON,
    QUOTE_MARKS,
    norm,
)
from claimwire.annotate.lexicon import claim_cues, cue_set, subjective_adjectives
from claimwire.annotate.types import Attribution
from claimwire.annotate.wording import joined_words, phrase_in, words_of

# A copula followed by a quotation, at most one adverb in between: sont « optimistes », est
# « plutôt optimiste », sont « avant tout des opérations de communication ».
_QUOTED_PREDICATE = re.compile(
    r" (?:est|sont|était|étaient|reste|restent|demeure|demeurent)(?: [^ «“\"]+)? [«“\"] "
)


def intensified_adjective(tokens: list[Token]) -> bool:
    """An adjective under a degree adverb ("très ludique", "fort réussie"): an evaluation."""
    return any(
        t.pos_ == "ADJ" and any(norm(c) in cue_set("intensifiers") for c in t.children)
        for t in tokens
    )


def opens_with_adjective(tokens: list[Token]) -> bool:
    """A verbless sentence whose head is an adjective that opens it, after a connective: "Triste
    pour les musiciens.", "Mais désolante aussi pour la ville.", "Vivifiant en diable !". Not a
    participle ("Parti de Cholet, ...") nor a state ("originaire de la commune")."""
    rest = tokens[1:] if tokens and norm(tokens[0]) in cue_set("connectives") else tokens
    if not rest or rest[0].pos_ != "ADJ" or "Part" in rest[0].morph.get("VerbForm", []):
        return False
    return rest[0].head.i == rest[0].i or rest[0].head.pos_ != "NOUN"


def opinion_rule(tokens: list[Token], hint: str | None) -> str | None:
    if hint == "opinion":
        return "opinion-cue"
    if phrase_in(tokens, claim_cues()["opinion_phrases"]):
        return "opinion-phrase"
    root = root_of(tokens)
    verbs = cue_set("opinion_verbs")
    if root is not None and (
        root.lemma_.lower() in verbs or norm(root) in verbs or reflexive_lemma(root) in verbs
    ):
        return "opinion-verb"
    if root is not None and _first_person_taste(root):
        return "opinion-verb"  # "J'aime beaucoup la musique" (not "Elle aimait se promener")
    if root is not None and _normative_duty(root, tokens):
        return "normative"
    evaluative = evaluative_count(tokens)
    if root is not None and is_copular(root) and (evaluative or intensified_adjective([root])):
        return "evaluative-predicate"  # "La soirée fut une belle réussite", "sont très correctes"
    if root is not None and _verbless_head(root, tokens) and _evaluates_head(root):
        # "Triste pour les musiciens qui ...", "Un rite incontournable qui dépend de ...": the main
        # clause has no verb (only its relative clauses have one) and evaluates.
        return "evaluative-head"
    return "evaluative-words" if evaluative >= 2 else None


def _first_person_taste(root: Token) -> bool:
    return root.lemma_ in cue_set("taste_verbs") and any(
        c.dep_.startswith("nsubj") and norm(c) in FIRST_PERSON for c in root.children
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
    if any(norm(c) in FIRST_PERSON for c in subjects):
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


def characterisation(tokens: list[Token], reported: Attribution | None) -> str | None:
    """Reported speech that characterises rather than states (hard case 3): « C'est une victoire »,
    « La pauvreté n'est pas un délit », a quoted predicate (sont « optimistes »), a cue such as
    "dénoncer" whose object is a quoted judgement (dénoncent une mesure « inefficace »), or praise
    of something evaluated ("s'est félicité de ... encourageants"; not "Les Iraniens « négocient »,
    s'est-il félicité", whose content is an event)."""
    if reported is None:
        return None
    if cue_says(reported, "characterising_cues") and _quote_qualifies_noun(tokens):
        return "characterising-cue"
    if cue_says(reported, "praising_cues") and evaluative_count(tokens):
        return "characterising-cue"  # "s'est félicitée de « résultats encourageants »"
    if phrase_in(tokens, claim_cues()["characterising_phrases"]):
        return "characterising-phrase"
    if has_cue(tokens, "position"):
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


def evaluative_count(tokens: list[Token]) -> int:
    return sum(1 for t in tokens if _evaluative(t))


def _evaluative(token: Token) -> bool:
    """An evaluative word of our list, or an adjective that Pattern's lexicon rates subjective."""
    words, form = cue_set("opinion_words"), norm(token)
    if form in words or token.lemma_ in words:
        return True
    return token.pos_ == "ADJ" and form in subjective_adjectives()
