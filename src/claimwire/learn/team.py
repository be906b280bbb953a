"""`claimwire train`: a corpus's own claim-type model, from its human sentences and the shipped data.

The team's sentences are those an annotator corrected or adjudicated in the `train` and
`validation` splits (the `test` split is held-out gold: never learnt from, never scored here).
Together they weigh half the shipped data (each at least as much as a shipped sentence), so a few
hundred move a model trained on about 2,300; a shipped sentence whose text the team annotated is
replaced by the team's. Shipped and new are compared by 5-fold cross-validation on the team's sentences (folds by document): the new model is
trained on the shipped data and the other folds, for both scopes (the model where no rule cue fired,
as shipped, or wherever the rules are not final), and the better scope is kept. The new model is
written only when its cross-validated claim-type macro-F1 beats the shipped model's; otherwise the
shipped model stays. Like the shipped model, it learns claim type and verifiability together (the
label pairs of `corpus.model.pair_labels`); its probabilities are calibrated by the temperature that
fits the out-of-fold predictions on the team's sentences (`claimwire.learn.calibration`).
Everything is deterministic: the same corpus gives the same bytes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from claimwire.annotate import Annotator
from claimwire.annotate.classifier import SCOPES, ClaimModel, load_model
from claimwire.corpus.model import pair_labels
from claimwire.corpus.store import read_corpus
from claimwire.learn.calibration import fit_temperature
from claimwire.learn.examples import FOLDS, Example, examples_of, fold_of, shipped_examples
from claimwire.learn.logreg import Fitted, Settings, accuracy, fit, macro_f1

# The team's sentences together weigh this share of the shipped training data (each at least 1).
TEAM_SHARE = 0.5
TRAIN_SPLITS = ("train", "validation")


@dataclass(frozen=True, slots=True)
class Figures:
    """Claim type and verifiability of the team's sentences as a system labels them."""

    claim_type_accuracy: float
    claim_type_macro_f1: float
    verifiability_accuracy: float
    verifiability_macro_f1: float

    @classmethod
    def of(cls, data: Sequence[Example], predicted: Sequence[tuple[str, str]]) -> Figures:
        gold = [e.claim_type for e in data]
        gold_v = [e.verifiability for e in data]
        pred = [c for c, _ in predicted]
        pred_v = [v for _, v in predicted]
        return cls(
            accuracy(gold, pred),
            macro_f1(gold, pred),
            accuracy(gold_v, pred_v),
            macro_f1(gold_v, pred_v),
        )

    def line(self) -> str:
        return (
            f"claim_type accuracy {self.claim_type_accuracy:.3f} macro-F1 "
            f"{self.claim_type_macro_f1:.3f} | verifiability accuracy "
            f"{self.verifiability_accuracy:.3f} macro-F1 {self.verifiability_macro_f1:.3f}"
        )


@dataclass(slots=True)
class TrainResult:
    """What `train_corpus` learnt and measured; `model` is None when the shipped model stays."""

    team: int = 0
    documents: int = 0
    held_out: int = 0  # human sentences of the test split, left out
    shipped: Figures | None = None
    new: dict[str, Figures] = field(default_factory=dict)  # by scope
    scope: str = "default"
    model: bytes | None = None
    verdict: str = ""


def team_examples(corpus_dir: Path, annotator: Annotator) -> tuple[list[Example], int]:
    """Examples of the human sentences of the train and validation splits, and the number of
    human sentences of the test split (left out)."""
    corpus = read_corpus(corpus_dir)
    items, held_out = [], 0
    for doc_id in sorted(corpus.documents):
        sentences = corpus.sentences[doc_id]
        human = [s.annotation.status != "auto" for s in sentences]
        if not any(human):
            continue
        if corpus.splits[doc_id] not in TRAIN_SPLITS:
            held_out += sum(human)
            continue
        items.append((doc_id, corpus.documents[doc_id], sentences, human))
    parsed = examples_of(annotator, "team", [(d, doc, sents) for d, doc, sents, _ in items])
    flags = [flag for *_, human in items for flag in human]
    return [e for e, keep in zip(parsed, flags, strict=True) if keep], held_out


def fit_with_team(
    shipped: Sequence[Example],
    team: Sequence[Example],
    settings: Settings,
    team_weight: float | None = None,
    exclude: frozenset[str] = frozenset(),
) -> Fitted:
    """The model of the shipped examples (minus those the team annotated, and any whose text key
    is in `exclude`) and the team's."""
    seen = {e.text_key for e in team} | exclude
    data = [e for e in shipped if not e.final and e.text_key not in seen]
    own = [e for e in team if not e.final]
    weight = team_weight if team_weight is not None else weight_of(len(data), len(own))
    data += own
    weights = [weight if e.part == "team" else 1.0 for e in data]
    return fit([e.features for e in data], [e.pair for e in data], pair_labels(), settings, weights)


def weight_of(shipped: int, team: int) -> float:
    """Each team sentence's weight: together they weigh `TEAM_SHARE` of the shipped data."""
    return round(max(1.0, TEAM_SHARE * shipped / max(team, 1)), 3)


def as_model(fitted: Fitted, scope: str, temperature: float = 1.0) -> ClaimModel:
    weights = {f: list(fitted.weights[i]) for i, f in enumerate(fitted.vocab)}
    return ClaimModel(fitted.labels, list(fitted.bias), weights, scope, temperature=temperature)


def baseline(shipped: Sequence[Example], team: Sequence[Example], settings: Settings) -> ClaimModel:
    """The shipped model; retrained without them when the shipped data holds team sentences (their
    labels in the shipped data would flatter it)."""
    seen = {e.text_key for e in team}
    if not any(e.text_key in seen for e in shipped):
        return load_model()
    return as_model(
        fit_with_team([e for e in shipped if e.text_key not in seen], [], settings), "default"
    )


@dataclass(frozen=True, slots=True)
class OutOfFold:
    """The team's sentences as the new model labels them out of fold: the labels by scope, and
    the temperature that calibrates its probabilities on them."""

    predicted: dict[str, list[tuple[str, str]]]
    temperature: float


def cross_validate(
    shipped: Sequence[Example],
    team: Sequence[Example],
    settings: Settings,
    team_weight: float | None = None,
) -> OutOfFold:
    """Out-of-fold labels of the team's sentences, by scope, and the calibrating temperature
    (fitted on the out-of-fold scores of the sentences a model may decide)."""
    predicted: dict[str, list[tuple[str, str]]] = {s: [("", "")] * len(team) for s in SCOPES}
    names = pair_labels()
    scores = np.zeros((len(team), len(names)))
    # A shipped copy of a sentence of the test fold would leak its label into training.
    everyone = frozenset(e.text_key for e in team)
    for fold in range(FOLDS):
        test = [i for i, e in enumerate(team) if fold_of(e.group) == fold]
        if not test:
            continue
        rest = [e for e in team if fold_of(e.group) != fold]
        fitted = fit_with_team(shipped, rest, settings, team_weight, everyone)
        scores[test] = fitted.scores([team[i].features for i in test])
        for scope in SCOPES:
            model = as_model(fitted, scope)
            for i in test:
                predicted[scope][i] = team[i].predicted(model)
    learnable = [i for i, e in enumerate(team) if not e.final and e.features]
    gold = [names.index(team[i].pair) for i in learnable]
    return OutOfFold(predicted, fit_temperature(scores[learnable], gold))


def train_corpus(
    corpus_dir: Path, annotator: Annotator | None = None, settings: Settings | None = None
) -> TrainResult:
    """Learn from `corpus_dir`'s human sentences; the model's bytes when it beats the shipped one."""
    team, held_out = team_examples(corpus_dir, annotator or Annotator(model=None))
    result = learn_from(shipped_examples(), team, settings or Settings())
    result.held_out = held_out
    return result


def learn_from(
    shipped: Sequence[Example],
    team: Sequence[Example],
    settings: Settings,
    team_weight: float | None = None,
) -> TrainResult:
    """Cross-validate shipped against new on `team`, and train the new model if it is better."""
    result = TrainResult(team=len(team), documents=len({e.group for e in team}))
    if len({fold_of(e.group) for e in team}) < 2:
        result.verdict = (
            "too few human sentences to cross-validate (they must lie in documents of at least "
            "two folds): the shipped model stays"
        )
        return result
    reference = baseline(shipped, team, settings)
    result.shipped = Figures.of(team, [e.predicted(reference) for e in team])
    out_of_fold = cross_validate(shipped, team, settings, team_weight)
    result.new = {scope: Figures.of(team, out_of_fold.predicted[scope]) for scope in SCOPES}
    result.scope = max(SCOPES, key=lambda s: result.new[s].claim_type_macro_f1)  # first on ties
    best = result.new[result.scope]
    if best.claim_type_macro_f1 <= result.shipped.claim_type_macro_f1:
        result.verdict = (
            f"the new model does not beat the shipped one (claim_type macro-F1 "
            f"{best.claim_type_macro_f1:.3f} vs {result.shipped.claim_type_macro_f1:.3f}): "
            "the shipped model stays"
        )
        return result
    fitted = fit_with_team(shipped, team, settings, team_weight)
    seen = {e.text_key for e in team}
    used = [e for e in shipped if not e.final and e.text_key not in seen]
    trained_on = dict(Counter(e.part for e in [*used, *team] if not e.final))
    weight = team_weight if team_weight is not None else weight_of(len(used), trained_on["team"])
    result.model = fitted.to_bytes(
        trained_on,
        settings,
        scope=result.scope,
        team_weight=weight,
        temperature=out_of_fold.temperature,
    )
    result.verdict = (
        f"the new model beats the shipped one (claim_type macro-F1 {best.claim_type_macro_f1:.3f}"
        f" vs {result.shipped.claim_type_macro_f1:.3f}, scope {result.scope})"
    )
    return result
