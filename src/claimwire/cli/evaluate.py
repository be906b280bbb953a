"""`claimwire evaluate`: score a corpus (the pre-annotator's or an annotator's) against the gold standard."""

from __future__ import annotations

from pathlib import Path

import click
import orjson

from claimwire.cli.options import emit, output_option, report_format_option
from claimwire.evaluate import EvaluationError, evaluate_by_texts, load_annotations
from claimwire.evaluate.render import render_text


@click.command("evaluate")
@click.argument("gold", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("pred", type=click.Path(exists=True, path_type=Path))
@report_format_option(("text", "json"), "Fixed-width table, or one JSON object.")
@output_option()
def evaluate_cmd(gold: Path, pred: Path, output_format: str, output: Path | None) -> None:
    """Score PRED against GOLD, layer by layer, on the documents both contain with the same text.

    GOLD is a corpus folder (data/<split>/<table>/*.jsonl); PRED is a corpus folder or a JSONL file of
    sentence records. Scores: sentence boundary P/R/F1; sources P/R/F1 (mention spans matched one to
    one when intersection/union >= 0.5) and, on matched sources, name, kind, cue and mode accuracy;
    claim_type and verifiability accuracy, macro-F1 and confusion matrix, on sentences whose spans are
    identical in both; of the sentences that report someone, the share whose speaker is found, of
    those that report nobody, the share given a source; opinions and predictions marked unverifiable.

    Real published text is scored first and apart from text written for the gold (which flatters any
    pre-annotator), then all of it; the JSON object holds the scores on all texts, and the same per
    kind of text under `by_texts`.

    \b
    Examples:
      claimwire convert seeds/gold/heldout/ --corpus pred/   # pre-annotate the held-out gold
      claimwire evaluate corpus pred/                         # scored on the documents both hold
      claimwire evaluate corpus predictions.jsonl --format json -o scores.json
    """
    try:
        reports = evaluate_by_texts(load_annotations(gold), load_annotations(pred))
    except EvaluationError as exc:
        raise click.ClickException(str(exc)) from None
    if output_format == "json":
        data = {
            **reports["all"].to_dict(),
            "by_texts": {k: r.to_dict() for k, r in reports.items() if k != "all"},
        }
        emit(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n", output)
        return
    blocks = [
        f"== {TITLES[texts]}\n{render_text(report)}"
        for texts, report in reports.items()
        if texts != "all" or len(reports) > 2
    ]
    emit("\n".join(blocks), output)


TITLES = {
    "real": "real published text",
    "written": "text written for the gold",
    "all": "all texts",
}
