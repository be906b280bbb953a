"""Benchmark claimwire's sentence segmenter against pysbd, Moses, syntok, sentencex and spaCy.

Every system runs paragraph by paragraph, as claimwire does, and its sentences are mapped back to
exact offsets; the table gives boundary precision, recall and F1 per file and system.

    python scripts/bench_segment.py [--bench-dir DIR] [--systems claimwire,pysbd,moses]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from claimwire.evaluate.segmentation import BoundaryScore, evaluate, read_gold
from claimwire.segment import segment_paragraph

Splitter = Callable[[str], list[tuple[int, int]]]

REPO_BENCH = Path(__file__).resolve().parent.parent / "tests" / "data" / "segmentation"
SHARED_BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench" / "segmentation"


class AlignmentError(Exception):
    """A baseline returned sentences whose characters are not those of its input."""


def align(text: str, sentences: Iterable[str]) -> list[tuple[int, int]]:
    """Offsets in `text` of sentences returned as strings, matching their non-space characters."""
    spans, pos = [], 0
    for sentence in sentences:
        wanted = [char for char in sentence if not char.isspace()]
        if not wanted:
            continue
        while pos < len(text) and text[pos].isspace():
            pos += 1
        start = pos
        for char in wanted:
            while pos < len(text) and text[pos].isspace():
                pos += 1
            if pos == len(text) or text[pos] != char:
                raise AlignmentError(f"cannot find {sentence[:40]!r} at {start}")
            pos += 1
        spans.append((start, pos))
    return spans


def pysbd_splitter() -> Splitter:
    import pysbd

    segmenter = pysbd.Segmenter(language="fr", clean=False)
    return lambda text: align(text, segmenter.segment(text))


def moses_splitter() -> Splitter:
    from sentence_splitter import SentenceSplitter

    splitter = SentenceSplitter(language="fr")
    return lambda text: align(text, splitter.split(text))


def syntok_splitter() -> Splitter:
    import syntok.segmenter

    def split(text: str) -> list[tuple[int, int]]:
        return [
            (sentence[0].offset, sentence[-1].offset + len(sentence[-1].value))
            for paragraph in syntok.segmenter.analyze(text)
            for sentence in paragraph
        ]

    return split


def sentencex_splitter() -> Splitter:
    from sentencex import segment

    return lambda text: align(text, segment("fr", text))


def spacy_senter_splitter() -> Splitter:
    import spacy

    # fr_core_news_sm 3.8 ships the senter disabled; it has its own tok2vec, so the rest can go.
    others = ["tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer", "ner"]
    nlp = spacy.load("fr_core_news_sm", exclude=others)
    nlp.enable_pipe("senter")
    return lambda text: [(s.start_char, s.end_char) for s in nlp(text).sents]


SYSTEMS: dict[str, Callable[[], Splitter]] = {
    "claimwire": lambda: segment_paragraph,
    "pysbd": pysbd_splitter,
    "moses": moses_splitter,
    "syntok": syntok_splitter,
    "sentencex": sentencex_splitter,
    "spacy-senter": spacy_senter_splitter,
}


def run(split: Splitter, path: Path) -> tuple[BoundaryScore, int, float]:
    """Score one system on one file: boundary counts, sentences found and seconds spent."""
    sentences, seconds = 0, 0.0

    def timed(text: str) -> list[tuple[int, int]]:
        nonlocal sentences, seconds
        began = time.perf_counter()
        spans = split(text)
        seconds += time.perf_counter() - began
        sentences += len(spans)
        return spans

    return evaluate(read_gold(path), timed), sentences, seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_dir = REPO_BENCH if REPO_BENCH.is_dir() else SHARED_BENCH
    parser.add_argument("--bench-dir", type=Path, default=default_dir)
    parser.add_argument("--systems", default=",".join(SYSTEMS), help="comma-separated names")
    args = parser.parse_args(argv)

    names = args.systems.split(",")
    unknown = [name for name in names if name not in SYSTEMS]
    if unknown:
        parser.error(f"unknown systems: {', '.join(unknown)} (known: {', '.join(SYSTEMS)})")
    files = sorted(args.bench_dir.glob("*.jsonl"))
    if not files:
        parser.error(f"no *.jsonl files in {args.bench_dir}")

    rows: dict[tuple[str, str], str] = {}
    for name in names:
        try:
            split = SYSTEMS[name]()
        except ImportError as exc:
            print(f"{name}: not installed ({exc}); pip install 'claimwire[bench]'", file=sys.stderr)
            continue
        for path in files:
            try:
                score, sentences, seconds = run(split, path)
            except AlignmentError as exc:
                rows[path.stem, name] = f"cannot align its output: {exc}"
                continue
            speed = f"  {sentences / seconds:,.0f} sentences/s" if name == "claimwire" else ""
            rows[path.stem, name] = (
                f"{score.precision:6.4f} {score.recall:6.4f} {score.f1:6.4f} "
                f"{score.true_positives:5d} {score.false_positives:4d} "
                f"{score.false_negatives:4d}{speed}"
            )

    print(f"bench: {args.bench_dir}")
    print(f"{'file':<16} {'system':<13} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>4} {'fn':>4}")
    for path in files:
        for name in names:
            if (path.stem, name) in rows:
                print(f"{path.stem:<16} {name:<13} {rows[path.stem, name]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
