"""Build the gold standard into the published corpus from its hand-written annotation files.

    python tests/gold/build.py [--check]        (from the repository root)

The gold has one home: its raw texts are seeds (`seeds/gold/<part>/<doc_id>.txt`) and its records are
in `corpus/`, with their human annotations, in the split of their part (`PART_SPLITS`: dev -> train,
fresh -> validation, heldout -> test), recorded in `corpus/splits.json` so that `convert` and
`validate` keep them there. The script rewrites those seeds, the gold's records in the corpus (other
documents stay as they are), `splits.json`, `agreement.json` (the second annotator's agreement with
the gold, from `second/`) and the generated card and Croissant file; `--check` writes nothing and
exits 1 if any of it differs.

Each `annotations/<part>/<doc_id>.ann` holds one document, annotated by hand:

    # date: 2026-03-12
    # bench: est-republicain-0015          (optional: text and boundaries checked against the benchmark)
    # by: ann:cw-fresh-a                   (optional: the annotator, else ann:cw-gold-1)
    > Sentence text, exactly as in the document.
    = claim_type verifiability
    + mention | name | kind | cue | mode   (one line per source, in order; `-` for null)
    ! note (optional, goes to annotation.note)

A blank line between sentences is a paragraph break; sentences of a paragraph are joined by one space.
A mention is found as a whole word in its sentence (`mention@2`: its third occurrence there), else at
the occurrence nearest the sentence in the document. This script only computes offsets and writes the
files; every label is the annotator's.
"""

from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

import orjson

from claimwire.card_sections import agreement_section
from claimwire.corpus.agreement_file import AGREEMENT_NAME
from claimwire.corpus.splits import SPLITS_NAME, read_recorded_splits, splits_file
from claimwire.corpus.store import Corpus, read_corpus, render_files, write_files
from claimwire.evaluate.gold import GOLD_SEEDS, PART_SPLITS, is_gold
from claimwire.records import Annotation, Document, Origin, Sentence, Source
from claimwire.release import generated_files
from claimwire.review.agreement import compare_copies
from claimwire.review.agreement_render import render_json

GOLD = Path(__file__).resolve().parent
ROOT = GOLD.parents[1]
CORPUS = ROOT / "corpus"
BENCH_DIR = Path(__file__).resolve().parents[3] / "shared" / "bench" / "segmentation"
# The benchmark file that holds each treebank document, by its id's prefix.
BENCH_FILES = {"est-republicain-": "est-republicain.jsonl", "gsd-test-": "gsd-test.jsonl"}
ANNOTATOR = "ann:cw-gold-1"


@dataclass
class Draft:
    text: str
    paragraph: int
    claim: str = ""
    verif: str = ""
    sources: list[list[str]] = field(default_factory=list)
    note: str = ""


def parse(path: Path) -> tuple[dict[str, str], list[Draft]]:
    meta: dict[str, str] = {}
    drafts: list[Draft] = []
    paragraph, blank = 0, False
    for number, raw in enumerate(path.read_text("utf-8").splitlines(), start=1):
        line = raw.rstrip()
        where = f"{path.relative_to(ROOT)}:{number}"
        if not line:
            blank = True
            continue
        tag, rest = line[:1], line[2:].strip()
        if tag == "#":
            key, _, value = rest.partition(":")
            meta[key.strip()] = value.strip()
        elif tag == ">":
            if blank and drafts:
                paragraph += 1
            drafts.append(Draft(rest, paragraph))
        elif tag == "=":
            drafts[-1].claim, drafts[-1].verif = rest.split()
        elif tag == "+":
            fields = [f.strip() for f in rest.split("|")]
            if len(fields) != 5:
                sys.exit(f"{where}: a source needs 5 fields, got {len(fields)}")
            drafts[-1].sources.append(fields)
        elif tag == "!":
            drafts[-1].note = rest
        else:
            sys.exit(f"{where}: unknown line tag {tag!r}")
        blank = False
    return meta, drafts


def body(drafts: list[Draft]) -> str:
    paragraphs: dict[int, list[str]] = {}
    for draft in drafts:
        paragraphs.setdefault(draft.paragraph, []).append(draft.text)
    return "\n\n".join(" ".join(parts) for _, parts in sorted(paragraphs.items()))


def paragraph_spans(drafts: list[Draft]) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for part in body(drafts).split("\n\n"):
        spans.append((pos, pos + len(part)))
        pos += len(part) + 2
    return spans


def locate(text: str, mention: str, start: int, end: int, where: str) -> tuple[int, int]:
    occurrence = 0
    if re.search(r"@\d+$", mention):
        mention, _, n = mention.rpartition("@")
        occurrence = int(n)
    pattern = re.compile(r"(?<!\w)" + re.escape(mention) + r"(?!\w)")
    inside = [m.span() for m in pattern.finditer(text, start, end)]
    if len(inside) > occurrence:
        return inside[occurrence]
    found = [m.span() for m in pattern.finditer(text)]
    if not found:
        sys.exit(f"{where}: mention {mention!r} not found in the document")
    return min(found, key=lambda s: min(abs(s[0] - end), abs(s[1] - start)))


def null(value: str) -> str | None:
    return None if value == "-" else value


def build_document(part: str, path: Path) -> tuple[Document, list[Sentence], Path, bytes]:
    """The document and sentences of one `.ann` file, and its raw seed text with its path."""
    meta, drafts = parse(path)
    doc_id = path.stem
    text = body(drafts)
    raw = ROOT / GOLD_SEEDS / part / f"{doc_id}.txt"
    data = f"date {meta['date']}\n\n{text}\n".encode()
    # What the plain-text reader makes of `raw` (tests/test_evaluate.py checks that it still does).
    origin = Origin(raw.relative_to(ROOT).as_posix(), "text", hashlib.sha256(data).hexdigest())
    document = Document(doc_id, meta["date"], "fr", None, text, paragraph_spans(drafts), origin)
    sentences, pos = [], 0
    for index, draft in enumerate(drafts):
        start = text.index(draft.text, pos)
        end = pos = start + len(draft.text)
        where = f"{path.relative_to(ROOT)} sentence {index}"
        sources = []
        for mention, name, kind, cue, mode in draft.sources:
            s, e = locate(text, mention, start, end, where)
            sources.append(Source(text[s:e], s, e, null(name), kind, null(cue), mode))
        note = draft.note
        sentences.append(
            Sentence(
                doc_id,
                index,
                draft.paragraph,
                start,
                end,
                draft.text,
                draft.claim,
                draft.verif,
                sources,
                Annotation("corrected", meta.get("by", ANNOTATOR), "1.0", note),
            )
        )
    if "bench" in meta:
        check_bench(meta["bench"], text, sentences)
    return document, sentences, raw, data


def check_bench(bench_id: str, text: str, sentences: list[Sentence]) -> None:
    name = next((f for prefix, f in BENCH_FILES.items() if bench_id.startswith(prefix)), None)
    if name is None:
        sys.exit(f"{bench_id}: no benchmark file for this id")
    bench = BENCH_DIR / name
    if not bench.is_file():
        return  # the shared benchmark is not beside this checkout: nothing to check against
    for line in bench.read_bytes().splitlines():
        record = orjson.loads(line)
        if record["id"] == bench_id:
            assert record["text"] == text, f"{bench_id}: text differs from the benchmark"
            spans = [tuple(s) for s in record["sentences"]]
            assert spans == [(s.start, s.end) for s in sentences], f"{bench_id}: boundaries differ"
            return
    sys.exit(f"{bench_id}: not in {bench}")


def agreement_report(corpus: Corpus) -> bytes:
    """`corpus/agreement.json` (a `claimwire agree` report) from the second annotator's labels
    (`second/<part>-sample.tsv`: claim type and verifiability of every sentence of nine dev documents
    and of the held-out part, by `ann:cw-gold-2`, blind to the gold), against the gold's. Sources were
    not annotated twice: both copies leave them out, and the card says n/a for them."""
    second: dict[tuple[str, int], tuple[str, str]] = {}
    for path in sorted((GOLD / "second").glob("*-sample.tsv")):
        for line in path.read_text("utf-8").splitlines():
            key, claim, verif = line.split("\t")[:3]
            doc_id, index = key.split("#")
            second[(doc_id, int(index))] = (claim, verif)
    first, other = Corpus(), Corpus()
    for doc_id in sorted({d for d, _ in second}):
        document, split = corpus.documents[doc_id], corpus.splits[doc_id]
        sentences = [replace(s, sources=[]) for s in corpus.sentences[doc_id]]
        first.put(document, split, sentences)
        relabelled = []
        for s in sentences:
            claim, verif = second[(doc_id, s.index)]  # every sentence of a sampled document
            by = replace(s.annotation, by="ann:cw-gold-2", note="")
            relabelled.append(replace(s, claim_type=claim, verifiability=verif, annotation=by))
        other.put(document, split, relabelled)
    report = compare_copies([first, other], ["ann:cw-gold-1", "ann:cw-gold-2"])
    return render_json(report).encode("utf-8")


def build() -> tuple[dict[Path, bytes], list[Path], dict[str, tuple[int, int, int]]]:
    """Every file the gold makes (seeds, corpus shards, splits.json, card, Croissant), the files
    it makes stale, and per part (documents, sentences, sources)."""
    corpus = read_corpus(CORPUS)
    for doc_id in [d for d, document in corpus.documents.items() if is_gold(document)]:
        del corpus.documents[doc_id], corpus.splits[doc_id], corpus.sentences[doc_id]
    # Splits recorded for other documents stay; the gold's are written again below.
    recorded = {d: s for d, s in read_recorded_splits(CORPUS).items() if d in corpus.documents}
    files: dict[Path, bytes] = {}
    counts = {}
    for part, split in PART_SPLITS.items():
        n_doc = n_sent = n_src = 0
        for path in sorted((GOLD / "annotations" / part).glob("*.ann")):
            document, sentences, raw, data = build_document(part, path)
            if document.id in corpus.documents:
                sys.exit(f"{path.relative_to(ROOT)}: document {document.id} is already in corpus/")
            corpus.put(document, split, sentences)
            recorded[document.id] = split
            files[raw] = data
            n_doc, n_sent = n_doc + 1, n_sent + len(sentences)
            n_src += sum(len(s.sources) for s in sentences)
        counts[part] = (n_doc, n_sent, n_src)
    data_files = render_files(CORPUS, corpus)
    files.update(data_files)
    files[CORPUS / SPLITS_NAME] = splits_file(recorded)
    agreement = agreement_report(corpus)
    files[CORPUS / AGREEMENT_NAME] = agreement
    section = agreement_section(orjson.loads(agreement))
    files.update(generated_files(CORPUS, data_files, agreement=section))
    stale = [p for p in CORPUS.glob("data/*/*/*.jsonl") if p not in files]
    stale += [p for p in (ROOT / GOLD_SEEDS).rglob("*.txt") if p not in files]
    return files, stale, counts


def main() -> None:
    check = "--check" in sys.argv[1:]
    files, stale, counts = build()
    if check:
        differ = [p for p, data in files.items() if not p.is_file() or p.read_bytes() != data]
        differ += [p for p in stale if p.exists()]
        for path in sorted(differ):
            print(f"{path.relative_to(ROOT)}: differs from what the annotations build")
        sys.exit(1 if differ else 0)
    write_files(files, stale=stale, root=ROOT)  # seeds/gold/ and corpus/ in one batch
    for part, (n_doc, n_sent, n_src) in counts.items():
        print(f"{part}: {n_doc} documents, {n_sent} sentences, {n_src} sources")


if __name__ == "__main__":
    main()
