"""claim_type, verifiability and confidence on sentences written for each rule (real spaCy model).

The sentences are written for these tests from the guidelines' decisions (schema/GUIDELINES.md 1.0);
none comes from the held-out gold.
"""

from __future__ import annotations

import orjson
import pytest
from helpers import build as document

from claimwire.annotate import Annotator
from claimwire.records import Sentence


@pytest.fixture(scope="module")
def annotator() -> Annotator:
    return Annotator()


def labels(annotator: Annotator, text: str) -> tuple[str, str]:
    [s] = annotator.annotate(*document([text, "Le reste suit."]))[:1]
    return s.claim_type, s.verifiability


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # hard case 2: a scheduled future is an event; a forecast or a hypothetical is a prediction
        ("Le concert sera donné samedi à 20 h à la salle des fêtes.", ("event", "verifiable")),
        ("Les membres du club se réuniront ce soir.", ("event", "verifiable")),
        (
            "Selon les prévisions, la croissance ralentira l'an prochain.",
            ("prediction", "unverifiable"),
        ),
        ("Le chômage pourrait atteindre 9 %, selon l'OFCE.", ("prediction", "unverifiable")),
        ("Ce prêt aurait permis de relancer la production.", ("prediction", "unverifiable")),
        # the speaker's own act or side is a position
        ("« Nous allons fermer deux usines », a déclaré le PDG.", ("position", "verifiable")),
        ("Le groupe fermera le site en 2027, a annoncé sa direction.", ("position", "verifiable")),
        # quantity only when the figure is the point
        ("Le maire avait 58 ans.", ("event", "verifiable")),
        ("Pendant 15 ans, elle a dirigé la chorale.", ("event", "verifiable")),
        ("Le prix du gaz a augmenté de 12 % en un an.", ("quantity", "verifiable")),
        ("Trois personnes sont mortes dans l'incendie.", ("quantity", "verifiable")),
        (
            "Des centaines de manifestants se sont rassemblés devant la mairie.",
            ("event", "verifiable"),
        ),
        # evaluative predicates are opinions; evaluative wording in a fact is not
        ("La soirée fut une belle réussite.", ("opinion", "unverifiable")),
        ("Le terrible accident a fait deux morts.", ("quantity", "verifiable")),
        # rules, causes, acts without content
        ("Le stationnement est interdit rue Carnot jusqu'au 15 juin.", ("rule", "verifiable")),
        ("La sécheresse a provoqué une chute des récoltes.", ("causal", "verifiable")),
        ("Son avocat n'a pas souhaité s'exprimer.", ("event", "verifiable")),
        ("Le tribunal a condamné la société à 20.000 euros d'amende.", ("event", "verifiable")),
        # hedging: the journalistic conditional, not an anonymous but specific source
        (
            "Le suspect aurait quitté la France, selon une source proche de l'enquête.",
            ("event", "hedged"),
        ),
        ("Son indemnité s'élèverait à 1,5 million d'euros.", ("quantity", "hedged")),
        (
            "Le suspect a été interpellé, a-t-on appris de source policière.",
            ("event", "verifiable"),
        ),
        # an adjective Pattern's subjectivity lexicon rates subjective, as the predicate
        ("La nourriture de la cantine y est très bonne.", ("opinion", "unverifiable")),
        # "devoir" without a date is a duty (normative), with one a schedule
        ("Le théâtre doit être léger et populaire.", ("opinion", "unverifiable")),
        ("Le conseil municipal doit se réunir lundi.", ("event", "verifiable")),
        # a passive participle undergoes the call; a pronominal position verb states a stance
        ("Les électeurs du canton sont appelés aux urnes dimanche.", ("event", "verifiable")),
        ("La société s'est engagée à moderniser ses trains.", ("position", "verifiable")),
        # a small count in words that only introduces its actors
        ("Deux frères du marquis participent également à la bataille.", ("event", "verifiable")),
        # instructions to the reader: infinitive or imperative
        ("Profitez de la vue sur le parc pendant le petit déjeuner.", ("none", "not_applicable")),
    ],
)
def test_claim_rules(annotator: Annotator, text: str, expected: tuple[str, str]) -> None:
    assert labels(annotator, text) == expected


def test_headline_is_none_without_sources(annotator: Annotator) -> None:
    doc, sentences = document(
        ["Pékin menace de riposter aux taxes européennes"],
        ["La Chine a averti mercredi qu'elle riposterait.", "Bruxelles n'a pas réagi."],
    )
    headline, body, _ = annotator.annotate(doc, sentences)
    assert (headline.claim_type, headline.verifiability, headline.sources) == (
        "none",
        "not_applicable",
        [],
    )
    assert body.claim_type == "position" and body.sources


def test_confidence_is_set_rounded_and_lower_for_weak_decisions(annotator: Annotator) -> None:
    doc, sentences = document(
        ["Que s'est-il passé ?", "Les pourparlers ont repris.", "Il a jugé la situation grave."]
    )
    result = annotator.annotate(doc, sentences)
    for s in result:
        assert s.confidence is not None and 0 <= s.confidence <= 1
        assert s.confidence == round(s.confidence, 3)
    question, default, _ = result
    assert question.confidence is not None and default.confidence is not None
    assert question.confidence > default.confidence


def test_same_input_gives_byte_identical_output(annotator: Annotator) -> None:
    paragraphs = (
        ["Le séisme a fait des milliers de morts.", "« C'est une erreur », estime la ministre."],
        ["Selon des analystes, un blocage ferait flamber les prix."],
    )
    first = annotator.annotate(*document(*paragraphs))
    again = Annotator().annotate(*document(*paragraphs))
    batched = next(iter(annotator.annotate_many([document(*paragraphs)], batch_size=4)))

    def dump(sentences: list[Sentence]) -> bytes:
        return b"\n".join(orjson.dumps(s.to_dict()) for s in sentences)

    assert dump(first) == dump(again) == dump(batched)
