"""Agreement reports as a text table and as JSON (`claimwire agree`); the dataset card renders its own
section from the JSON kept in the corpus (`claimwire.card_sections.agreement_section`)."""

from __future__ import annotations

import orjson

from claimwire.review.agreement import MATCH_THRESHOLD, AgreementReport, letter


def number(value: float | None, digits: int = 3) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def percent(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f} %"


def _columns(rows: list[list[str]]) -> list[str]:
    """Rows padded into left-aligned columns (numbers too: they share their width per column)."""
    widths = [max(len(row[k]) for row in rows) for k in range(len(rows[0]))]
    return [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows
    ]


def render_json(report: AgreementReport) -> str:
    return orjson.dumps(report.to_dict(), option=orjson.OPT_INDENT_2).decode("utf-8") + "\n"


def render_text(report: AgreementReport) -> str:
    """The report as aligned tables, copies named A, B, C in the order given."""
    a = report.alignment
    letters = [letter(i) for i in range(len(a.copies))]
    lines = [
        f"copies: {', '.join(f'{k}={name}' for k, name in zip(letters, a.copies, strict=True))}"
    ]
    lines.append(
        f"documents compared: {a.documents} (same text in every copy); "
        f"not in every copy: {len(a.only_in_some)}; text differs: {len(a.text_differs)}"
    )
    unaligned = ", ".join(f"{k} {n}" for k, n in zip(letters, a.unaligned, strict=True))
    lines.append(
        f"sentences aligned by span in every copy: {a.aligned}; "
        f"not aligned (different segmentation): {unaligned}"
    )
    pair_names = list(report.layers[0].pairs) if report.layers else []
    header = ["layer", "items", "agreement", *[f"kappa {p}" for p in pair_names], "alpha"]
    rows = [header] + [
        [
            layer.layer,
            str(layer.items),
            percent(layer.observed),
            *[number(layer.pairs[p]) for p in pair_names],
            number(layer.alpha),
        ]
        for layer in report.layers
    ]
    lines += ["", *_columns(rows)]
    one_vs_rest = "Cohen's kappa" if len(letters) == 2 else "Krippendorff's alpha"
    for layer in report.layers:
        lines += [
            "",
            f"{layer.layer} per label: uses per copy, agreed = all copies gave it, "
            f"F1 = positive specific agreement (mean over pairs), one-vs-rest {one_vs_rest}",
        ]
        rows = [["label", *letters, "agreed", "F1", "kappa" if len(letters) == 2 else "alpha"]]
        rows += [
            [x.label, *map(str, x.counts), str(x.agreed), number(x.f1), number(x.kappa)]
            for x in layer.labels
        ]
        lines += _columns(rows)
    lines += [
        "",
        f"sources: matched one to one when their mentions overlap >= {MATCH_THRESHOLD} "
        "(intersection over union of character spans) in overlapping sentences; "
        "precision and recall take the first copy of a pair as reference",
    ]
    rows = [["pair", "sources", "matched", "precision", "recall", "F1", "name", "kind", "mode"]]
    rows += [
        [
            s.pair,
            "/".join(map(str, s.sources)),
            str(s.matched),
            number(s.precision),
            number(s.recall),
            number(s.f1),
            percent(s.fields["name"]),
            f"{percent(s.fields['kind'])} (kappa {number(s.kappa['kind'])})",
            f"{percent(s.fields['mode'])} (kappa {number(s.kappa['mode'])})",
        ]
        for s in report.sources
    ]
    lines += _columns(rows)
    return "\n".join(lines) + "\n"
