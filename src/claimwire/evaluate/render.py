"""The text table of `claimwire evaluate` (the JSON form is `EvaluationReport.to_dict`)."""

from __future__ import annotations

from claimwire.evaluate.metrics import MATCH_THRESHOLD, LabelScore, MatchCounts
from claimwire.evaluate.report import EvaluationReport


def percent(value: float | None) -> str:
    """`83.1%`, or `n/a` for a figure that could not be measured (nothing to decide)."""
    return "   n/a" if value is None else f"{value:6.1%}"


def _prf(counts: MatchCounts) -> str:
    return (
        f"P {counts.precision:6.1%}  R {counts.recall:6.1%}  F1 {counts.f1:6.1%}"
        f"   (tp {counts.true_positives}, fp {counts.false_positives}, fn {counts.false_negatives})"
    )


def _label_block(name: str, score: LabelScore) -> list[str]:
    lines = [
        f"{name:<15}accuracy {percent(score.accuracy)}  macro-F1 {percent(score.macro_f1)}"
        f"   ({score.total} sentences with exact spans)"
    ]
    per_label = score.per_label()
    shown = [label for label in score.labels if label in per_label]
    width = max((len(label) for label in shown), default=4) + 2
    lines.append(
        "  "
        + "gold \\ pred".ljust(width)
        + "".join(f"{label[:8]:>9}" for label in shown)
        + "      P      R     F1"
    )
    for label in shown:
        row = score.confusion[label]
        s = per_label[label]
        cells = "".join(f"{row[other]:>9}" for other in shown)
        lines.append(f"  {label:<{width}}{cells}  {s.precision:5.2f}  {s.recall:5.2f}  {s.f1:5.2f}")
    return lines


def render_text(report: EvaluationReport) -> str:
    """A fixed-width report, one layer per block."""
    lines = [
        f"documents      {report.documents} evaluated"
        f" ({len(report.gold_only)} only in gold, {len(report.pred_only)} only in pred,"
        f" {len(report.text_differs)} with another text, skipped)",
        f"sentences      gold {report.gold_sentences}, pred {report.pred_sentences},"
        f" identical spans {report.exact_sentences}",
        f"boundaries     {_prf(report.boundaries)}",
        f"sources        {_prf(report.sources)}",
        f"               match: mention span intersection/union >= {MATCH_THRESHOLD}, one-to-one",
        "  on matched   "
        + "  ".join(f"{name} {percent(acc.accuracy)}" for name, acc in report.source_fields.items())
        + f"   ({report.sources.true_positives} sources)",
        f"  speaker      found {percent(report.speaker_found.accuracy)}"
        f" of {report.speaker_found.total} sentences that report someone;"
        f" a source invented on {percent(report.source_invented.accuracy)}"
        f" of {report.source_invented.total} that report nobody",
    ]
    lines += _label_block("claim_type", report.claim_type)
    lines += _label_block("verifiability", report.verifiability)
    lines.append(
        f"  opinions and predictions marked unverifiable: {percent(report.unverifiable_recall.accuracy)}"
        f" of {report.unverifiable_recall.total}"
    )
    return "\n".join(lines) + "\n"
