"""Measure whether a small logistic regression over the rules' features beats the rules alone.

    /work/venv/bin/python scripts/train_claims_lr.py

Features, all already in the parsed Doc (no second spaCy pass): the rules' label, rival labels and
weak cues, the kind of future or conditional, whether a source was found, sentence length, NUM
tokens, Mood=Cnd, Tense=Fut, a verb, a first-person pronoun, and the mean of `doc.tensor` over the
sentence (96 dimensions of fr_core_news_sm's tok2vec). The model is a multinomial logistic regression
with L2, trained by full-batch gradient descent from zeros (deterministic: no seed, no shuffling),
numpy only. Keeps the rules' `none`. Evaluated by leave-one-document-out on the gold dev part (gold
sentence boundaries), on all of dev and on the Est Républicain documents added as fresh real text.
Only the dev part is read.

Result on 2026-11-26 (531 dev sentences, 40 documents; the rules at commit "claims: « attend(ent)
que » ..."): rules alone accuracy 0.876, macro-F1 0.870 (fresh documents 0.760 / 0.574); the rules'
features alone reproduce them at best (0.876 / 0.870); adding the tensor lowers every figure (at
best 0.872 / 0.867, fresh 0.754 / 0.569); the tensor alone reaches 0.54-0.56 accuracy, macro-F1
0.30-0.35. The annotator ships no model (`claimwire.annotate.claims`).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from claimwire.annotate import Annotator, _alone_in_paragraph, _share_quotations
from claimwire.annotate.claims import decide, is_headline
from claimwire.annotate.clause import claim_clause
from claimwire.annotate.mentions import Names
from claimwire.annotate.quotes import Quotes, quote_spans
from claimwire.annotate.sources import AttributionFinder
from claimwire.corpus.store import read_corpus
from claimwire.schema import labels

GOLD_DEV = Path(__file__).resolve().parents[1] / "tests" / "gold" / "dev"
FRESH = {
    f"est-republicain-{n}"
    for n in [
        "0000",
        "0001",
        "0004",
        "0007",
        "0008",
        "0009",
        "0010",
        "0011",
        "0013",
        "0014",
        "0018",
        "0020",
        "0021",
        "0041",
        "0043",
    ]
}
FUTURES = ("forecast", "hypothetical", "counterfactual", "own-act", "scheduled", "hedge")
N_RULE_FEATURES = 32


def features(annotator: Annotator) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(features, gold label index, document id, rules' label index) of every dev sentence."""
    names = labels("claim_type")
    gold = read_corpus(GOLD_DEV)
    rows, ys, groups, rules = [], [], [], []
    for doc_id, document in sorted(gold.documents.items()):
        sentences = gold.sentences[doc_id]
        doc = annotator._bounded_doc(document, sentences)
        for _, component in annotator.nlp.pipeline:
            doc = component(doc)
        finder = AttributionFinder(
            Quotes(quote_spans(document.text, document.paragraphs)), Names(doc)
        )
        spans = [doc.char_span(s.start, s.end, alignment_mode="expand") for s in sentences]
        found = [finder.find(span) for span in spans]
        _share_quotations(spans, found, finder)
        alone = _alone_in_paragraph(sentences)
        for i, (sentence, span) in enumerate(zip(sentences, spans, strict=True)):
            headline = is_headline(sentence.text, alone[i])
            attributions = [] if headline else found[i]
            decision = decide(span, claim_clause(span, attributions), attributions, headline)
            kind = decision.forecast.kind if decision.forecast is not None else None
            row = [float(decision.label == n) for n in names]
            row += [float(n in decision.rivals) for n in names]
            row += [float(w in decision.weak_cues) for w in ("opinion", "quantity", "quotation")]
            row += [float(kind == k) for k in FUTURES]
            row += [
                float(bool(attributions)),
                float(len(span) > 30),
                float(any(t.like_num or t.pos_ == "NUM" for t in span)),
                float(any("Cnd" in t.morph.get("Mood", []) for t in span)),
                float(any("Fut" in t.morph.get("Tense", []) for t in span)),
                float(any(t.pos_ in ("VERB", "AUX") for t in span)),
                float(any(t.lower_ in ("je", "j'", "nous") for t in span)),
            ]
            rows.append(np.concatenate([row, doc.tensor[span.start : span.end].mean(axis=0)]))
            ys.append(names.index(sentence.claim_type))
            groups.append(doc_id)
            rules.append(names.index(decision.label))
    return np.array(rows), np.array(ys), np.array(groups), np.array(rules)


def fit(x: np.ndarray, y: np.ndarray, k: int, lam: float, steps: int = 400) -> tuple:
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    xs = (x - mean) / scale
    weights, bias, target = np.zeros((x.shape[1], k)), np.zeros(k), np.eye(k)[y]
    for _ in range(steps):
        z = xs @ weights + bias
        p = np.exp(z - z.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        weights -= 0.5 * (xs.T @ (p - target) / len(x) + lam * weights)
        bias -= 0.5 * (p - target).mean(axis=0)
    return mean, scale, weights, bias


def predict(model: tuple, x: np.ndarray) -> np.ndarray:
    mean, scale, weights, bias = model
    return (((x - mean) / scale) @ weights + bias).argmax(axis=1)


def macro_f1(y: np.ndarray, p: np.ndarray, k: int) -> float:
    scores = []
    for c in range(k):
        if not ((y == c).any() or (p == c).any()):
            continue
        tp = int(((y == c) & (p == c)).sum())
        wrong = int(((y != c) & (p == c)).sum() + ((y == c) & (p != c)).sum())
        scores.append(2 * tp / (2 * tp + wrong) if tp else 0.0)
    return float(np.mean(scores))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lam", type=float, nargs="+", default=[0.01, 0.03, 0.1])
    args = parser.parse_args()
    x, y, groups, rules = features(Annotator())
    k, none = len(labels("claim_type")), labels("claim_type").index("none")
    fresh = np.array([g in FRESH for g in groups])

    def line(name: str, p: np.ndarray) -> str:
        return (
            f"{name:<26} all acc {np.mean(p == y):.3f} macro-F1 {macro_f1(y, p, k):.3f}"
            f" | fresh acc {np.mean(p[fresh] == y[fresh]):.3f}"
            f" macro-F1 {macro_f1(y[fresh], p[fresh], k):.3f}"
        )

    print(f"{len(y)} dev sentences, {len(set(groups))} documents, leave-one-document-out")
    print(line("rules", rules))
    subsets = {
        "rules' features": slice(0, N_RULE_FEATURES),
        "rules' features + tensor": slice(0, x.shape[1]),
        "tensor": slice(N_RULE_FEATURES, x.shape[1]),
    }
    for name, columns in subsets.items():
        for lam in args.lam:
            p = np.zeros_like(y)
            for doc_id in sorted(set(groups)):
                test = groups == doc_id
                model = fit(x[~test][:, columns], y[~test], k, lam)
                p[test] = predict(model, x[test][:, columns])
            print(line(f"{name} l2={lam}", np.where(rules == none, none, p)))


if __name__ == "__main__":
    main()
