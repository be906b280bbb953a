"""Agreement between annotators on claim_type and verifiability (run from the repository root).

    python tests/gold/agreement.py

Two figures, with Cohen's kappa from `claimwire.review.statistics`:
- **second annotator**: `second/<part>-sample.tsv` holds a second, independent annotator's labels
  (`ann:cw-gold-2`, blind to the gold; `doc_id#index`): 171 sentences of nine dev documents, and
  the whole held-out part (155 sentences); compared with the gold (`ann:cw-gold-1`) read from
  `annotations/<part>/`.
- **real held-out, doubly annotated**: the 42 UD French-GSD pseudo-documents of the held-out part
  (`gsd-test-*`, 416 sentences) were annotated in full by two annotators each, blind to each other and
  to the pre-annotator: the gold's (`annotations/heldout/`) and the second's (`second/heldout-real/`,
  same `.ann` format). Besides the labels, sources are compared sentence by sentence: whether the
  sentence reports someone, and when both say so, whether the first source (the speaker) has the same
  mention and the same name.
- **sentence bank overlap**: sentences labelled by two bank annotators (`bank/raw/chunk-*.tsv`).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import orjson

from claimwire.review.statistics import cohen_kappa

GOLD = Path(__file__).resolve().parent


def gold_labels(part: str, doc_id: str) -> list[tuple[str, str]]:
    path = GOLD / "annotations" / part / f"{doc_id}.ann"
    lines = path.read_text("utf-8").splitlines()
    return [tuple(line[2:].split()) for line in lines if line.startswith("= ")]  # type: ignore[misc]


def ann_sentences(path: Path) -> list[tuple[tuple[str, str], list[list[str]]]]:
    """((claim_type, verifiability), sources as [mention, name, kind, cue, mode]) per sentence."""
    found: list[tuple[tuple[str, str], list[list[str]]]] = []
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("= "):
            claim, verif = line[2:].split()
            found.append(((claim, verif), []))
        elif line.startswith("+ "):
            found[-1][1].append([f.strip() for f in line[2:].split("|")])
    return found


def source_agreement(pairs: list[tuple[list[list[str]], list[list[str]]]]) -> None:
    """Sentence-level agreement on sources between two annotators."""
    reports = [(bool(a), bool(b)) for a, b in pairs]
    both = [(a[0], b[0]) for a, b in pairs if a and b]
    print(
        f"  reports someone  observed {sum(x == y for x, y in reports) / len(reports):.3f}"
        f"  Cohen's kappa {cohen_kappa(reports):.3f}"
        f"  (first {sum(x for x, _ in reports)}, second {sum(y for _, y in reports)} sentences)"
    )
    if both:
        mention = sum(a[0].split("@")[0] == b[0].split("@")[0] for a, b in both) / len(both)
        name = sum(a[1].casefold() == b[1].casefold() for a, b in both) / len(both)
        print(
            f"  speaker, where both report someone ({len(both)}): mention {mention:.3f}, name {name:.3f}"
        )


def report(name: str, pairs: list[tuple[tuple[str, str], tuple[str, str]]]) -> None:
    print(f"{name}: {len(pairs)} sentences")
    for layer, i in (("claim_type", 0), ("verifiability", 1)):
        layer_pairs = [(a[i], b[i]) for a, b in pairs]
        agree = sum(a == b for a, b in layer_pairs) / len(layer_pairs)
        kappa = cohen_kappa(layer_pairs)
        print(f"  {layer:<14} observed {agree:.3f}  Cohen's kappa {kappa:.3f}")
    confusions = Counter(tuple(sorted((a[0], b[0]))) for a, b in pairs if a[0] != b[0])
    print(
        "  claim_type disagreements:",
        ", ".join(f"{a}/{b} {n}" for (a, b), n in confusions.most_common()),
    )


def main() -> None:
    for part in ("dev", "heldout"):
        cache: dict[str, list[tuple[str, str]]] = {}
        pairs = []
        for line in (GOLD / "second" / f"{part}-sample.tsv").read_text("utf-8").splitlines():
            key, claim, verif = line.split("\t")[:3]
            doc_id, index = key.split("#")
            first = cache.setdefault(doc_id, gold_labels(part, doc_id))[int(index)]
            pairs.append((first, (claim, verif)))
        report(f"{part} sample (gold vs second annotator)", pairs)
    labels, sources = [], []
    for path in sorted((GOLD / "second" / "heldout-real").glob("*.ann")):
        first = ann_sentences(GOLD / "annotations" / "heldout" / path.name)
        second = ann_sentences(path)
        assert len(first) == len(second), path.name
        labels += [(a[0], b[0]) for a, b in zip(first, second, strict=True)]
        sources += [(a[1], b[1]) for a, b in zip(first, second, strict=True)]
    report("real held-out, doubly annotated (gold vs second annotator)", labels)
    source_agreement(sources)
    seen: dict[str, list[tuple[str, str]]] = {}
    for path in sorted((GOLD / "bank" / "raw").glob("chunk-*.tsv")):
        for line in path.read_text("utf-8").splitlines():
            fields = line.split("\t")
            seen.setdefault(fields[0], []).append((fields[1], fields[2]))
    report("sentence bank overlap", [(v[0], v[1]) for v in seen.values() if len(v) == 2])
    source_agreement(bank_source_pairs())


def bank_source_pairs() -> list[tuple[list[list[str]], list[list[str]]]]:
    """The sources two bank annotators gave each sentence of the groups both read (`raw/sources-N`),
    in the owner's order (the file where the group comes first)."""
    raw = GOLD / "bank" / "raw"
    readers: dict[str, list[tuple[int, str]]] = {}
    for path in sorted(raw.glob("sources-*.groups")):
        for position, group in enumerate(path.read_text("utf-8").split()):
            readers.setdefault(group, []).append((position, path.stem))
    given: dict[tuple[str, str], list[list[str]]] = {}
    for path in sorted(raw.glob("sources-*.tsv")):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                sid, *fields = line.split("\t")
                given.setdefault((path.stem, sid), []).append(fields)
    bank = [orjson.loads(line) for line in (GOLD / "bank" / "bank.jsonl").read_bytes().splitlines()]
    pairs = []
    for row in bank:
        files = [name for _, name in sorted(readers.get(row["group"], []))]
        if len(files) == 2:
            pairs.append(tuple(given.get((name, row["id"]), []) for name in files))
    return pairs  # type: ignore[return-value]


if __name__ == "__main__":
    main()
