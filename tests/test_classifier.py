"""The claim-type model where no rule cue fires (claimwire.annotate.classifier), real spaCy model.

The sentences are written for these tests; none comes from a gold part.
"""

from __future__ import annotations

import pytest
import spacy
from helpers import build as document

from claimwire.annotate import MODEL, Annotator
from claimwire.annotate.classifier import ClaimModel, load_model
from claimwire.schema import labels


@pytest.fixture(scope="module")
def annotators() -> tuple[Annotator, Annotator]:
    nlp = spacy.load(MODEL, exclude=["senter"])
    return Annotator(nlp), Annotator(nlp, model=None)


def first(annotator: Annotator, text: str):
    return annotator.annotate(*document([text, "Le reste suit."]))[0]


def test_shipped_model_covers_the_labels_and_was_trained_on_dev_and_bank() -> None:
    model = load_model()
    assert model.labels == list(labels("claim_type"))
    assert len(model.bias) == len(model.labels)
    assert model.matrix.shape == (len(model.index), len(model.labels))
    assert len(model.index) > 1000


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le syndicat s'est dit « ouvert » à une discussion sur les salaires.", "position"),
        (
            "La ministre a annoncé mardi le déblocage d'une aide de deux millions d'euros "
            "pour les éleveurs.",
            "position",
        ),
    ],
)
def test_model_labels_what_no_rule_cue_caught(annotators, text: str, expected: str) -> None:
    with_model, rules_alone = annotators
    assert first(rules_alone, text).claim_type == "event"  # the rules' default
    sentence = first(with_model, text)
    assert sentence.claim_type == expected
    assert sentence.verifiability == "verifiable"
    assert sentence.confidence == 0.6  # a model decision is reviewed before the rules' defaults


def test_model_leaves_rule_decisions_alone(annotators) -> None:
    with_model, rules_alone = annotators
    for text in (
        "Le prix du gaz a augmenté de 12 % en un an.",
        "Le stationnement est interdit rue Carnot jusqu'au 15 juin.",
        "Que s'est-il passé ?",
    ):
        assert first(with_model, text).claim_type == first(rules_alone, text).claim_type


def test_guess_is_a_softmax_over_summed_weights() -> None:
    model = ClaimModel(["a", "b"], [0.0, 0.5], {"x": [2.0, 0.0], "y": [0.0, 1.0]})
    assert model.guess([]).label == "b"
    guess = model.guess(["x", "x"])  # a feature counts once
    assert guess.label == "a"
    assert guess.probability == pytest.approx(1 / (1 + 2.718281828459045 ** (0.5 - 2.0)))
    assert model.guess(["y", "x"]) == model.guess(["x", "y"])
