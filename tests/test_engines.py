"""`--jobs 2` and `--engine ray` write byte-identical corpora to `--jobs 1` (issue: scale)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEED, snapshot

from claimwire.cli import main
from claimwire.engines import BATCH_SIZE


@pytest.fixture(scope="module")
def dispatches(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """More than two batches of distinct short dispatches made of the seed's paragraphs, over 3 months."""
    folder = tmp_path_factory.mktemp("inputs")
    body = SEED.read_text("utf-8").split(" ", 2)[2]
    paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
    count = 2 * BATCH_SIZE + 3
    for i in range(count):
        picked = [paragraphs[(i + k * 7) % len(paragraphs)] for k in range(3)]
        date = dt.date(2026, 1, 1) + dt.timedelta(days=2 * i + 1)
        text = f"date {date.isoformat()}\n\n" + "\n\n".join(picked) + "\n"
        (folder / f"d{i:03d}.txt").write_text(text, encoding="utf-8")
    return folder


def convert(dispatches: Path, corpus: Path, *options: str) -> dict[str, bytes]:
    result = CliRunner().invoke(
        main,
        ["convert", str(dispatches), "--corpus", str(corpus), *options],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert f"{2 * BATCH_SIZE + 3} added" in result.stdout
    return snapshot(corpus)


@pytest.fixture(scope="module")
def sequential(dispatches: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return convert(dispatches, tmp_path_factory.mktemp("jobs1") / "corpus", "--jobs", "1")


def test_the_inputs_span_several_shards(sequential: dict[str, bytes]) -> None:
    shards = {name.rsplit("/", 1)[-1] for name in sequential if name.startswith("data/")}
    assert {"2026-01.jsonl", "2026-02.jsonl", "2026-03.jsonl"} <= shards


def test_two_jobs_write_the_same_bytes_as_one(
    dispatches: Path, sequential: dict[str, bytes], tmp_path: Path
) -> None:
    assert convert(dispatches, tmp_path / "corpus", "--jobs", "2") == sequential


def test_ray_writes_the_same_bytes_as_local(
    dispatches: Path, sequential: dict[str, bytes], tmp_path: Path
) -> None:
    import ray

    try:
        assert (
            convert(dispatches, tmp_path / "corpus", "--engine", "ray", "--jobs", "2") == sequential
        )
    finally:
        ray.shutdown()


def test_address_without_ray_is_a_usage_error(dispatches: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["convert", str(dispatches), "--corpus", str(tmp_path / "c"), "--address", "x:1"]
    )
    assert result.exit_code == 2
    assert "--address goes with --engine ray" in result.output
