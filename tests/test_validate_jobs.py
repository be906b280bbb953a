"""`claimwire validate --jobs N`: the same report, in the same order, as one process."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO

from claimwire.validate import Report, validate_corpus

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEVERAL = FIXTURES / "valid" / "several-shards"
FIELDS = ("file", "line", "code", "message", "record", "field")


def _everything(report: Report) -> tuple:
    return (
        report.flatten(FIELDS),
        report.stats,
        report.notes,
        report.valid,
        report.truncated,
    )


def _meeting_shards(tmp_path: Path) -> Path:
    """several-shards with the first document and its sentences copied into the last shard, and
    a sentence of another document of the first shard moved there: ids met again, an orphan
    whose document is in an earlier shard."""
    corpus = tmp_path / "corpus"
    shutil.copytree(SEVERAL, corpus)
    docs = sorted(corpus.rglob("documents/*.jsonl"))
    sents = sorted(corpus.rglob("sentences/*.jsonl"))
    lines = docs[0].read_bytes().splitlines()
    first, second = (line.split(b'"id":"')[1].split(b'"')[0] for line in lines[:2])
    own = sents[0].read_bytes().splitlines()
    copied = [s for s in own if b'"doc_id":"' + first + b'"' in s]
    moved = next(s for s in own if b'"doc_id":"' + second + b'"' in s)
    sents[0].write_bytes(b"".join(s + b"\n" for s in own if s != moved))
    docs[-1].write_bytes(docs[-1].read_bytes() + lines[0] + b"\n")
    sents[-1].write_bytes(sents[-1].read_bytes() + b"".join(s + b"\n" for s in [*copied, moved]))
    return corpus


@pytest.mark.parametrize(
    "corpus",
    [
        SEVERAL,
        FIXTURES / "several",
        REPO / "corpus",
        *sorted((FIXTURES / "invalid").iterdir()),
    ],
    ids=lambda p: p.name,
)
def test_jobs_give_the_report_of_one_process(corpus: Path) -> None:
    assert _everything(validate_corpus(corpus, jobs=2)) == _everything(validate_corpus(corpus))


def test_shards_that_meet_earlier_ones_are_judged_as_in_one_process(tmp_path: Path) -> None:
    corpus = _meeting_shards(tmp_path)
    one = validate_corpus(corpus)
    assert {code for _, _, code in one.flatten()} >= {"duplicate-id", "orphan-sentence"}
    for options in ({}, {"level": 3}, {"engine": "pandera"}, {"ignore": ("duplicate-id",)}):
        expected = _everything(validate_corpus(corpus, **options))  # type: ignore[arg-type]
        assert _everything(validate_corpus(corpus, jobs=3, **options)) == expected  # type: ignore[arg-type]


def test_cli_jobs_option(tmp_path: Path) -> None:
    from claimwire.cli.validate import validate_cmd

    folder = str(_meeting_shards(tmp_path))
    one = CliRunner().invoke(validate_cmd, ["--corpus", folder])
    two = CliRunner().invoke(validate_cmd, ["--corpus", folder, "--jobs", "2"])
    assert one.exit_code == two.exit_code == 1
    assert one.output == two.output
    assert CliRunner().invoke(validate_cmd, ["--corpus", folder, "--jobs", "0"]).exit_code == 2
    with pytest.raises(ValueError, match="jobs"):
        validate_corpus(SEVERAL, jobs=0)


@pytest.mark.parametrize("jobs", [1, 2])
def test_progress_is_told_of_every_shard_once(jobs: int) -> None:
    told: list[int] = []
    done: list[None] = []

    def progress(shards: int):
        told.append(shards)
        return lambda: done.append(None)

    report = validate_corpus(SEVERAL, jobs=jobs, progress=progress)
    shards = len({(p.parts[-3], p.stem) for p in (SEVERAL / "data").rglob("*.jsonl")})
    assert report.stats["files"] == 2 * shards > 2
    assert told == [shards] and len(done) == shards


def test_the_cli_checks_on_every_core_by_default() -> None:
    from claimwire.cli.validate import validate_cmd
    from claimwire.engines import available_cores

    (jobs,) = [p for p in validate_cmd.params if p.name == "jobs"]
    assert callable(jobs.default) and jobs.default() == available_cores()
    assert "-j" in jobs.opts
