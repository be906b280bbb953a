"""Build the sentence bank from its annotators' label files (run from the repository root).

    /work/venv/bin/python tests/gold/bank/build.py

`raw/chunk-N.tsv` holds annotator N's labels, one line per sentence: `sent_id<TAB>claim_type<TAB>
verifiability[<TAB>note]`. Texts come from the project benchmark (`/work/shared/bench/segmentation`,
the `# text` lines of UD French-GSD and UD French-Sequoia), looked up by treebank sentence id. Each
chunk's first pseudo-documents were also given, at the end of their file, to the previous annotator
(the last chunk's to the first): a sentence labelled twice keeps the label of the file where it comes
earlier (its owner), and the pair gives the agreement figure (`agreement.py`). Writes `bank.jsonl` (sorted by treebank id).
"""

from __future__ import annotations

import sys
from pathlib import Path

import orjson

BANK = Path(__file__).resolve().parent
BENCH = Path("/work/shared/bench/segmentation")
FILES = ("gsd-dev.jsonl", "gsd-test.jsonl", "sequoia-dev.jsonl", "sequoia-test.jsonl")
SOURCES = {
    "fr-ud": ("UD French-GSD", "CC BY-SA 4.0"),
    "Europar": ("UD French-Sequoia (Europarl)", "LGPL-LR"),
}


def texts() -> dict[str, tuple[str, str]]:
    """Treebank sentence id -> (pseudo-document id, text)."""
    found: dict[str, tuple[str, str]] = {}
    for name in FILES:
        for line in (BENCH / name).read_bytes().splitlines():
            doc = orjson.loads(line)
            for (start, end), sid in zip(doc["sentences"], doc["sent_ids"], strict=True):
                found.setdefault(sid, (doc["id"], doc["text"][start:end]))
    return found


def read_labels(path: Path) -> list[list[str]]:
    rows = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) < 3:
            sys.exit(f"{path.name}:{number}: expected id, claim_type, verifiability")
        rows.append([f.strip() for f in fields[:4]] + [""] * (4 - len(fields[:4])))
    return rows


def main() -> None:
    text_of = texts()
    owner: dict[str, tuple[int, dict]] = {}
    for path in sorted((BANK / "raw").glob("chunk-*.tsv")):
        annotator = f"ann:cw-bank-{path.stem.split('-')[1]}"
        for position, (sid, claim, verif, note) in enumerate(read_labels(path)):
            if sid in owner and owner[sid][0] <= position:
                continue
            prefix = next(p for p in SOURCES if sid.startswith(p))
            source, license_ = SOURCES[prefix]
            group, text = text_of[sid]
            row = {
                "id": sid,
                "group": group,
                "source": source,
                "license": license_,
                "text": text,
                "claim_type": claim,
                "verifiability": verif,
                "by": annotator,
                "note": note,
            }
            owner[sid] = (position, row)
    lines = [orjson.dumps(owner[sid][1]) for sid in sorted(owner)]
    (BANK / "bank.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    print(f"bank.jsonl: {len(lines)} sentences")


if __name__ == "__main__":
    main()
