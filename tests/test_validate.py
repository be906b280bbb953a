"""`claimwire validate`: one fixture corpus per code, the CLI, bad bytes, and the fast schema path."""

from __future__ import annotations

import importlib.util
import json
import os
import random
import shutil
from collections import Counter
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner, Result
from conftest import REPO, snapshot
from helpers import fixture_records

from claimwire.catalogue import BY_CODE, render_markdown
from claimwire.validate import validate_corpus
from claimwire.validate.fastschema import compile_schema
from claimwire.validate.schema_checks import (
    fast_validator,
    full_validator,
    misordered_fields,
    registry,
    schema_root,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures"
VALID = sorted(p for p in (FIXTURES / "valid").iterdir() if p.is_dir())
INVALID = sorted(p for p in (FIXTURES / "invalid").iterdir() if p.is_dir())
# Fixture READMEs are placeholders; the card is compared in test_card_out_of_date.
NO_CARD = ("card-out-of-date",)
# Codes without a folder under fixtures/invalid/, and the test that covers each instead.
COVERED_ELSEWHERE = {
    "card-out-of-date": "test_card_out_of_date",
    "invalid-splits-file": "tests/test_splits.py",
    "card-check-failed": "unreachable on valid data (render_card failing there is its bug)",
}


def expected_findings(folder: Path) -> list[tuple[str, int | None, str]]:
    """`expected.txt` rows `<file>:<line> <code>` or `<file> <code>`, as (file, line, code)."""
    path = folder / "expected.txt"
    rows = path.read_text().splitlines() if path.exists() else []
    out: list[tuple[str, int | None, str]] = []
    for row in rows:
        where, code = row.rsplit(" ", 1)
        file, _, line = where.rpartition(":")
        out.append((file, int(line), code) if file and line.isdigit() else (where, None, code))
    return sorted(out, key=str)


@pytest.mark.parametrize("folder", VALID + INVALID, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture_gives_exactly_its_findings(folder: Path) -> None:
    report = validate_corpus(folder, ignore=NO_CARD)
    assert sorted(report.flatten(), key=str) == expected_findings(folder)
    errors = [code for _, _, code in expected_findings(folder) if BY_CODE[code].severity == "error"]
    assert report.valid is (not errors)
    if folder in INVALID:
        assert {code for _, _, code in report.flatten()} == {folder.name}


def test_every_code_has_a_fixture() -> None:
    assert {p.name for p in INVALID} | COVERED_ELSEWHERE.keys() == BY_CODE.keys()


def test_committed_fixtures_are_what_the_script_writes(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("make_fixtures", FIXTURES / "make_fixtures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(tmp_path)
    for name in ("valid", "invalid", "several"):
        assert _tree(tmp_path / name) == _tree(FIXTURES / name), (
            "run tests/fixtures/make_fixtures.py"
        )


def _tree(folder: Path) -> dict[str, bytes | str]:
    return {
        p.relative_to(folder).as_posix(): (
            f"-> {p.readlink()}" if p.is_symlink() else p.read_bytes()
        )
        for p in sorted(folder.rglob("*"))
        if p.is_symlink() or p.is_file()
    }


def test_several_errors_are_each_reported_once() -> None:
    report = validate_corpus(FIXTURES / "several", ignore=NO_CARD)
    counts = Counter(report.flatten())
    assert set(counts) == set(expected_findings(FIXTURES / "several"))
    assert set(counts.values()) == {1}
    assert len({code for _, _, code in counts}) >= 8


def test_card_out_of_date(tmp_path: Path) -> None:
    from claimwire.release import generated_files

    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "valid" / "several-shards", corpus)
    for path, data in generated_files(corpus).items():
        path.write_bytes(data)
    assert validate_corpus(corpus).flatten() == []
    with (corpus / "README.md").open("a", encoding="utf-8") as card:
        card.write("hand-edited\n")
    report = validate_corpus(corpus)
    assert [code for _, _, code in report.flatten()] == ["card-out-of-date"]
    assert report.findings[0].line is not None


@pytest.mark.parametrize("name", ["croissant.json", "LICENSE.md"])
def test_generated_siblings_of_the_card_out_of_date(tmp_path: Path, name: str) -> None:
    """The Croissant file and LICENSE.md are checked as the card is: edited or missing, reported."""
    from claimwire.release import generated_files

    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "valid" / "several-shards", corpus)
    for path, data in generated_files(corpus).items():
        path.write_bytes(data)
    (corpus / name).write_bytes((corpus / name).read_bytes().replace(b"sentences", b"phrases", 1))
    found = validate_corpus(corpus).flatten()
    assert [(file, code) for file, _, code in found] == [(name, "card-out-of-date")]
    assert found[0][1] is not None
    (corpus / name).unlink()
    assert validate_corpus(corpus).flatten() == [(name, None, "card-out-of-date")]


def _corpus_with(tmp_path: Path, sentences: bytes) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "valid" / "minimal", corpus)
    (corpus / "data/train/sentences/2026-02.jsonl").write_bytes(sentences)
    return corpus


def test_bad_bytes_give_findings_not_tracebacks(tmp_path: Path) -> None:
    junk = random.Random(0).randbytes(200_000)
    deep = b"[" * 100_000 + b"\n"
    lines = (FIXTURES / "valid/minimal/data/train/sentences/2026-02.jsonl").read_bytes()
    truncated = lines[: len(lines) - 40]
    for content in (junk, deep, truncated, b"\x00" * 1000, b"\n\n\n", b'{"a":1e999}\n'):
        report = validate_corpus(_corpus_with(tmp_path / str(len(content)), content))
        assert not report.valid and report.findings


def test_random_byte_damage_never_raises(tmp_path: Path) -> None:
    """Flip, drop and insert bytes of a valid corpus: whatever comes out is findings, not errors."""
    rng = random.Random(20260204)
    originals = {
        p.relative_to(FIXTURES / "valid" / "several-shards"): p.read_bytes()
        for p in (FIXTURES / "valid" / "several-shards").rglob("*.jsonl")
    }
    corpus = tmp_path / "corpus"
    for _ in range(150):
        shutil.rmtree(corpus, ignore_errors=True)
        for rel, data in originals.items():
            damaged = bytearray(data)
            for _ in range(rng.randint(0, 3)):
                at = rng.randrange(len(damaged))
                action = rng.choice(("flip", "drop", "insert"))
                if action == "flip":
                    damaged[at] = rng.randrange(256)
                elif action == "drop":
                    del damaged[at]
                else:
                    damaged.insert(at, rng.choice(b'{}[]",:0 \n\\x\xc3'))
            (corpus / rel).parent.mkdir(parents=True, exist_ok=True)
            (corpus / rel).write_bytes(bytes(damaged))
        report = validate_corpus(corpus, ignore=("missing-card",))
        errors = [f for f in report.findings if f.check.severity == "error"]
        assert report.valid is (not errors)
        assert all(f.code in BY_CODE for f in report.findings)
        if all((corpus / rel).read_bytes() == data for rel, data in originals.items()):
            assert report.valid, report.to_text()
        # Every renderer gives one line per finding, whatever bytes the messages quote.
        assert len(report.to_text().splitlines()) >= len(report.findings)
        assert len(report.to_github().splitlines()) >= len(report.findings)
        assert len(orjson.loads(report.to_json())["findings"]) == len(report.findings)


def test_odd_file_names_are_reported_printably(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "valid" / "minimal", corpus)
    odd = os.fsdecode(b"bad\xff\nname.jsonl")
    (corpus / "data" / "train" / odd).write_bytes(b"{}\n")
    report = validate_corpus(corpus, ignore=NO_CARD)
    assert report.flatten() == [("data/train/bad\\xff\\nname.jsonl", None, "unexpected-file")]
    assert len(report.to_text().splitlines()) == 4


def test_50_mb_values_give_short_messages(tmp_path: Path) -> None:
    lines = (FIXTURES / "valid/minimal/data/train/sentences/2026-02.jsonl").read_bytes()
    huge = orjson.loads(lines.split(b"\n")[0])
    huge["text"] = "Mascate " * 6_500_000 + "fin."
    long_id = dict(orjson.loads(lines.split(b"\n")[1]), id="A" * 1_000_000 + ":001")
    corpus = _corpus_with(
        tmp_path, orjson.dumps(huge) + b"\n" + orjson.dumps(long_id) + b"\n" + lines
    )
    report = validate_corpus(corpus, ignore=NO_CARD)
    by_line = {(line, code) for _, line, code in report.flatten() if line in (1, 2)}
    assert by_line == {(1, "offset-mismatch"), (2, "id-mismatch")}
    assert max(len(f.message) for f in report.findings) < 300
    assert max(len(f.record or "") for f in report.findings) < 300


def test_fast_path_agrees_with_jsonschema() -> None:
    """The compiled validator accepts a record iff jsonschema does and its fields are in order."""
    records = fixture_records()
    assert len(records) > 1000
    for table, record in records:
        expected = full_validator(table).is_valid(record) and not misordered_fields(
            record, *schema_root(table)
        )
        assert fast_validator(table)(record) is expected, (table, record)


def test_fast_path_refuses_keywords_it_does_not_know() -> None:
    for table in ("documents", "sentences"):  # the real schemas compile (no silent slow path)
        compile_schema(*schema_root(table))
    schema, resolver = schema_root("documents")
    with pytest.raises(ValueError, match="oneOf"):
        compile_schema({"oneOf": [{"type": "string"}]}, resolver)
    assert registry() is registry()
    assert schema["$id"].startswith("https://claimwire.org/schema/")


def test_docs_table_is_generated_from_the_catalogue() -> None:
    assert (REPO / "docs" / "checks.md").read_text(encoding="utf-8") == render_markdown()


# CLI, through click's runner


def invoke(corpus: Path, *args: str | Path) -> Result:
    # Imported here: `claimwire.cli` imports every command, and one being edited elsewhere should
    # not stop the checks above from running.
    from claimwire.cli.validate import validate_cmd

    return CliRunner().invoke(validate_cmd, ["--corpus", str(corpus), *[str(a) for a in args]])


def test_cli_valid_corpus_exits_0() -> None:
    result = invoke(FIXTURES / "valid" / "minimal", "--ignore", "card-out-of-date")
    assert result.exit_code == 0, result.output
    assert ": valid, 0 errors" in result.output


def test_cli_invalid_corpus_exits_1_with_ud_style_lines() -> None:
    folder = FIXTURES / "invalid" / "offset-mismatch"
    result = invoke(folder, "--ignore", "card-out-of-date")
    assert result.exit_code == 1
    first = result.output.splitlines()[0]
    assert first.startswith(
        f"{folder}/data/train/sentences/2026-02.jsonl:2: error [L3 offset-mismatch] "
    )
    assert "offset-mismatch" in result.output.split("INVALID")[1]


def test_cli_json_and_github_formats() -> None:
    folder = FIXTURES / "several"
    data = json.loads(invoke(folder, "--format", "json", "--ignore", "card-out-of-date").output)
    assert data["valid"] is False
    assert Counter(f["code"] for f in data["findings"]) == data["counts"]
    assert {"code", "level", "severity", "file", "line", "message"} <= data["findings"][0].keys()
    github = invoke(folder, "--format", "github").output.splitlines()
    assert github[0].startswith(f"::error file={folder}/")
    assert any(",line=" in row and ",title=L" in row for row in github)


def test_cli_levels_select_ignore_and_max_errors() -> None:
    folder = FIXTURES / "several"
    assert invoke(FIXTURES / "invalid" / "offset-mismatch", "--level", "2").exit_code == 0
    only = json.loads(invoke(folder, "--format", "json", "--select", "blank-line").output)
    assert [f["code"] for f in only["findings"]] == ["blank-line"]
    stopped = json.loads(invoke(folder, "--format", "json", "--max-errors", "2").output)
    assert stopped["truncated"] is True and len(stopped["findings"]) == 2
    ignored = invoke(
        FIXTURES / "invalid" / "sentence-gap", "--ignore", "sentence-gap,card-out-of-date"
    )
    assert ignored.exit_code == 0


def test_cli_usage_errors_exit_2(tmp_path: Path) -> None:
    assert invoke(tmp_path / "absent").exit_code == 2
    assert invoke(FIXTURES / "several", "--select", "no-such-code").exit_code == 2
    assert invoke(FIXTURES / "several", "--level", "5").exit_code == 2


def test_cli_lists_codes_and_writes_nothing(tmp_path: Path) -> None:
    listing = invoke(tmp_path, "--list-codes")
    assert listing.exit_code == 0 and listing.output == render_markdown()
    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "several", corpus)
    before = snapshot(corpus)
    assert invoke(corpus).exit_code == 1
    assert snapshot(corpus) == before
