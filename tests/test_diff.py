"""`claimwire diff`: structural changes, label transitions, sources, status, and the PR comment."""

from __future__ import annotations

import shutil
from pathlib import Path

import orjson
import pytest
from annotator_copies import (
    SECOND_ID,
    SEED_ID,
    copy_base,
    edit_document,
    edit_source,
    read_records,
    relabel,
    sentence_files,
    split_sentence,
    write_records,
)
from helpers import claimwire


def as_json(old: Path, new: Path) -> dict:
    code, out, _ = claimwire("diff", old, new, "--format", "json")
    assert code == 0
    return orjson.loads(out)


@pytest.fixture
def old(tmp_path: Path) -> Path:
    return copy_base(tmp_path / "old")


@pytest.fixture
def new(tmp_path: Path) -> Path:
    """Two annotators' review of the pre-annotation: labels, sources, a split sentence."""
    corpus = copy_base(tmp_path / "new")
    relabel(corpus, "ann1", {f"{SEED_ID}:003": {"claim_type": "position"}})
    relabel(
        corpus,
        "ann1",
        {f"{SEED_ID}:007": {"claim_type": "opinion", "verifiability": "unverifiable"}},
    )
    relabel(corpus, "ann2", {f"{SEED_ID}:011": {"claim_type": "position"}})
    edit_source(
        corpus, "ann2", f"{SEED_ID}:001", 0, kind="organization", name="Gouvernement iranien"
    )
    edit_source(corpus, "ann2", f"{SEED_ID}:009", 0, remove=True)
    split_sentence(corpus, "ann1", f"{SEED_ID}:021", "catégorique:")
    return corpus


def test_no_differences(old: Path, tmp_path: Path) -> None:
    same = copy_base(tmp_path / "same")
    code, out, _ = claimwire("diff", old, same)
    assert code == 0 and out.endswith("\nno differences\n")
    assert claimwire("diff", old, same, "--exit-code")[0] == 0
    code, markdown, _ = claimwire("diff", old, same, "--format", "markdown")
    assert markdown.endswith("| annotation status | | | 0 |\n\nNo differences.\n")


def test_label_transitions_and_status(old: Path, new: Path) -> None:
    diff = as_json(old, new)
    # Sentences after the split are renumbered: 011 stays 011, the labels are reported with new ids.
    assert diff["transitions"]["claim_type"] == {"event -> position": 2, "position -> opinion": 1}
    assert diff["transitions"]["verifiability"] == {"verifiable -> unverifiable": 1}
    assert [c["sentence"] for c in diff["labels"]["claim_type"]] == [
        f"{SEED_ID}:003",
        f"{SEED_ID}:007",
        f"{SEED_ID}:011",
    ]
    # The split sentences are a re-segmentation, not status changes of matched sentences.
    assert diff["transitions"]["annotation_status"] == {
        "auto -> corrected (ann1)": 2,
        "auto -> corrected (ann2)": 3,
    }
    assert diff["resegmented"] == [
        {"doc_id": SEED_ID, "old": [f"{SEED_ID}:021"], "new": [f"{SEED_ID}:021", f"{SEED_ID}:022"]}
    ]
    assert diff["sentences_added"] == diff["sentences_removed"] == []


def test_source_changes_by_field(old: Path, new: Path) -> None:
    diff = as_json(old, new)
    changes = [(c["sentence"], c["change"], c["fields"]) for c in diff["sources"]]
    assert changes == [
        (f"{SEED_ID}:001", "changed", ["name", "kind"]),
        (f"{SEED_ID}:009", "removed", []),
    ]
    assert diff["transitions"]["source_kind"] == {"government -> organization": 1}
    assert diff["transitions"]["source_mode"] == {}


def test_source_span_edit_is_a_change(old: Path, new: Path) -> None:
    """A mention cut to its name still overlaps enough: one source changed in text and span."""
    general = "le général Mohammad Akraminia"
    (record,) = [r for r in read_records(sentence_files(old)[0]) if r["index"] == 24]
    start = record["sources"][0]["start"] + record["sources"][0]["text"].index(general)
    edit_source(
        new, "ann1", f"{SEED_ID}:025", 0, text=general, start=start, end=start + len(general)
    )
    changes = [c for c in as_json(old, new)["sources"] if c["sentence"] == f"{SEED_ID}:025"]
    assert [(c["change"], c["fields"]) for c in changes] == [("changed", ["text", "span"])]


def test_documents_added_removed_and_moved(old: Path, tmp_path: Path) -> None:
    smaller = copy_base(tmp_path / "smaller")
    for path in smaller.glob(f"data/*/*/{'2026-03'}.jsonl"):
        path.unlink()
    diff = as_json(smaller, old)
    assert diff["documents_added"] == {SECOND_ID: 4} and diff["documents_removed"] == {}
    assert as_json(old, smaller)["documents_removed"] == {SECOND_ID: 4}
    moved = copy_base(tmp_path / "moved")
    for table in ("documents", "sentences"):
        target = moved / "data" / "test" / table
        target.mkdir(parents=True)
        shutil.move(moved / "data" / "train" / table / "2026-03.jsonl", target / "2026-03.jsonl")
    assert as_json(old, moved)["split_changed"] == {SECOND_ID: ["train", "test"]}


def correct_text(corpus: Path, doc_id: str, wrong: str, right: str) -> None:
    """Correct a typo in a document's text, shifting every offset after it, as a re-issued dispatch does."""
    (doc_path,) = [p for p in corpus.glob("data/*/documents/*.jsonl") if doc_id in p.read_text()]
    (document,) = read_records(doc_path)
    at, delta = document["text"].index(wrong), len(right) - len(wrong)
    document["text"] = document["text"].replace(wrong, right, 1)
    document["paragraphs"] = [
        [s + delta * (s > at), e + delta * (e > at)] for s, e in document["paragraphs"]
    ]
    write_records(doc_path, [document])

    def shift(records: list[dict]) -> list[dict]:
        for record in records:
            for span in [record, *record["sources"]]:
                span["start"] += delta * (span["start"] > at)
                span["end"] += delta * (span["end"] > at)
            record["text"] = document["text"][record["start"] : record["end"]]
        return records

    edit_document(corpus, doc_id, shift)


def test_text_correction_rewrites_one_sentence(old: Path, tmp_path: Path) -> None:
    fixed = copy_base(tmp_path / "fixed")
    correct_text(fixed, SEED_ID, "l'ampleur exact des", "l'ampleur exacte des")
    diff = as_json(old, fixed)
    assert diff["text_changed"] == [SEED_ID]
    assert diff["rewritten"] == [
        {"doc_id": SEED_ID, "old": [f"{SEED_ID}:013"], "new": [f"{SEED_ID}:013"]}
    ]
    # Later sentences and their sources moved by one character: matched, and not reported as changed.
    assert diff["sources"] == [] and diff["labels"] == {"claim_type": [], "verifiability": []}


def test_text_output(old: Path, new: Path) -> None:
    code, out, _ = claimwire("diff", old, new)
    assert code == 0
    assert out.splitlines()[:7] == [
        f"{old} -> {new}",
        "documents: 0 added, 0 removed, 0 text changed, 0 moved to another split",
        "sentences: 0 added, 0 removed, 1 re-segmented, 0 rewritten (in documents of both versions)",
        "claim_type: 3 changed",
        "verifiability: 1 changed",
        "sources: 0 added, 1 removed, 1 changed (kind 1, name 1)",
        "annotation status: 5 changed",
    ]
    assert "\nclaim_type:\n  event -> position: 2\n  position -> opinion: 1\n" in out
    assert f"~ re-segmented {SEED_ID}:021 -> {SEED_ID}:021, {SEED_ID}:022" in out
    assert claimwire("diff", old, new, "--exit-code")[0] == 1


def test_markdown_comment(old: Path, new: Path) -> None:
    code, markdown, _ = claimwire("diff", old, new, "--format", "markdown", "--limit", "2")
    assert code == 0
    assert (
        markdown == claimwire("diff", old, new, "--format", "markdown", "--limit", "2")[1]
    )  # deterministic
    assert markdown.startswith(
        f"### Corpus changes: `{old}` → `{new}`\n\n"
        "| what | added | removed | changed |\n"
        "|---|---|---|---|\n"
        "| documents | 0 | 0 | 0 text, 0 split |\n"
        "| sentences | 0 | 0 | 1 re-segmented, 0 rewritten |\n"
        "| `claim_type` | | | 3 |\n"
        "| `verifiability` | | | 1 |\n"
        "| sources | 0 | 1 | 1 |\n"
        "| annotation status | | | 5 |\n"
    )
    section = markdown.split("<summary>claim_type: 3 changed")[1].split("</details>")[0]
    assert section.startswith(" (event → position: 2, position → opinion: 1)</summary>")
    assert f"| `{SEED_ID}:003` | event | position | Ces pourparlers sont les premiers" in section
    assert f"`{SEED_ID}:011`" not in section  # past the limit of 2
    assert "… and 1 more" in section
    assert markdown.count("<details>") == markdown.count("</details>") == 6


def test_bad_input_names_the_folder(old: Path, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    code, _, err = claimwire("diff", old, tmp_path / "empty")
    assert code == 1
    assert (
        err.strip()
        == f"Error: {tmp_path / 'empty'}: not a corpus (no data/<split>/<table>/<YYYY-MM>.jsonl files)"
    )


def test_sentence_removed_and_merged(old: Path, tmp_path: Path) -> None:
    """Deleting a sentence record is a removal; joining two into one is a re-segmentation."""
    new = copy_base(tmp_path / "edited")

    def edit(records: list[dict]) -> list[dict]:
        first, second = records[14], records[15]
        joined = dict(first, end=second["end"], sources=first["sources"] + second["sources"])
        joined["text"] = first["text"] + " " + second["text"]
        return [*records[:14], joined, *records[16:25]]  # and the last sentence deleted

    edit_document(new, SEED_ID, edit)
    diff = as_json(old, new)
    assert diff["resegmented"] == [
        {"doc_id": SEED_ID, "old": [f"{SEED_ID}:014", f"{SEED_ID}:015"], "new": [f"{SEED_ID}:014"]}
    ]
    assert diff["sentences_removed"] == [f"{SEED_ID}:025"] and diff["sentences_added"] == []
