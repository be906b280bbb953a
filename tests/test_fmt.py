"""`claimwire fmt`: canonical form restored line by line, unsafe lines left alone, `--check` for CI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import orjson
from click.testing import CliRunner
from conftest import SEED_CORPUS as CORPUS
from conftest import snapshot

from claimwire.cli import main
from claimwire.corpus.canonical import format_bytes


def sentence_lines() -> list[bytes]:
    (path,) = CORPUS.glob("data/*/sentences/2026-02.jsonl")
    return path.read_bytes().splitlines()


def test_canonical_file_is_left_as_is() -> None:
    raw = b"\n".join(sentence_lines()) + b"\n"
    result = format_bytes(raw, "sentences")
    assert result.data == raw and result.changed_lines == [] and result.unsafe == []


def test_every_kind_of_deviation_is_repaired_on_its_own_line() -> None:
    good = sentence_lines()[:4]
    record = orjson.loads(good[1])
    shuffled = json.dumps(dict(reversed(list(record.items()))), ensure_ascii=True).encode()
    spaced = json.dumps(orjson.loads(good[2]), ensure_ascii=False).encode()
    raw = b"\xef\xbb\xbf" + good[0] + b"\r\n" + shuffled + b"\n\n" + spaced + b"\n" + good[3]
    result = format_bytes(raw, "sentences")
    assert result.data == b"\n".join(good) + b"\n"
    assert result.changed_lines == [1, 2, 3, 4, 5]
    assert result.unsafe == []


def test_lines_that_cannot_be_rewritten_safely_are_kept_and_reported() -> None:
    good = sentence_lines()[0]
    raw = good + b'\n{"id":"a","id":"b"}\n{"id": NaN}\n'
    result = format_bytes(raw, "sentences")
    assert [n for n, _ in result.unsafe] == [2, 3]
    assert result.data == raw


def test_cli_check_then_fix(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    (path,) = corpus.glob("data/*/sentences/2026-02.jsonl")
    lines = path.read_bytes().splitlines()
    lines[3] = json.dumps(orjson.loads(lines[3]), ensure_ascii=True).encode()
    path.write_bytes(b"\n".join(lines) + b"\n")
    runner = CliRunner()
    before = snapshot(corpus)
    checked = runner.invoke(main, ["fmt", "--check", "--corpus", str(corpus)])
    assert checked.exit_code == 1
    assert f"{path}:4: not in canonical form" in checked.stdout
    assert snapshot(corpus) == before
    fixed = runner.invoke(main, ["fmt", "--corpus", str(corpus)])
    assert fixed.exit_code == 0, fixed.output
    assert snapshot(corpus) == snapshot(CORPUS)
    assert runner.invoke(main, ["fmt", "--check", "--corpus", str(corpus)]).exit_code == 0
