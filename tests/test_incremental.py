"""Re-running `convert` costs what changed (issue 16): unchanged inputs are skipped, and the corpus an
incremental run writes is byte for byte the one a full run writes, after new and corrected dispatches,
after a person's correction, and after a change of pipeline."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner
from conftest import SEED, snapshot

from claimwire.cli import main
from claimwire.corpus.manifest import MANIFEST_NAME, document_digests, read_manifest
from claimwire.pipeline_id import DATA, _files_digest, pipeline_id

PARAGRAPHS = [
    p.strip() for p in SEED.read_text("utf-8").split(" ", 2)[2].split("\n\n") if p.strip()
]


def write_dispatch(folder: Path, i: int, extra: str = "") -> Path:
    """A short dispatch made of three of the seed's paragraphs, dated by its number."""
    picked = [PARAGRAPHS[(i + k * 5) % len(PARAGRAPHS)] for k in range(3)]
    date = dt.date(2026, 1, 1) + dt.timedelta(days=9 * i)
    path = folder / f"d{i:03d}.txt"
    path.write_text(f"date {date.isoformat()}\n\n" + "\n\n".join(picked) + extra + "\n", "utf-8")
    return path


def convert(inputs: Path, corpus: Path, *options: str) -> str:
    result = CliRunner().invoke(
        main,
        ["convert", str(inputs), "--corpus", str(corpus), "--jobs", "1", *options],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def first(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Six dispatches over three months, converted once: (inputs, corpus) to copy from."""
    root = tmp_path_factory.mktemp("first")
    inputs = root / "inputs"
    inputs.mkdir()
    for i in range(6):
        write_dispatch(inputs, i)
    corpus = root / "a" / "corpus"
    assert "6 added" in convert(inputs, corpus)
    return inputs, corpus


@pytest.fixture
def copy(first: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    """A scratch copy of the converted inputs and corpus, laid out as `first` is."""
    inputs, corpus = first
    shutil.copytree(inputs, tmp_path / "inputs")
    shutil.copytree(corpus, tmp_path / "a" / "corpus")
    return tmp_path / "inputs", tmp_path / "a" / "corpus"


def test_the_manifest_records_every_document_with_this_pipeline(first: tuple[Path, Path]) -> None:
    _, corpus = first
    manifest = read_manifest(corpus)
    assert len(manifest.entries) == 6
    assert {e.pipeline for e in manifest.entries.values()} == {pipeline_id()}
    assert sorted(e.path for e in manifest.entries.values()) == [
        f"../inputs/d{i:03d}.txt" for i in range(6)
    ]
    assert manifest.render() == (corpus / MANIFEST_NAME).read_bytes()


def test_a_rerun_with_nothing_changed_loads_no_spacy_and_writes_nothing(
    copy: tuple[Path, Path],
) -> None:
    inputs, corpus = copy
    before = snapshot(corpus)
    stamps = {p: p.stat().st_mtime_ns for p in corpus.rglob("*")}
    code = (
        "import json, sys\n"
        "from claimwire.cli import main\n"
        "try:\n"
        "    main(sys.argv[1:])\n"
        "except SystemExit as exit:\n"
        "    code = exit.code\n"
        "print(json.dumps({'code': code, 'spacy': 'spacy' in sys.modules}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "convert", str(inputs), "--corpus", str(corpus), "-j", "2"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "6 input(s): 0 added, 0 updated, 6 unchanged" in result.stdout
    assert "files: 0 written" in result.stdout
    assert json.loads(result.stdout.splitlines()[-1]) == {"code": 0, "spacy": False}
    assert snapshot(corpus) == before
    assert {p: p.stat().st_mtime_ns for p in corpus.rglob("*")} == stamps
    # Nothing beside the corpus either, but the writers' lock file (issue 14), empty.
    beside = {p.name: p for p in corpus.parent.iterdir()}
    assert sorted(beside) == [".corpus.lock", "corpus"]
    assert beside[".corpus.lock"].stat().st_size == 0


def test_new_and_corrected_dispatches_give_the_corpus_of_a_full_run(
    copy: tuple[Path, Path], tmp_path: Path
) -> None:
    inputs, corpus = copy
    write_dispatch(inputs, 6)  # new
    write_dispatch(inputs, 2, extra="\n\nLe bilan a été revu à la hausse, a indiqué le ministère.")
    out = convert(inputs, corpus)
    assert "7 input(s): 1 added, 1 updated, 5 unchanged" in out
    fresh = tmp_path / "b" / "corpus"
    convert(inputs, fresh)
    assert snapshot(corpus) == snapshot(fresh)


def test_after_a_correction_the_rerun_writes_what_a_forced_run_writes(
    copy: tuple[Path, Path], tmp_path: Path
) -> None:
    inputs, corpus = copy
    path = sorted(corpus.rglob("sentences/*.jsonl"))[0]
    lines = path.read_bytes().splitlines(keepends=True)
    human = orjson.loads(lines[1])
    human["claim_type"], human["verifiability"] = "opinion", "unverifiable"
    human["annotation"] = {"status": "corrected", "by": "ann1", "guideline": "1.0", "note": ""}
    lines[1] = orjson.dumps(human) + b"\n"
    # An auto sentence typed over without taking it over: a full run writes the tool's again.
    auto = orjson.loads(lines[2])
    auto["claim_type"], auto["verifiability"] = "none", "not_applicable"
    lines[2] = orjson.dumps(auto) + b"\n"
    path.write_bytes(b"".join(lines))
    forced = tmp_path / "b" / "corpus"
    shutil.copytree(corpus, forced)

    out = convert(inputs, corpus)
    assert "0 added, 1 updated, 5 unchanged" in out
    convert(inputs, forced, "--force")
    assert snapshot(corpus) == snapshot(forced)
    rewritten = path.read_bytes().splitlines(keepends=True)
    assert orjson.loads(rewritten[1]) == human
    assert orjson.loads(rewritten[2]) != auto
    # And the next run skips the corrected document too.
    assert "0 updated, 6 unchanged" in convert(inputs, corpus)
    assert snapshot(corpus) == snapshot(forced)


def test_another_pipeline_reannotates_auto_sentences_and_keeps_human_ones(
    copy: tuple[Path, Path],
) -> None:
    inputs, corpus = copy
    path = sorted(corpus.rglob("sentences/*.jsonl"))[0]
    lines = path.read_bytes().splitlines(keepends=True)
    human = orjson.loads(lines[0])
    human["annotation"] = {"status": "corrected", "by": "ann1", "guideline": "1.0", "note": ""}
    lines[0] = orjson.dumps(human) + b"\n"
    tool = orjson.loads(lines[1])
    older = dict(tool, claim_type="none", verifiability="not_applicable", sources=[])
    lines[1] = orjson.dumps(older) + b"\n"
    path.write_bytes(b"".join(lines))
    # What an older claimwire would have recorded: its own pipeline, with these very lines.
    record_lines_as_converted(corpus)
    manifest = read_manifest(corpus)
    for doc_id, entry in list(manifest.entries.items()):
        manifest.entries[doc_id] = dataclasses.replace(entry, pipeline="0ld0ld0ld0ld0ld0")
    manifest.pipelines["0ld0ld0ld0ld0ld0"] = {"claimwire": "0.0.1"}
    (corpus / MANIFEST_NAME).write_bytes(manifest.render())

    out = convert(inputs, corpus)
    assert "6 input(s): 0 added, 1 updated, 5 unchanged" in out
    rewritten = path.read_bytes().splitlines(keepends=True)
    assert orjson.loads(rewritten[0]) == human
    assert orjson.loads(rewritten[1]) == tool
    assert {e.pipeline for e in read_manifest(corpus).entries.values()} == {pipeline_id()}
    assert b"0ld0ld0ld0ld0ld0" not in (corpus / MANIFEST_NAME).read_bytes()


def record_lines_as_converted(corpus: Path) -> None:
    """Make the manifest vouch for the corpus's lines as they are now (as if convert wrote them)."""
    manifest = read_manifest(corpus)
    digests = document_digests(corpus)
    for doc_id, entry in list(manifest.entries.items()):
        manifest.entries[doc_id] = dataclasses.replace(entry, lines=digests[doc_id])
    (corpus / MANIFEST_NAME).write_bytes(manifest.render())


def test_force_converts_what_the_manifest_vouches_for(copy: tuple[Path, Path]) -> None:
    inputs, corpus = copy
    path = sorted(corpus.rglob("sentences/*.jsonl"))[0]
    written = path.read_bytes()
    lines = written.splitlines(keepends=True)
    record = orjson.loads(lines[0])
    record["claim_type"], record["verifiability"] = "none", "not_applicable"
    path.write_bytes(orjson.dumps(record) + b"\n" + b"".join(lines[1:]))
    record_lines_as_converted(corpus)
    assert "0 updated, 6 unchanged" in convert(inputs, corpus)
    assert path.read_bytes() != written
    assert "1 updated, 5 unchanged" in convert(inputs, corpus, "--force")
    assert path.read_bytes() == written


def test_the_pipeline_digest_follows_the_lexicons(tmp_path: Path) -> None:
    import claimwire

    package = Path(claimwire.__file__).parent
    copy = tmp_path / "claimwire"
    for part in DATA:
        shutil.copytree(package / part, copy / part)
    assert _files_digest(copy, DATA, None) == _files_digest(package, DATA, None)
    lexicon = copy / "annotate" / "lexicons" / "according_to.txt"
    lexicon.write_text(lexicon.read_text("utf-8") + "aux dires de\n", "utf-8")
    assert _files_digest(copy, DATA, None) != _files_digest(package, DATA, None)
