"""Time the two steps issue 14 found quadratic: relocating human sentences, and the segmenter on quotes.

    python scripts/bench_quadratic.py [--sizes 10,20,40,80] [--segment-mb 1] [--repeat 1]

Relocation: a dispatch of SIZE KB of sentences in paragraphs, every fifth sentence corrected by a
person (with a source), is corrected again: a word changes in the first paragraph (in an auto sentence) and the last
paragraph moves to the front; the figure is the time `plan_merge` takes to carry the human sentences
over. Segmenter: `segment_document` on `a. " b` repeated up to the size given. Run it against another
checkout (`PYTHONPATH=../main/src python scripts/bench_quadratic.py`) to compare before and after.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace

from claimwire.corpus.merge import plan_merge
from claimwire.records import Annotation, Document, Origin, Sentence, Source
from claimwire.segment import segment_document

SENTENCES = (
    "Le ministre {n} a reçu M. Dupont à Paris mardi.",
    "La réunion numéro {n} a duré deux heures selon ses services.",
    "« Tout va bien », a affirmé M. Dupont après la séance {n}.",
    "Les discussions {n} doivent reprendre la semaine prochaine à Bruxelles.",
)


def document(paragraphs: list[str], doc_id: str = "bench") -> Document:
    offsets, pos = [], 0
    for part in paragraphs:
        offsets.append((pos, pos + len(part)))
        pos += len(part) + 2
    origin = Origin(path="bench.txt", format="text", sha256="0" * 64)
    text = "\n\n".join(paragraphs)
    return Document(doc_id, "2026-02-04", "fr", None, text, offsets, origin)


def corrected_document(size_kb: int) -> tuple[Document, list[Sentence], Document]:
    """Old document, its sentences (one in five corrected, with a source), the new document."""
    paragraphs: list[str] = []
    n = 0
    while sum(len(p) + 2 for p in paragraphs) < size_kb * 1000:
        paragraphs.append(" ".join(SENTENCES[(n + k) % 4].format(n=n + k) for k in range(3)))
        n += 3
    old = document(paragraphs)
    sentences = []
    for i, span in enumerate(segment_document(old.text, old.paragraphs)):
        text = old.text[span.start : span.end]
        sentence = Sentence(old.id, i, span.paragraph, span.start, span.end, text)
        at = text.find("M. Dupont")
        if i % 5 == 0 and at != -1:
            source = Source(
                "M. Dupont",
                span.start + at,
                span.start + at + 9,
                "Dupont",
                "person",
                None,
                "direct",
            )
            sentence = replace(
                sentence, sources=[source], annotation=Annotation("corrected", "ann1")
            )
        sentences.append(sentence)
    moved = [
        paragraphs[-1],
        paragraphs[0].replace("deux heures", "trois heures", 1),
        *paragraphs[1:-1],
    ]
    return old, sentences, document(moved)


def best_of(repeat: int, run) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,20,40,80", help="relocation sizes in KB")
    parser.add_argument("--segment-mb", type=float, default=1.0, help="segmenter input in MB")
    parser.add_argument("--repeat", type=int, default=1, help="best of N runs")
    args = parser.parse_args()
    print("relocation of human sentences (plan_merge), best of", args.repeat)
    for size in (int(s) for s in args.sizes.split(",")):
        old, sentences, new = corrected_document(size)
        humans = sum(s.annotation.status != "auto" for s in sentences)
        seconds = best_of(args.repeat, lambda o=old, s=sentences, n=new: plan_merge(o, s, n))
        _, conflicts = plan_merge(old, sentences, new)
        print(
            f"  {size:>4} KB ({len(old.text):>7} chars, {humans:>4} human sentences): "
            f"{seconds:8.3f} s  ({len(conflicts)} conflicts)"
        )
    text = ('a. " b ' * int(args.segment_mb * 1_000_000 / 7))[: int(args.segment_mb * 1_000_000)]
    text = text.strip()
    seconds = best_of(args.repeat, lambda: segment_document(text, [(0, len(text))]))
    print(f'segmenter on {len(text):,} chars of `a. " b`: {seconds:8.3f} s')


if __name__ == "__main__":
    main()
