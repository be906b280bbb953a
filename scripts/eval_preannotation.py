"""Score the current pre-annotator and a trivial baseline on a gold part (read from corpus/).

    python scripts/eval_preannotation.py [--part heldout|dev] [--json]

The baseline segments like the pipeline, then labels every sentence `event` / `verifiable` with no
source. Loads spaCy's French model once (a few seconds); the gold set is a few hundred sentences.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import orjson

from claimwire.annotate import Annotator
from claimwire.corpus.store import Corpus
from claimwire.evaluate import evaluate
from claimwire.evaluate.gold import bank_corpus, read_gold_part, texts_of
from claimwire.evaluate.metrics import match_sources, same_string
from claimwire.evaluate.pipeline import baseline_predictions, pipeline_predictions
from claimwire.evaluate.render import percent, render_text
from claimwire.records import Source

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"


SECOND = ROOT / "tests" / "gold" / "second" / "heldout-real"


def second_labels() -> dict[tuple[str, int], tuple[str, str]]:
    """The second annotator's (claim_type, verifiability) of the doubly annotated held-out documents,
    by (document id, sentence index): the `=` lines of `tests/gold/second/heldout-real/*.ann`."""
    found = {}
    for path in sorted(SECOND.glob("*.ann")):
        lines = [line for line in path.read_text("utf-8").splitlines() if line.startswith("= ")]
        for index, line in enumerate(lines):
            claim, verif = line[2:].split()
            found[(path.stem, index)] = (claim, verif)
    return found


def either_annotator(gold: Corpus, pred: Corpus) -> dict[str, float | int]:
    """Accuracy on the doubly annotated documents when either annotator's label counts as right (how
    issue 12 measured it), beside the accuracy against the gold's annotator alone."""
    second = second_labels()
    counts = {
        "sentences": 0,
        "claim_gold": 0,
        "claim_either": 0,
        "verif_gold": 0,
        "verif_either": 0,
    }
    for doc_id, sentences in gold.sentences.items():
        by_span = {(s.start, s.end): s for s in pred.sentences.get(doc_id, [])}
        for s in sentences:
            other, guess = second.get((doc_id, s.index)), by_span.get((s.start, s.end))
            if other is None or guess is None:
                continue
            counts["sentences"] += 1
            counts["claim_gold"] += guess.claim_type == s.claim_type
            counts["claim_either"] += guess.claim_type in (s.claim_type, other[0])
            counts["verif_gold"] += guess.verifiability == s.verifiability
            counts["verif_either"] += guess.verifiability in (s.verifiability, other[1])
    n = counts["sentences"] or 1
    return {
        "sentences": counts["sentences"],
        **{k: v / n for k, v in counts.items() if k != "sentences"},
    }


QUALITY = "src/claimwire/data/card/quality.json"


def quality_of(gold: Corpus, annotator: Annotator) -> dict:
    """The headline figures of the pre-annotator and of the baseline on `gold`, rounded."""

    def rounded(figures: dict[str, float | None]) -> dict[str, float | None]:
        return {k: None if v is None else round(v, 4) for k, v in figures.items()}

    return {
        "documents": len(gold.documents),
        "sentences": sum(len(s) for s in gold.sentences.values()),
        "tool": rounded(evaluate(gold, pipeline_predictions(gold, annotator)).headline()),
        "baseline": rounded(evaluate(gold, baseline_predictions(gold)).headline()),
    }


def record() -> None:
    """Write the card's quality figures: the held-out part, real texts then written ones."""
    held_out, annotator = read_gold_part(CORPUS, "heldout"), Annotator()
    data = {
        "measured_on": "the held-out gold part (the test split), never used to tune the tool",
        "texts": {t: quality_of(texts_of(held_out, t), annotator) for t in ("real", "written")},
    }
    path = ROOT / QUALITY
    path.write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n")
    print(f"wrote {QUALITY}")


def _show(sources: list[Source]) -> str:
    return "; ".join(f"{s.text!r} name={s.name!r} {s.kind} cue={s.cue!r} {s.mode}" for s in sources)


def print_source_errors(gold: Corpus, pred: Corpus) -> None:
    """Each gold sentence whose first source is missed, that gets a source invented, or a wrong name.

    Predicted sentences are aligned with gold ones by greatest overlap, as `evaluate` does.
    """
    counts = {"missed": 0, "invented": 0, "name": 0}
    for doc_id, gold_sentences in gold.sentences.items():
        aligned: dict[int, list[Source]] = {i: [] for i in range(len(gold_sentences))}
        for sentence in pred.sentences.get(doc_id, []):
            overlaps = [
                min(sentence.end, g.end) - max(sentence.start, g.start) for g in gold_sentences
            ]
            best = max(range(len(overlaps)), key=overlaps.__getitem__, default=None)
            if best is not None and overlaps[best] > 0:
                aligned[best].extend(sentence.sources)
        for i, sentence in enumerate(gold_sentences):
            pairs = match_sources(sentence.sources, aligned[i])
            problems = []
            if sentence.sources and not any(g is sentence.sources[0] for g, _ in pairs):
                problems.append("missed")
            if not sentence.sources and aligned[i]:
                problems.append("invented")
            if any(not same_string(g.name, p.name) for g, p in pairs):
                problems.append("name")
            for problem in problems:
                counts[problem] += 1
            if problems:
                print(f"[{' '.join(problems)}] {sentence.id}: {sentence.text}")
                print(f"    gold: {_show(sentence.sources)}")
                print(f"    pred: {_show(aligned[i])}")
    print(counts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--part",
        choices=["heldout", "dev", "fresh", "bank"],
        default="heldout",
        help="a gold part, or the sentence bank (real treebank sentences, one per document)",
    )
    parser.add_argument(
        "--texts",
        choices=["all", "real", "written"],
        default="all",
        help="only real published text (Est Républicain, UD French-GSD), or only text written for the gold",
    )
    parser.add_argument("--json", action="store_true", help="print the reports as one JSON object")
    parser.add_argument(
        "--record",
        action="store_true",
        help=f"measure the held-out part's real and written texts and write {QUALITY} (the card's table)",
    )
    parser.add_argument(
        "--errors",
        action="store_true",
        help="list the sentences whose sources are missed, invented or wrongly named, then the counts",
    )
    args = parser.parse_args()
    if args.record:
        record()
        return
    whole = bank_corpus(ROOT) if args.part == "bank" else read_gold_part(CORPUS, args.part)
    gold = texts_of(whole, args.texts)
    predicted = pipeline_predictions(gold, Annotator())
    if args.errors:
        print_source_errors(gold, predicted)
        return
    reports = {
        "pre-annotator": evaluate(gold, predicted),
        "baseline": evaluate(gold, baseline_predictions(gold)),
    }
    either = either_annotator(gold, predicted) if args.part == "heldout" else None
    if args.json:
        print(
            orjson.dumps(
                {**{k: r.to_dict() for k, r in reports.items()}, "either_annotator": either},
                option=orjson.OPT_INDENT_2,
            ).decode()
        )
        return
    print(
        f"gold: {args.part} part (in corpus/), {args.texts} texts; baseline: every sentence event/verifiable, no source"
    )
    headlines = {name: report.headline() for name, report in reports.items()}
    names = list(headlines)
    print(f"\n{'layer':<32}" + "".join(f"{n:>16}" for n in names))
    for key in headlines[names[0]]:
        print(f"{key:<32}" + "".join(f"{percent(headlines[n][key]):>16}" for n in names))
    if either and either["sentences"]:
        print(
            f"\ndoubly annotated documents ({either['sentences']} sentences), pre-annotator right"
            f" against the gold's annotator / either annotator: claim type"
            f" {either['claim_gold']:.3f} / {either['claim_either']:.3f}, verifiability"
            f" {either['verif_gold']:.3f} / {either['verif_either']:.3f}"
        )
    for name, report in reports.items():
        print(f"\n== {name}\n{render_text(report)}", end="")


if __name__ == "__main__":
    main()
