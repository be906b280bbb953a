"""A corpus diff as terminal text, as JSON, and as a Markdown comment for a pull request."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence

import orjson

from claimwire.review.agreement import LAYERS
from claimwire.review.corpus_diff import (
    CorpusDiff,
    LabelChange,
    Regrouping,
    source_transitions,
    transitions,
)

DEFAULT_LIMIT = 50


def render_json(diff: CorpusDiff) -> str:
    return orjson.dumps(diff.to_dict(), option=orjson.OPT_INDENT_2).decode("utf-8") + "\n"


def _regrouping(group: Regrouping) -> str:
    return f"{', '.join(group.old)} -> {', '.join(group.new)}"


def _source_counts(diff: CorpusDiff) -> Counter[str]:
    return Counter(c.change for c in diff.sources)


def _field_counts(diff: CorpusDiff) -> str:
    counts = Counter(f for c in diff.sources for f in c.fields)
    return ", ".join(f"{f} {n}" for f, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _transition_groups(diff: CorpusDiff) -> list[tuple[str, list[LabelChange]]]:
    """Every table of label transitions: layers, source kind and mode, annotation status."""
    return [
        *[(layer, diff.labels[layer]) for layer in LAYERS],
        *[(f"source {f}", source_transitions(diff.sources, f)) for f in ("kind", "mode")],
        ("annotation status", diff.status),
    ]


def summary_lines(diff: CorpusDiff) -> list[str]:
    sources = _source_counts(diff)
    fields = _field_counts(diff)
    return [
        f"documents: {len(diff.documents_added)} added, {len(diff.documents_removed)} removed, "
        f"{len(diff.text_changed)} text changed, {len(diff.split_changed)} moved to another split",
        f"sentences: {len(diff.sentences_added)} added, {len(diff.sentences_removed)} removed, "
        f"{len(diff.resegmented)} re-segmented, {len(diff.rewritten)} rewritten "
        "(in documents of both versions)",
        *[f"{layer}: {len(diff.labels[layer])} changed" for layer in LAYERS],
        f"sources: {sources['added']} added, {sources['removed']} removed, "
        f"{sources['changed']} changed" + (f" ({fields})" if fields else ""),
        f"annotation status: {len(diff.status)} changed",
    ]


def render_text(diff: CorpusDiff) -> str:
    """Summary, structural changes by id, and the transition tables."""
    lines = [f"{diff.old} -> {diff.new}", *summary_lines(diff)]
    details = [
        *[f"+ document {d} ({n} sentences)" for d, n in diff.documents_added.items()],
        *[f"- document {d} ({n} sentences)" for d, n in diff.documents_removed.items()],
        *[f"~ document {d}: text changed" for d in diff.text_changed],
        *[f"~ document {d}: split {a} -> {b}" for d, (a, b) in diff.split_changed.items()],
        *[f"+ sentence {s}" for s in diff.sentences_added],
        *[f"- sentence {s}" for s in diff.sentences_removed],
        *[f"~ re-segmented {_regrouping(g)}" for g in diff.resegmented],
        *[f"~ rewritten {_regrouping(g)}" for g in diff.rewritten],
    ]
    if details:
        lines += ["", *details]
    for title, changes in _transition_groups(diff):
        if changes:
            lines += ["", f"{title}:"]
            lines += [f"  {t}: {n}" for t, n in transitions(changes).items()]
    if not diff.has_changes():
        lines += ["", "no differences"]
    return "\n".join(lines) + "\n"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _cell(text: str, width: int = 80) -> str:
    """Table-safe Markdown: newlines flattened, long text cut with an ellipsis, pipes escaped, and
    `<`, `>`, `&` as entities, so a value is never read as HTML (`<img onerror=…>` in the data)."""
    text = " ".join(str(text).split())
    text = text if len(text) <= width else text[: width - 1].rstrip() + "…"
    return html.escape(text, quote=False).replace("|", "\\|")


def _code(text: str) -> str:
    """A value as a Markdown code span (shown literally), whatever backticks or pipes it holds."""
    text = " ".join(str(text).split()).replace("|", "\\|")
    return f"`` {text} ``" if "`" in text else f"`{text}`"


def _details(
    summary: str, header: Sequence[str], rows: Sequence[Sequence[str]], limit: int
) -> list[str]:
    """A collapsible section holding a table, cut after `limit` rows with a count of the rest."""
    lines = [
        "<details>",
        f"<summary>{html.escape(summary, quote=False)}</summary>",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
        *["| " + " | ".join(row) + " |" for row in rows[:limit]],
    ]
    if len(rows) > limit:
        lines += ["", f"… and {len(rows) - limit} more"]
    return [*lines, "", "</details>", ""]


def render_markdown(diff: CorpusDiff, limit: int = DEFAULT_LIMIT) -> str:
    """A pull-request comment: a summary table, then one collapsible section per kind of change."""
    sources = _source_counts(diff)
    lines = [
        f"### Corpus changes: {_code(diff.old)} → {_code(diff.new)}",
        "",
        "| what | added | removed | changed |",
        "|---|---|---|---|",
        f"| documents | {len(diff.documents_added)} | {len(diff.documents_removed)} | "
        f"{len(diff.text_changed)} text, {len(diff.split_changed)} split |",
        f"| sentences | {len(diff.sentences_added)} | {len(diff.sentences_removed)} | "
        f"{len(diff.resegmented)} re-segmented, {len(diff.rewritten)} rewritten |",
        *[f"| `{layer}` | | | {len(diff.labels[layer])} |" for layer in LAYERS],
        f"| sources | {sources['added']} | {sources['removed']} | {sources['changed']} |",
        f"| annotation status | | | {len(diff.status)} |",
        "",
    ]
    if not diff.has_changes():
        return "\n".join([*lines, "No differences."]) + "\n"
    structure = [
        *[("document", d, "added", f"{n} sentences") for d, n in diff.documents_added.items()],
        *[("document", d, "removed", f"{n} sentences") for d, n in diff.documents_removed.items()],
        *[("document", d, "text changed", "") for d in diff.text_changed],
        *[("document", d, "split", f"{a} → {b}") for d, (a, b) in diff.split_changed.items()],
        *[("sentence", s, "added", "") for s in diff.sentences_added],
        *[("sentence", s, "removed", "") for s in diff.sentences_removed],
        *[
            ("sentences", ", ".join(g.old), "re-segmented", ", ".join(g.new))
            for g in diff.resegmented
        ],
        *[("sentences", ", ".join(g.old), "rewritten", ", ".join(g.new)) for g in diff.rewritten],
    ]
    if structure:
        rows = [
            (kind, _code(ident), change, _cell(note)) for kind, ident, change, note in structure
        ]
        lines += _details(
            f"Documents and sentences: {_count(len(structure), 'change')}",
            ("what", "id", "change", "now"),
            rows,
            limit,
        )
    for title, changes in _transition_groups(diff):
        if not changes:
            continue
        counts = ", ".join(
            f"{t.replace(' -> ', ' → ')}: {n}" for t, n in transitions(changes).items()
        )
        rows = [(_code(c.sentence), _cell(c.old), _cell(c.new), _cell(c.text)) for c in changes]
        lines += _details(
            f"{title}: {len(changes)} changed ({counts})",
            ("sentence", "old", "new", "text"),
            rows,
            limit,
        )
    moved = [c for c in diff.sources if c.change != "changed" or set(c.fields) - {"kind", "mode"}]
    if moved:
        rows = [
            (
                _code(c.sentence),
                c.change + (f" ({', '.join(c.fields)})" if c.fields else ""),
                _cell(_source_text(c.old)),
                _cell(_source_text(c.new)),
            )
            for c in moved
        ]
        lines += _details(
            f"sources: {len(moved)} added, removed or edited",
            ("sentence", "change", "old", "new"),
            rows,
            limit,
        )
    return "\n".join(lines).rstrip("\n") + "\n"


def _source_text(source: dict | None) -> str:
    if source is None:
        return "—"
    return f"{source['text']} [{source['start']}-{source['end']}] = {source['name']} ({source['kind']}, {source['mode']})"
