"""The gold standard inside the corpus: which documents form each part, and in which split.

The hand-annotated gold (`tests/gold/annotations/<part>/`) is published with the corpus: its raw texts
are seeds under `seeds/gold/<part>/`, its records sit in the split of their part. A part is read back
from the corpus by the `origin.path` of its documents, so the corpus is the only copy of the records.
"""

from __future__ import annotations

from pathlib import Path

import orjson

from claimwire.corpus.store import Corpus, read_corpus
from claimwire.provenance import text_source
from claimwire.records import Document, Origin, Sentence, Source

GOLD_SEEDS = "seeds/gold"
# dev tunes the rules and trains the claim-type model, fresh chose the model, heldout only measures.
PART_SPLITS = {"dev": "train", "fresh": "validation", "heldout": "test"}


def is_gold(document: Document) -> bool:
    """Whether a document is one of the gold's (its seed is under `seeds/gold/`)."""
    return document.origin.path.startswith(f"{GOLD_SEEDS}/")


def part_of(document: Document) -> str | None:
    """The gold part a document belongs to, or None for a document outside the gold."""
    if not is_gold(document):
        return None
    return document.origin.path.removeprefix(f"{GOLD_SEEDS}/").split("/", 1)[0]


def gold_part(corpus: Corpus, part: str) -> Corpus:
    """The documents of one gold part (`dev`, `heldout`, `fresh`) with their sentences."""
    if part not in PART_SPLITS:
        raise ValueError(f"unknown gold part {part!r}: one of {', '.join(PART_SPLITS)}")
    selected = Corpus()
    for doc_id, document in corpus.documents.items():
        if part_of(document) == part:
            selected.put(document, corpus.splits[doc_id], corpus.sentences[doc_id])
            for sentence in corpus.sentences[doc_id]:
                if sentence.id in corpus.locations:
                    selected.locations[sentence.id] = corpus.locations[sentence.id]
    return selected


# Quality is reported on real published text first, apart from text written for the gold: text
# written by people who know the guidelines flatters any pre-annotator (`text_sources.json` says
# which sources are real).
TEXTS = ("real", "written")


def texts_of(corpus: Corpus, texts: str) -> Corpus:
    """The documents of real published text (`real`), of text written for the gold (`written`), or
    all of them (`all`), with their sentences."""
    if texts not in (*TEXTS, "all"):
        raise ValueError(f"unknown texts {texts!r}: one of {', '.join(TEXTS)}, all")
    if texts == "all":
        return corpus
    keep = {d for d in corpus.documents if text_source(d).real == (texts == "real")}
    return Corpus(
        {d: doc for d, doc in corpus.documents.items() if d in keep},
        {d: s for d, s in corpus.splits.items() if d in keep},
        {d: s for d, s in corpus.sentences.items() if d in keep},
    )


def read_gold_part(corpus_dir: Path, part: str) -> Corpus:
    """One gold part read from the corpus folder `corpus_dir`."""
    return gold_part(read_corpus(corpus_dir), part)


# The sentence bank (tests/gold/bank/bank.jsonl): treebank sentences labelled one by one, read as
# one-sentence documents of real text (their ids are treebank ids, so `text_source` says real).
BANK = "tests/gold/bank/bank.jsonl"


def bank_document(row: dict) -> tuple[Document, list[Sentence]]:
    """A bank sentence as a one-sentence document (its own paragraph), with its labels and sources."""
    text = row["text"]
    document = Document(
        id=row["id"],
        date="2000-01-01",
        language="fr",
        title=None,
        text=text,
        paragraphs=[(0, len(text))],
        origin=Origin(path=BANK, format="bank", sha256="0" * 64),
    )
    sources = [Source(**source) for source in row.get("sources", [])]
    sentence = Sentence(
        row["id"], 0, 0, 0, len(text), text, row["claim_type"], row["verifiability"], sources
    )
    return document, [sentence]


def read_bank(root: Path) -> list[dict]:
    """The bank's rows, from the repository at `root`."""
    return [orjson.loads(line) for line in (root / BANK).read_bytes().splitlines() if line.strip()]


def bank_corpus(root: Path) -> Corpus:
    """The bank as a corpus of one-sentence documents (split `train`), for `evaluate`."""
    corpus = Corpus()
    for row in read_bank(root):
        document, sentences = bank_document(row)
        corpus.put(document, "train", sentences)
    return corpus
