"""Build the sentence bank from its annotators' label files (run from the repository root).

    python tests/gold/bank/build.py

`raw/chunk-N.tsv` holds annotator N's labels, one line per sentence: `sent_id<TAB>claim_type<TAB>
verifiability[<TAB>note]`. Texts come from the project benchmark (`../shared/bench/segmentation`,
the `# text` lines of UD French-GSD and UD French-Sequoia), looked up by treebank sentence id. Each
chunk's first pseudo-documents were also given, at the end of their file, to the previous annotator
(the last chunk's to the first): a sentence labelled twice keeps the label of the file where it comes
earlier (its owner), and the pair gives the agreement figure (`agreement.py`). Writes `bank.jsonl` (sorted by treebank id).

The sentences of UD French-GSD's test part (the benchmark's `gsd-test.jsonl`, `HELD_OUT`: 298 with
`fr-ud-test_` ids and 118 with `fr-ud-dev_` ids, as the treebank numbers them) are **not in the bank**: since 2026-12-08 they
are the real held-out part of the gold standard (`../annotations/heldout/gsd-test-*.ann`), never trained
or tuned on. Their bank labels stay in `raw/` (labelled before they were set aside) and are not used.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import orjson

from claimwire.schema import label_rules, labels

BANK = Path(__file__).resolve().parent
BENCH = Path(__file__).resolve().parents[4] / "shared" / "bench" / "segmentation"
FILES = ("gsd-dev.jsonl", "gsd-test.jsonl", "sequoia-dev.jsonl", "sequoia-test.jsonl")
# Set aside as real held-out text on 2026-12-08: the gold's `heldout` part, never trained on. Told by
# the benchmark file (its pseudo-documents' ids), not by the sentence id: 118 of its sentences carry
# `fr-ud-dev_` ids.
HELD_OUT = "gsd-test-"
SOURCES = {
    "fr-ud": ("UD French-GSD", "CC BY-SA 4.0"),
    "Europar": ("UD French-Sequoia (Europarl)", "LGPL-LR"),
    "frwiki": ("UD French-Sequoia (Wikipedia)", "LGPL-LR"),
}
# More real text (`../shared/text/`): the train part of UD French-Sequoia, one sentence per line,
# consecutive ids of a prefix from the same document. Its pseudo-documents are runs of one genre cut
# every `TEXT_GROUP` sentences, named `sequoia-train-<first sentence id>`.
TEXT = Path(__file__).resolve().parents[4] / "shared" / "text" / "sequoia-train.jsonl"
TEXT_GROUP = 10


def texts() -> dict[str, tuple[str, str]]:
    """Treebank sentence id -> (pseudo-document id, text)."""
    found: dict[str, tuple[str, str]] = {}
    for name in FILES:
        for line in (BENCH / name).read_bytes().splitlines():
            doc = orjson.loads(line)
            for (start, end), sid in zip(doc["sentences"], doc["sent_ids"], strict=True):
                found.setdefault(sid, (doc["id"], doc["text"][start:end]))
    group: list[str] = []
    genre = ""
    for line in TEXT.read_bytes().splitlines():
        row = orjson.loads(line)
        if row["genre"] != genre or len(group) == TEXT_GROUP:
            group, genre = [], row["genre"]
        group.append(row["id"])
        found.setdefault(row["id"], (f"sequoia-train-{group[0]}", row["text"]))
    return found


def read_labels(path: Path, text_of: dict[str, tuple[str, str]]) -> list[list[str]]:
    """Rows `[id, claim_type, verifiability, note]`; exits with `file:line: problem` on a bad one."""
    claims, verifs = set(labels("claim_type")), set(labels("verifiability"))
    rows = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        fields = [f.strip() for f in line.split("\t")]
        where = f"{path.relative_to(BANK)}:{number}"
        if len(fields) < 3:
            sys.exit(f"{where}: expected id, claim_type, verifiability")
        sid, claim, verif = fields[:3]
        if sid not in text_of or not sid.startswith(tuple(SOURCES)):
            sys.exit(f"{where}: unknown sentence id {sid!r}")
        if claim not in claims or verif not in verifs:
            sys.exit(f"{where}: unknown label in {claim!r} {verif!r}")
        if (broken := label_rules().broken(claim, verif)) is not None:
            sys.exit(f"{where}: {broken}")
        rows.append([sid, claim, verif, fields[3] if len(fields) > 3 else ""])
    return rows


def read_sources(text_of: dict[str, tuple[str, str]]) -> dict[str, list[dict]]:
    """Sentence id -> its sources (`raw/sources-N.tsv`: `sent_id, mention, name, kind, cue, mode`, a
    line per source, none for a sentence that reports nobody; `raw/sources-N.groups`: the groups
    annotator N read, in order). A group read twice keeps the sources of the file where it comes
    earlier (its owner), as the labels do. Offsets are those of the mention's first whole-word
    occurrence in the sentence; exits with `file:line: problem` on a bad line."""
    kinds, modes = set(labels("source_kind")), set(labels("source_mode"))
    owner: dict[str, tuple[int, str]] = {}
    for path in sorted((BANK / "raw").glob("sources-*.groups")):
        for position, group in enumerate(path.read_text("utf-8").split()):
            if group not in owner or position < owner[group][0]:
                owner[group] = (position, path.stem)
    found: dict[str, list[dict]] = {}
    for path in sorted((BANK / "raw").glob("sources-*.tsv")):
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            where = f"{path.relative_to(BANK)}:{number}"
            fields = [f.strip() for f in line.split("\t")]
            if len(fields) != 6:
                sys.exit(f"{where}: expected id, mention, name, kind, cue, mode")
            sid, mention, name, kind, cue, mode = fields
            if sid not in text_of:
                sys.exit(f"{where}: unknown sentence id {sid!r}")
            group, text = text_of[sid]
            if owner.get(group, (0, ""))[1] != path.stem:
                continue  # the owner's file says, or a held-out sentence read before it was set aside
            if kind not in kinds or mode not in modes:
                sys.exit(f"{where}: unknown kind or mode in {kind!r} {mode!r}")
            match = re.search(r"(?<!\w)" + re.escape(mention) + r"(?!\w)", text)
            if match is None:
                sys.exit(f"{where}: mention {mention!r} not in the sentence")
            found.setdefault(sid, []).append(
                {
                    "text": mention,
                    "start": match.start(),
                    "end": match.end(),
                    "name": None if name == "-" else name,
                    "kind": kind,
                    "cue": None if cue == "-" else cue,
                    "mode": mode,
                }
            )
    return found


def main() -> None:
    text_of = texts()
    sources = read_sources(text_of)
    owner: dict[str, tuple[int, dict]] = {}
    for path in sorted((BANK / "raw").glob("chunk-*.tsv")):
        annotator = f"ann:cw-bank-{path.stem.split('-')[1]}"
        for position, (sid, claim, verif, note) in enumerate(read_labels(path, text_of)):
            if text_of[sid][0].startswith(HELD_OUT) or (sid in owner and owner[sid][0] <= position):
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
                "sources": sources.get(sid, []),
                "by": annotator,
                "note": note,
            }
            owner[sid] = (position, row)
    lines = [orjson.dumps(owner[sid][1]) for sid in sorted(owner)]
    tmp = BANK / "bank.jsonl.tmp"
    tmp.write_bytes(b"\n".join(lines) + b"\n")
    tmp.replace(BANK / "bank.jsonl")
    print(f"bank.jsonl: {len(lines)} sentences")


if __name__ == "__main__":
    main()
