"""`claimwire review`: the auto sentences to review first, on the real committed corpus."""

from __future__ import annotations

import shutil
from pathlib import Path

import orjson
import pytest
from conftest import SEED_CORPUS
from helpers import claimwire


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(SEED_CORPUS, tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    return Path("corpus")


def records(corpus: Path) -> list[tuple[str, int, dict]]:
    (path,) = corpus.glob("data/*/sentences/*.jsonl")
    lines = path.read_bytes().splitlines()
    return [(path.as_posix(), n, orjson.loads(line)) for n, line in enumerate(lines, start=1)]


def test_review_lists_auto_sentences_least_confident_first_with_file_and_line(
    corpus: Path,
) -> None:
    rows = records(corpus)
    # An annotator corrects the least confident sentence: it leaves the list.
    path, number, first = min(rows, key=lambda r: (r[2]["confidence"], r[1]))
    first["annotation"] = {"status": "corrected", "by": "ann1", "guideline": "1.0", "note": ""}
    lines = Path(path).read_bytes().splitlines(keepends=True)
    lines[number - 1] = orjson.dumps(first) + b"\n"
    Path(path).write_bytes(b"".join(lines))
    code, out, _ = claimwire("review", "--format", "json")
    assert code == 0
    listed = orjson.loads(out)
    expected = sorted(
        (r for r in rows if r[2]["id"] != first["id"]), key=lambda r: (r[2]["confidence"], r[1])
    )
    assert [(d["path"], d["line"], d["id"]) for d in listed] == [
        (p, n, r["id"]) for p, n, r in expected
    ]
    assert [d["confidence"] for d in listed] == sorted(d["confidence"] for d in listed)
    assert listed[0]["text"] == expected[0][2]["text"]
    assert listed[0]["claim_type"] == expected[0][2]["claim_type"]
    code, out, _ = claimwire("review", "--limit", "3")
    assert code == 0
    text_lines = out.splitlines()
    assert len(text_lines) == 3
    p, n, r = expected[0]
    assert text_lines[0].startswith(f"{p}:{n}: {r['confidence']:.3f} {r['claim_type']}/")
    assert text_lines[0].endswith(r["text"])


def test_review_writes_its_list_to_a_file(corpus: Path) -> None:
    code, _, err = claimwire("review", "--format", "json", "-o", "doubt.json", "--limit", "2")
    assert code == 0 and "doubt.json: written" in err
    assert len(orjson.loads(Path("doubt.json").read_bytes())) == 2


def test_a_positional_corpus_gets_the_hint(corpus: Path) -> None:
    code, _, err = claimwire("review", "corpus")
    assert code == 2 and "name the corpus with --corpus" in err
