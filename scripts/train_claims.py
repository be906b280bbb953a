"""Train a spaCy text classifier for claim_type on the gold dev part, and measure whether it helps.

    /work/venv/bin/python scripts/train_claims.py            # leave-one-document-out figures on dev
    /work/venv/bin/python scripts/train_claims.py --out DIR  # also train on all of dev, save to DIR

The classifier is a bag-of-words `textcat` (exclusive classes, unigrams and bigrams, hashed to 16k
features: 2.1 MB on disk), trained with a fixed seed, so the same data gives the same weights. It is
measured alone and as a tie-breaker of the rules: on a sentence whose rule confidence is below
`--below`, its label replaces the rules' when its probability reaches `--min-prob`. Only the dev part
is read; the held-out part is never used for training or tuning. Result on 2026-11-26 (177 dev
sentences): the classifier alone is far below the rules and never improved them as tie-breaker, so
this textcat was not shipped (see the module docstring of `claimwire.annotate.claims`).
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.training import Example
from spacy.util import fix_random_seed

from claimwire.annotate import Annotator
from claimwire.convert import auto_sentences
from claimwire.corpus.store import read_corpus
from claimwire.schema import labels

GOLD_DEV = Path(__file__).resolve().parents[1] / "tests" / "gold" / "dev"
SEED = 0


def train(data: list[tuple[str, str]], epochs: int) -> Language:
    """A blank French pipeline with one textcat trained on (text, claim_type) pairs."""
    fix_random_seed(SEED)
    nlp = spacy.blank("fr")
    architecture = {
        "@architectures": "spacy.TextCatBOW.v3",
        "exclusive_classes": True,
        "ngram_size": 2,
        "no_output_layer": False,
        "length": 16384,
    }
    textcat = nlp.add_pipe("textcat", config={"model": architecture})
    names = labels("claim_type")
    for name in names:
        textcat.add_label(name)
    examples = [
        Example.from_dict(nlp.make_doc(text), {"cats": {n: float(n == y) for n in names}})
        for text, y in data
    ]
    optimizer = nlp.initialize(lambda: examples)
    order = random.Random(SEED)
    for _ in range(epochs):
        order.shuffle(examples)
        for i in range(0, len(examples), 8):
            nlp.update(examples[i : i + 8], sgd=optimizer, drop=0.1)
    return nlp


def macro_f1(pairs: list[tuple[str, str]]) -> tuple[float, float]:
    """Macro-F1 over the claim_type labels and accuracy of (gold, predicted) pairs."""
    scores = []
    for name in labels("claim_type"):
        tp = sum(g == p == name for g, p in pairs)
        wrong = sum((g == name) != (p == name) for g, p in pairs)
        scores.append(2 * tp / (2 * tp + wrong) if tp else 0.0)
    return sum(scores) / len(scores), sum(g == p for g, p in pairs) / len(pairs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--below", type=float, default=0.7, help="rule confidence to break ties")
    parser.add_argument("--min-prob", type=float, default=0.5)
    parser.add_argument("--out", type=Path, help="train on all of dev and save the pipeline here")
    args = parser.parse_args()
    gold = read_corpus(GOLD_DEV)
    annotator = Annotator()
    rows = []  # (document, text, gold label, rule label, rule confidence)
    for doc_id, document in gold.documents.items():
        predicted = {s.start: s for s in annotator.annotate(document, auto_sentences(document))}
        for s in gold.sentences[doc_id]:
            p = predicted[s.start]
            rows.append((doc_id, s.text, s.claim_type, p.claim_type, p.confidence or 0.0))
    rules, alone, combined = [], [], []
    for held in sorted(gold.documents):
        nlp = train([(t, y) for d, t, y, _, _ in rows if d != held], args.epochs)
        for d, text, y, rule, conf in rows:
            if d != held:
                continue
            cats = nlp(text).cats
            top = max(cats, key=lambda n: (cats[n], n))
            rules.append((y, rule))
            alone.append((y, top))
            tie = conf < args.below and cats[top] >= args.min_prob
            combined.append((y, top if tie else rule))
    print(f"leave-one-document-out on {len(rows)} dev sentences ({len(gold.documents)} documents)")
    for name, pairs in (("rules", rules), ("textcat", alone), ("rules+textcat", combined)):
        f1, acc = macro_f1(pairs)
        print(f"{name:<16} claim_type macro-F1 {f1:.3f}  accuracy {acc:.3f}")
    if args.out is not None:
        train([(t, y) for _, t, y, _, _ in rows], args.epochs).to_disk(args.out)
        print(f"saved to {args.out}")


if __name__ == "__main__":
    main()
