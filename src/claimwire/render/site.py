"""`claimwire render`: the corpus as a static review site, one index and one page per document.

Pages are rendered by jinja2 with autoescaping from templates shipped as package data; the stylesheet
and the filter script are inlined, so every page works from `file://` with no server, network or
external asset. Output is deterministic: documents by date then id, labels in vocabulary order.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from claimwire import __version__
from claimwire.corpus.store import Corpus
from claimwire.records import Document, Sentence
from claimwire.render.chart import Chart, bar_chart
from claimwire.render.highlight import highlight_sentence
from claimwire.review.doubtful import lowest_confidence
from claimwire.schema import labels

# Okabe-Ito: eight colours told apart with the common colour-vision deficiencies.
PALETTE = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999")
LAYERS = {
    "claim_type": "claim_type",
    "verifiability": "verifiability",
    "status": "annotation_status",
    "source_kind": "source_kind",
    "source_mode": "source_mode",
}
FILTERS = ("status", "claim_type", "verifiability")


def colours(vocabulary: str) -> dict[str, str]:
    """A palette colour for every label of a vocabulary, by its position (labels live in the schema)."""
    return {label: PALETTE[i % len(PALETTE)] for i, label in enumerate(labels(vocabulary))}


# File systems take names of at most 255 bytes; ids are longer at times (a 250-character guid).
MAX_NAME = 100


def page_name(doc_id: str) -> str:
    """A file name for a document's page: the id where it is file-safe and short, else made safe
    (and cut to `MAX_NAME` characters) plus a hash of the id."""
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", doc_id).lstrip(".") or "_"
    if safe != doc_id or len(safe) > MAX_NAME:
        safe = safe[:MAX_NAME] + "-" + hashlib.sha256(doc_id.encode("utf-8")).hexdigest()[:8]
    return f"{safe}.html"


def unrenderable(corpus: Corpus) -> dict[str, str]:
    """Documents whose page cannot be drawn, with why (one located line each): a sentence naming a
    paragraph the document does not have, or offsets outside the text (validate reports these)."""
    problems: dict[str, str] = {}
    for doc_id, document in corpus.documents.items():
        for sentence in corpus.sentences[doc_id]:
            path, line = corpus.locations.get(sentence.id, ("sentences", 0))
            where = f"{path}:{line}: sentence {sentence.id!r}"
            if not 0 <= sentence.paragraph < len(document.paragraphs):
                problem = (
                    f"paragraph {sentence.paragraph} is not one of its document's "
                    f"{len(document.paragraphs)}"
                )
            elif not 0 <= sentence.start <= sentence.end <= len(document.text):
                problem = f"offsets {sentence.start}-{sentence.end} are outside its document's text"
            else:
                continue
            problems[doc_id] = (
                f"{where}: {problem}; its page was not written (run: claimwire validate)"
            )
            break
    return problems


@dataclass(frozen=True, slots=True)
class DocumentRow:
    document: Document
    split: str
    href: str
    sentences: list[Sentence]
    statuses: Counter[str]
    claim_types: Counter[str]
    sources: int
    doubt: float  # lowest confidence of its auto sentences (1.0 when none): review the lowest first


def _row(corpus: Corpus, document: Document) -> DocumentRow:
    sentences = corpus.sentences[document.id]
    return DocumentRow(
        document=document,
        split=corpus.splits[document.id],
        href=f"doc/{page_name(document.id)}",
        sentences=sentences,
        statuses=Counter(s.annotation.status for s in sentences),
        claim_types=Counter(s.claim_type for s in sentences),
        sources=sum(len(s.sources) for s in sentences),
        doubt=lowest_confidence(sentences),
    )


def label_counts(sentences: list[Sentence]) -> dict[str, Counter[str]]:
    counts: dict[str, Counter[str]] = {layer: Counter() for layer in LAYERS}
    for sentence in sentences:
        counts["claim_type"][sentence.claim_type] += 1
        counts["verifiability"][sentence.verifiability] += 1
        counts["status"][sentence.annotation.status] += 1
        for source in sentence.sources:
            counts["source_kind"][source.kind] += 1
            counts["source_mode"][source.mode] += 1
    return counts


def charts(sentences: list[Sentence]) -> list[Chart]:
    counts = label_counts(sentences)
    return [
        bar_chart(layer, labels(vocab), counts[layer], colours(vocab))
        for layer, vocab in LAYERS.items()
    ]


def _asset(name: str) -> Markup:
    # Our own files, inlined verbatim: the one place where text is marked safe.
    return Markup((resources.files("claimwire.render") / "templates" / name).read_text("utf-8"))


def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("claimwire.render", "templates"),
        autoescape=select_autoescape(["html", "svg"], default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(
        css=_asset("style.css"),
        js=_asset("filter.js"),
        version=__version__,
        vocabularies={layer: labels(vocab) for layer, vocab in LAYERS.items()},
        colours={layer: colours(vocab) for layer, vocab in LAYERS.items()},
        filters=FILTERS,
    )
    return env


def render_site(corpus: Corpus, out_dir: Path) -> dict[Path, bytes]:
    """Every page of the site with its bytes: `index.html` and `doc/<id>.html` per document."""
    env = environment()
    skipped = unrenderable(corpus)
    order = sorted(
        (d for d in corpus.documents.values() if d.id not in skipped), key=lambda d: (d.date, d.id)
    )
    # Doubtful first: the document with the least confident auto sentence leads (then date, id).
    rows = sorted((_row(corpus, document) for document in order), key=lambda r: r.doubt)
    everything = [s for row in rows for s in row.sentences]
    pages: dict[Path, Any] = {
        out_dir / "index.html": env.get_template("index.html").render(
            rows=rows,
            charts=charts(everything),
            sentences=len(everything),
            sources=sum(row.sources for row in rows),
        )
    }
    document_page = env.get_template("document.html")
    for row in rows:
        paragraphs: list[list[tuple[Sentence, list]]] = [[] for _ in row.document.paragraphs]
        for sentence in row.sentences:
            segments = highlight_sentence(sentence)
            paragraphs[sentence.paragraph].append((sentence, segments))
        pages[out_dir / row.href] = document_page.render(
            row=row, paragraphs=paragraphs, charts=charts(row.sentences)
        )
    return {path: html.encode("utf-8") for path, html in pages.items()}
