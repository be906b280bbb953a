"""Shared fixtures: the repository paths, and offline Hugging Face settings for every test."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Tests never reach a hub: loading is from local files only.
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
SEED = SEEDS / "000_893c4ca9cc588f19.txt"
CORPUS = REPO / "corpus"


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch repository with a copy of the seeds, as the working directory."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
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
    """A test module's own copy of the committed corpus (the seed converted)."""
    root = tmp_path_factory.mktemp("base")
    shutil.copytree(CORPUS, root / "corpus")
    return root / "corpus"
