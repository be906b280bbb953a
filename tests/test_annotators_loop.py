"""The annotators' loop on the real seed: hand edits survive re-conversion; `claimwire fix` repairs."""

from __future__ import annotations

import shutil
from pathlib import Path

import orjson
import pytest
from conftest import NOT_GOLD, SEED, SEED_CORPUS
from helpers import claimwire as run


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch repository holding the seed and the committed corpus (its conversion)."""
    shutil.copytree(SEED.parent, tmp_path / "seeds", ignore=NOT_GOLD)
    shutil.copytree(SEED_CORPUS, tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def sentences_file(repo: Path) -> Path:
    (path,) = (repo / "corpus/data").glob("*/sentences/2026-02.jsonl")
    return path


def read(path: Path) -> list[dict]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines()]


def write(path: Path, records: list[dict]) -> None:
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records))


def corrected(record: dict, note: str) -> dict:
    record["annotation"] = {"status": "corrected", "by": "ann1", "guideline": "1.0", "note": note}
    return record


def hand_edit(records: list[dict], text: str) -> list[dict]:
    """Three edits as an annotator makes them: a label, a source, and a sentence split in two."""
    records[1]["claim_type"], records[1]["verifiability"] = "position", "verifiable"
    corrected(records[1], "label")
    start = text.index("Le gouvernement iranien")
    records[1]["sources"] = [
        {"text": "Le gouvernement iranien", "start": start, "end": start + 23, "name": "Iran",
         "kind": "government", "cue": "a annoncé", "mode": "indirect"}
    ]  # fmt: skip
    corrected(records[2], "source")
    records[2]["sources"] = [dict(records[2]["sources"][0], name="Télévision d'Etat iranienne")] if records[2]["sources"] else [
        {"text": "La télévision d'Etat iranienne", "start": records[2]["start"], "end": records[2]["start"] + 30,
         "name": "Télévision d'Etat iranienne", "kind": "media", "cue": "a précisé", "mode": "indirect"}
    ]  # fmt: skip
    # Split sentence 4 at its comma: two sentences, renumbered after it.
    target = records[4]
    cut = target["text"].index(", après") + 1
    first = dict(target, end=target["start"] + cut, text=target["text"][:cut])
    rest = target["text"][cut:].lstrip()
    second = dict(target, start=target["end"] - len(rest), text=rest)
    edited = [
        *records[:4],
        corrected(first, "split"),
        corrected(dict(second), "split"),
        *records[5:],
    ]
    for index, record in enumerate(edited):
        record["index"], record["id"] = index, f"{record['doc_id']}:{index:03d}"
    return edited


def document_text(repo: Path) -> str:
    (path,) = (repo / "corpus/data").glob("*/documents/2026-02.jsonl")
    return read(path)[0]["text"]


def test_three_hand_edits_survive_reconversion_and_the_rest_is_unchanged(repo: Path) -> None:
    path = sentences_file(repo)
    edited = hand_edit(read(path), document_text(repo))
    write(path, edited)
    before = path.read_bytes()
    code, out, err = run("convert")
    assert code == 0, out + err
    assert path.read_bytes() == before
    assert run("validate")[0] == 0


def test_a_correction_elsewhere_in_the_text_moves_the_edits_with_it(repo: Path) -> None:
    path = sentences_file(repo)
    edited = hand_edit(read(path), document_text(repo))
    write(path, edited)
    seed = repo / "seeds" / SEED.name
    seed.write_text(
        seed.read_text("utf-8").replace("l'ampleur exact des", "l'ampleur exacte des"), "utf-8"
    )
    code, out, err = run("convert")
    assert code == 0, out + err
    text = document_text(repo)
    assert "l'ampleur exacte des" in text
    after = read(path)
    for old, new in zip(edited[:6], after[:6], strict=True):
        assert new == old  # before the correction: offsets unchanged
    late = [r for r in after if r["annotation"]["status"] != "auto"]
    assert [r["annotation"]["note"] for r in late] == ["label", "source", "split", "split"]
    assert all(text[r["start"] : r["end"]] == r["text"] for r in after)
    assert run("validate")[0] == 0


def test_a_text_correction_under_an_edited_sentence_is_a_conflict_and_the_edit_is_kept(
    repo: Path,
) -> None:
    path = sentences_file(repo)
    edited = hand_edit(read(path), document_text(repo))
    write(path, edited)
    before = {p: p.read_bytes() for p in (repo / "corpus").rglob("*.jsonl")}
    seed = repo / "seeds" / SEED.name
    seed.write_text(seed.read_text("utf-8").replace("deuxième phase", "seconde phase"), "utf-8")
    code, _, err = run("convert")
    assert code == 1
    conflicts = [line for line in err.splitlines() if line.startswith("conflict:")]
    assert len(conflicts) == 1
    assert f"{path.relative_to(repo)}:2: [annotation-conflict] " in conflicts[0]
    assert {p: p.read_bytes() for p in (repo / "corpus").rglob("*.jsonl")} == before


def test_fix_repairs_offsets_and_names_as_a_one_line_diff(repo: Path) -> None:
    path = sentences_file(repo)
    original = path.read_bytes().splitlines(keepends=True)
    records = read(path)
    index = next(i for i, r in enumerate(records) if any(s["name"] for s in r["sources"]))
    broken = records[index]
    broken["start"] += 3
    broken["end"] += 5
    source = next(s for s in broken["sources"] if s["name"])
    source["start"] -= 2
    source["end"] -= 2
    write(path, records)
    code, out, _ = run("fix")
    assert code == 0, out
    assert f":{index + 1}: fixed" in out
    assert path.read_bytes().splitlines(keepends=True) == original


def test_fix_fills_an_obvious_name_and_reports_what_it_cannot_repair(repo: Path) -> None:
    path = sentences_file(repo)
    records = read(path)
    text = document_text(repo)
    start = text.index("M. Araghchi")
    records[0]["sources"].append(
        {"text": "M. Araghchi", "start": start, "end": start + 11, "name": None,
         "kind": "person", "cue": None, "mode": "indirect"}
    )  # fmt: skip
    records[3]["text"] = "Une phrase qui n'est pas dans la dépêche."
    write(path, records)
    lines_before = path.read_bytes().splitlines()
    code, _, err = run("fix")
    assert code == 1
    assert f"{path.relative_to(repo)}:4: cannot fix: sentence text" in err
    after = path.read_bytes().splitlines()
    assert orjson.loads(after[0])["sources"][-1]["name"] == "Araghchi"
    assert [i for i, (a, b) in enumerate(zip(lines_before, after, strict=True)) if a != b] == [0]


def test_fix_on_a_broken_corpus_is_a_one_line_error(repo: Path) -> None:
    path = sentences_file(repo)
    path.write_bytes(path.read_bytes() + b"{oops\n")
    code, out, err = run("fix")
    assert code == 1
    assert "not valid JSON" in (out + err) and "Traceback" not in (out + err)
