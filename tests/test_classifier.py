"""The claim-type model where no rule cue fires (claimwire.annotate.classifier), real spaCy model.

The sentences are written for these tests; none comes from a gold part.
"""

from __future__ import annotations

import math

import numpy
import pytest
import spacy
from helpers import build as document

from claimwire.annotate import MODEL, Annotator, read_sentences
from claimwire.annotate.classifier import ClaimModel, Guess, decide, features, load_model
from claimwire.annotate.verifiability import hedge_reason
from claimwire.annotate.wordclusters import clusters_of
from claimwire.corpus.model import pair_labels
from claimwire.schema import label_rules, labels


@pytest.fixture(scope="module")
def annotators() -> tuple[Annotator, Annotator]:
    nlp = spacy.load(MODEL, exclude=["senter"])
    return Annotator(nlp), Annotator(nlp, model=None)


def first(annotator: Annotator, text: str):
    return annotator.annotate(*document([text, "Le reste suit."]))[0]


def model_guess(annotator: Annotator, text: str) -> Guess:
    """The model's guess for the first sentence, read as the annotator reads it."""
    assert annotator.model is not None
    doc_, sentences = document([text, "Le reste suit."])
    parsed = next(annotator.parse([(doc_, sentences)]))
    r = read_sentences(doc_, sentences, parsed)[0]
    assert r.span is not None and r.clause is not None
    hedge = hedge_reason(r.span, r.clause, r.attributions)
    feats = features(r.span, r.clause, r.attributions, r.decision, hedge)
    return annotator.model.guess(feats, hedge)


def test_shipped_model_covers_the_labels_and_was_trained_on_dev_and_bank() -> None:
    model = load_model()
    assert model.labels == pair_labels()
    assert {c for c, _ in model.pairs} == set(labels("claim_type"))
    assert all(label_rules().broken(c, v) is None for c, v in model.pairs)
    assert 0.5 <= model.temperature <= 4.0
    assert len(model.bias) == len(model.labels)
    assert model.matrix.shape == (len(model.index), len(model.labels))
    assert len(model.index) > 1000


@pytest.mark.parametrize(
    ("text", "expected", "verifiability"),
    [
        # Evaluations in the writer's voice: no rule cue, the model reads them (issue 12).
        ("Cet hôtel est un vrai bijou, je le recommande.", "opinion", "unverifiable"),
        ("Je vous conseille ce restaurant.", "opinion", "unverifiable"),
    ],
)
def test_model_labels_what_no_rule_cue_caught(
    annotators, text: str, expected: str, verifiability: str
) -> None:
    with_model, rules_alone = annotators
    assert first(rules_alone, text).claim_type == "event"  # the rules' default
    sentence = first(with_model, text)
    assert (sentence.claim_type, sentence.verifiability) == (expected, verifiability)
    # Where the model decides, the confidence is its calibrated probability of the pair.
    guess = model_guess(with_model, text)
    assert (guess.claim_type, guess.verifiability) == (expected, verifiability)
    assert sentence.confidence == round(guess.probability, 3)


def test_model_leaves_rule_decisions_alone(annotators) -> None:
    """The shipped scope (`default`): the model decides only where no rule cue fired."""
    with_model, rules_alone = annotators
    assert load_model().scope == "default"
    fields = ("claim_type", "verifiability", "confidence")
    for text in (
        "Le prix du gaz a augmenté de 12 % en un an.",
        "Le stationnement est interdit rue Carnot jusqu'au 15 juin.",
        "Que s'est-il passé ?",
    ):
        assert [getattr(first(with_model, text), f) for f in fields] == [
            getattr(first(rules_alone, text), f) for f in fields
        ]


def test_the_rules_hedge_survives_the_model() -> None:
    """A pair the model reads `verifiable` becomes `hedged` where the rules see a hedge, with the
    claim type's probability; an implied verifiability never changes."""
    pairs = [("event", "verifiable"), ("event", "hedged"), ("opinion", "unverifiable")]
    p = numpy.array([0.6, 0.1, 0.3])
    assert decide(p, pairs, None) == Guess("event", "verifiable", 0.6)
    assert decide(p, pairs, "conditional") == Guess("event", "hedged", pytest.approx(0.7))
    q = numpy.array([0.2, 0.1, 0.7])
    assert decide(q, pairs, "conditional") == Guess("opinion", "unverifiable", 0.7)


def test_guess_is_a_softmax_over_summed_weights() -> None:
    pairs = ["event/verifiable", "opinion/unverifiable"]
    model = ClaimModel(pairs, [0.0, 0.5], {"x": [2.0, 0.0], "y": [0.0, 1.0]})
    assert model.guess([]).claim_type == "opinion"
    guess = model.guess(["x", "x"])  # a feature counts once
    assert (guess.claim_type, guess.verifiability) == ("event", "verifiable")
    assert guess.probability == pytest.approx(1 / (1 + math.exp(0.5 - 2.0)))
    assert model.guess(["y", "x"]) == model.guess(["x", "y"])


def test_temperature_changes_the_probability_never_the_pair() -> None:
    weights = {"x": [2.0, 0.0], "y": [0.0, 1.0]}
    pairs = ["event/verifiable", "opinion/unverifiable"]
    for feats in ([], ["x"], ["y"], ["x", "y"]):
        plain = ClaimModel(pairs, [0.0, 0.5], weights).guess(feats)
        sharp = ClaimModel(pairs, [0.0, 0.5], weights, temperature=0.5).guess(feats)
        assert (sharp.claim_type, sharp.verifiability) == (plain.claim_type, plain.verifiability)
        assert sharp.probability >= plain.probability
    sharp = ClaimModel(pairs, [0.0, 0.5], weights, temperature=0.5).guess(["x"])
    assert sharp.probability == pytest.approx(1 / (1 + math.exp((0.5 - 2.0) / 0.5)))


def test_word_clusters_group_words_of_like_meaning() -> None:
    """The clusters of fr_core_news_md's vectors (package data): evaluative adjectives together,
    apart from reporting verbs; a word without a vector has none."""
    assert clusters_of("incroyable") == clusters_of("formidable")
    assert clusters_of("incroyable")[0] != clusters_of("déclarer")[0]
    assert clusters_of("affirmer")[0] == clusters_of("déclarer")[0]
    assert clusters_of("zzzqxw") == ()
