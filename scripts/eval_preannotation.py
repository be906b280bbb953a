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
from claimwire.evaluate import evaluate
from claimwire.evaluate.gold import bank_corpus, read_gold_part, texts_of
from claimwire.evaluate.pipeline import baseline_predictions, pipeline_predictions
from claimwire.evaluate.render import percent, render_text

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"


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
    args = parser.parse_args()
    whole = bank_corpus(ROOT) if args.part == "bank" else read_gold_part(CORPUS, args.part)
    gold = texts_of(whole, args.texts)
    reports = {
        "pre-annotator": evaluate(gold, pipeline_predictions(gold, Annotator())),
        "baseline": evaluate(gold, baseline_predictions(gold)),
    }
    if args.json:
        print(
            orjson.dumps(
                {k: r.to_dict() for k, r in reports.items()}, option=orjson.OPT_INDENT_2
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
    for name, report in reports.items():
        print(f"\n== {name}\n{render_text(report)}", end="")


if __name__ == "__main__":
    main()
