"""Shared fixtures: the repository paths, and offline Hugging Face settings for every test."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from claimwire.corpus.manifest import MANIFEST_NAME, read_manifest
from claimwire.corpus.store import read_corpus, render_files, write_files
from claimwire.evaluate.gold import is_gold
from claimwire.release import generated_files

# Tests never reach a hub: loading is from local files only.
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
SEED = SEEDS / "000_893c4ca9cc588f19.txt"
CORPUS = REPO / "corpus"
# The bundled gold documents (seeds/gold/) stay out of the scratch repositories: the tests of the
# conversion loop work on the one seed dispatch, which spaCy annotates in a second.
NOT_GOLD = shutil.ignore_patterns("gold")


def _seed_corpus() -> Path:
    """The committed corpus without the gold documents: what `convert` makes of the one seed
    dispatch alone (`test_convert` proves it), in a temporary folder removed at exit."""
    folder = Path(tempfile.mkdtemp(prefix="claimwire-seed-corpus-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    records = read_corpus(CORPUS)
    manifest = read_manifest(CORPUS)  # what convert recorded of each document (issue 16)
    for doc_id in [d for d, document in records.documents.items() if is_gold(document)]:
        del records.documents[doc_id], records.splits[doc_id], records.sentences[doc_id]
        manifest.entries.pop(doc_id, None)
    corpus = folder / "corpus"
    files = render_files(corpus, records)
    generated = generated_files(corpus, files)
    write_files({**files, **generated, corpus / MANIFEST_NAME: manifest.render()})
    return corpus


SEED_CORPUS = _seed_corpus()


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch repository with a copy of the seeds, as the working directory."""
    shutil.copytree(SEEDS, tmp_path / "seeds", ignore=NOT_GOLD)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes, to prove that a command changed nothing."""
    if not folder.exists():
        return {}
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def base_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A test module's own copy of the seed's corpus (the seed converted)."""
    root = tmp_path_factory.mktemp("base")
    shutil.copytree(SEED_CORPUS, root / "corpus")
    return root / "corpus"
