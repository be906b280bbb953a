"""`claimwire export spacy`: the corpus as spaCy `DocBin` files that `spacy train` reads as they are.

One `Doc` per sentence (tokenized by a blank French pipeline: the files carry no analysis, only the
text and the annotation), one file per split (`train.spacy`, `dev.spacy` for `validation`,
`test.spacy`). `doc.cats` holds one layer's labels, exclusive (1.0 for the sentence's label, 0.0 for
every other of the vocabulary), as spaCy's `textcat` expects; `doc.spans["sources"]` the source
mentions that lie inside the sentence, labelled by their kind (a mention inside a token, `il` of
`-il`, is widened to that token, since spans are made of tokens; a mention outside the sentence, a
speaker named in the next one, cannot be a span of this doc and is counted as left out); `doc.user_data`
the sentence id, both labels and the annotation status.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin

from claimwire.corpus.store import Corpus
from claimwire.records import Sentence
from claimwire.schema import labels

FILES = {"train": "train.spacy", "validation": "dev.spacy", "test": "test.spacy"}
SPANS_KEY = "sources"


@dataclass(slots=True)
class SpacyExport:
    """What was exported: sentences per file, sources kept as spans and left out."""

    sentences: dict[str, int] = field(default_factory=dict)
    spans: int = 0
    outside: int = 0


def sentence_doc(nlp: spacy.language.Language, sentence: Sentence, layer: str) -> tuple[Doc, int]:
    """The sentence as a Doc, and the number of its sources left out (outside it)."""
    doc = nlp.make_doc(sentence.text)
    chosen = getattr(sentence, layer)
    doc.cats = {label: float(label == chosen) for label in labels(layer)}
    spans, outside = [], 0
    for source in sentence.sources:
        start, end = source.start - sentence.start, source.end - sentence.start
        span = None
        if 0 <= start < end <= len(sentence.text):
            span = doc.char_span(start, end, label=source.kind, alignment_mode="expand")
        if span is None:
            outside += 1
        else:
            spans.append(span)
    doc.spans[SPANS_KEY] = spans
    doc.user_data.update(
        {
            "id": sentence.id,
            "claim_type": sentence.claim_type,
            "verifiability": sentence.verifiability,
            "status": sentence.annotation.status,
        }
    )
    return doc, outside


def spacy_files(
    corpus: Corpus, out_dir: Path, layer: str = "claim_type", include_auto: bool = False
) -> tuple[dict[Path, bytes], SpacyExport]:
    """The bytes of each split's DocBin (documents by date then id, sentences in order)."""
    nlp = spacy.blank("fr")
    bins = {split: DocBin(store_user_data=True) for split in FILES}
    summary = SpacyExport()
    for document in sorted(corpus.documents.values(), key=lambda d: (d.date, d.id)):
        split = corpus.splits[document.id]
        for sentence in corpus.sentences[document.id]:
            if sentence.annotation.status == "auto" and not include_auto:
                continue
            doc, outside = sentence_doc(nlp, sentence, layer)
            bins[split].add(doc)
            summary.sentences[FILES[split]] = summary.sentences.get(FILES[split], 0) + 1
            summary.spans += len(doc.spans[SPANS_KEY])
            summary.outside += outside
    files = {out_dir / name: bins[split].to_bytes() for split, name in FILES.items()}
    return files, summary
