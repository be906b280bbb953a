"""A folder mixing every input format converts into one corpus, and the seed gives the same sentences
and annotations whichever format and encoding it arrives in."""

from __future__ import annotations

import shutil
from pathlib import Path

import orjson
from click.testing import CliRunner
from conftest import SEED

from claimwire.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def by_document(corpus: Path) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for path in sorted(corpus.glob("data/*/sentences/*.jsonl")):
        for line in path.read_bytes().splitlines():
            record = orjson.loads(line)
            for key in ("id", "doc_id"):
                record.pop(key)
            grouped.setdefault(orjson.loads(line)["doc_id"], []).append(record)
    return grouped


def test_a_folder_of_every_format_gives_the_seed_sentences_in_each(
    tmp_path: Path, monkeypatch
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for path in sorted(FIXTURES.glob("*.*")):
        shutil.copy(path, inbox / path.name)
    shutil.copy(SEED, inbox / SEED.name)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["convert", "inbox", "--jobs", "1"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    formats = {
        orjson.loads(line)["origin"]["format"]
        for path in (tmp_path / "corpus").glob("data/*/documents/*.jsonl")
        for line in path.read_bytes().splitlines()
    }
    # The NewsML-G2 item and the ninjs files carry one uri and version, hence one document (the first
    # read); each plain-text file has an id of its own.
    assert formats == {"text", "newsml-g2"}
    files = len(list(inbox.iterdir()))
    assert f"{files} input(s): " in result.stdout and " 0 rejected" in result.stdout
    converted = by_document(tmp_path / "corpus")
    expected = converted[SEED.stem]
    # Ids: the seed's file name, `seed` (the stem of every seed.<encoding>.txt), the date-named cp1252
    # file, and the wire uri.
    assert len(converted) == 4
    for doc_id, sentences in converted.items():
        assert sentences == expected, doc_id
    assert CliRunner().invoke(main, ["validate"]).exit_code == 0
