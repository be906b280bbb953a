"""The published corpus: its card read by huggingface_hub, its Croissant file read by mlcroissant,
its splits loaded by datasets, its releases and changelog, and `claimwire publish` (offline)."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import orjson
import pytest
import yaml
from click.testing import CliRunner
from conftest import CORPUS, REPO, SEEDS, snapshot

from claimwire.changelog import current_version
from claimwire.cli import main
from claimwire.corpus.layout import iter_shard_files
from claimwire.provenance import CREATORS

HUB_KEYS = (
    "pretty_name",
    "language",
    "language_details",
    "license",
    "license_name",
    "license_link",
    "license_details",
    "annotations_creators",
    "language_creators",
    "multilinguality",
    "source_datasets",
    "size_categories",
    "task_categories",
    "task_ids",
    "tags",
    "configs",
    "dataset_info",
    "train-eval-index",
    "version",
)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def records(corpus: Path, table: str) -> list[dict]:
    return [
        orjson.loads(line)
        for shard in iter_shard_files(corpus)
        if shard.table == table
        for line in shard.path.read_bytes().splitlines()
    ]


# --- the card -----------------------------------------------------------------------------------


def test_card_parses_with_huggingface_hub_and_has_every_key() -> None:
    from huggingface_hub import DatasetCard

    card = DatasetCard.load(CORPUS / "README.md")
    data = card.data.to_dict()
    missing = [key for key in HUB_KEYS if key not in data]
    assert not missing, missing
    sentences = records(CORPUS, "sentences")
    statuses = {s["annotation"]["status"] for s in sentences}
    assert data["annotations_creators"] == sorted({CREATORS[s] for s in statuses})
    assert data["annotations_creators"] == ["expert-generated", "machine-generated"]
    assert data["version"] == current_version(CORPUS) == "1.0.0"
    assert set(data["license"]) == {"lgpl-lr", "cc-by-sa-4.0", "apache-2.0", "cc-by-4.0", "other"}
    assert (CORPUS / data["license_link"]).is_file()
    for section in (
        "## Uses",
        "### Out-of-Scope Use",
        "#### Who are the annotators?",
        "#### Personal and Sensitive Information",
        "## Bias, Risks, and Limitations",
        "## Citation",
        "## Dataset Card Contact",
        "@misc{claimwire_corpus_1_0_0,",
    ):
        assert section in card.text, section


def test_card_agreement_is_the_second_annotators_against_the_corpus() -> None:
    """`agreement.json` (built from tests/gold/second) agrees with a count made here from the TSVs."""
    gold = {
        (r["doc_id"], r["index"]): (r["claim_type"], r["verifiability"])
        for r in records(CORPUS, "sentences")
    }
    pairs = []
    for path in sorted((REPO / "tests/gold/second").glob("*-sample.tsv")):
        for line in path.read_text("utf-8").splitlines():
            key, claim, verif = line.split("\t")[:3]
            doc_id, index = key.split("#")
            pairs.append((gold[(doc_id, int(index))], (claim, verif)))
    report = json.loads((CORPUS / "agreement.json").read_text("utf-8"))
    layers = {layer["layer"]: layer for layer in report["layers"]}
    assert layers["claim_type"]["items"] == len(pairs) == 326
    assert layers["claim_type"]["observed"] == pytest.approx(
        sum(a[0] == b[0] for a, b in pairs) / len(pairs)
    )
    assert layers["verifiability"]["observed"] == pytest.approx(
        sum(a[1] == b[1] for a, b in pairs) / len(pairs)
    )
    assert "### Inter-annotator agreement" in (CORPUS / "README.md").read_text("utf-8")


def test_card_says_who_annotated_how_much_from_the_data() -> None:
    text = (CORPUS / "README.md").read_text("utf-8")
    by = Counter(
        (s["annotation"]["by"], s["annotation"]["status"]) for s in records(CORPUS, "sentences")
    )
    for (who, status), n in by.items():
        assert f"| `{who}` |" in text and f"| `{status}` | {n} |" in text, who


def test_citation_file_names_the_released_version() -> None:
    cff = yaml.safe_load((REPO / "CITATION.cff").read_text("utf-8"))
    assert cff["cff-version"] == "1.2.0" and cff["type"] == "dataset"
    assert cff["version"] == current_version(CORPUS)
    assert (REPO / cff["license-url"]).is_file()


# --- the data a user loads ----------------------------------------------------------------------


def test_load_dataset_gives_human_annotated_train_validation_and_test(tmp_path: Path) -> None:
    from datasets import load_dataset

    dataset = load_dataset(str(CORPUS), cache_dir=str(tmp_path))
    assert set(dataset) == {"train", "validation", "test"}
    # `annotation.status` is a ClassLabel: its names through the feature.
    status = dataset["train"].features["annotation"]["status"]
    counts = {
        split: Counter(status.int2str(row["annotation"]["status"]) for row in dataset[split])
        for split in dataset
    }
    human = {split: n["corrected"] + n["adjudicated"] for split, n in counts.items()}
    assert human == {"train": 637, "validation": 253, "test": 571}
    assert counts["train"]["auto"] == 26 and not counts["test"]["auto"]
    jsonl = Counter(
        (shard.split, orjson.loads(line)["annotation"]["status"])
        for shard in iter_shard_files(CORPUS)
        if shard.table == "sentences"
        for line in shard.path.read_bytes().splitlines()
    )
    assert jsonl == Counter({(s, st): n for s, c in counts.items() for st, n in c.items()})


def test_every_gold_document_is_in_the_split_splits_json_records() -> None:
    recorded = json.loads((CORPUS / "splits.json").read_text("utf-8"))
    placed = {
        document["id"]: shard.split
        for shard in iter_shard_files(CORPUS)
        if shard.table == "documents"
        for document in map(orjson.loads, shard.path.read_bytes().splitlines())
    }
    assert recorded and all(placed[doc_id] == split for doc_id, split in recorded.items())
    assert set(recorded.values()) == {"train", "validation", "test"}


# --- Croissant ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def croissant():
    import mlcroissant as mlc

    return mlc.Dataset(jsonld=str(CORPUS / "croissant.json"))


def test_croissant_file_validates_without_errors(croissant) -> None:
    issues = croissant.metadata.ctx.issues
    assert not issues.errors, issues.report()


def _plain(value):
    """A value as mlcroissant gives it (bytes for text, a Timestamp for a date), as JSON has it."""
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, dict):
        return {key.rsplit("/", 1)[-1]: _plain(v) for key, v in value.items()}
    if hasattr(value, "date") and callable(value.date):
        return value.date().isoformat()
    return value


@pytest.mark.parametrize("table", ["sentences", "documents"])
def test_croissant_loads_the_records_of_the_jsonl(croissant, table: str) -> None:
    """As many records as the JSONL, each with the values of its JSONL record and its file's split."""
    loaded = {}
    for record in croissant.records(table):
        row = {key.removeprefix(f"{table}/"): _plain(v) for key, v in record.items()}
        loaded[row["id"]] = row
    jsonl = {
        r["id"]: (shard.split, r)
        for shard in iter_shard_files(CORPUS)
        if shard.table == table
        for r in map(orjson.loads, shard.path.read_bytes().splitlines())
    }
    assert len(loaded) == len(jsonl) == sum(1 for _ in records(CORPUS, table))
    for rid, (split, record) in jsonl.items():
        row = loaded[rid]
        assert row.pop("split") == split, rid
        expected = {key: record[key] for key in row}
        if "origin" in expected:  # its required sub-fields only
            expected["origin"] = {k: expected["origin"][k] for k in row["origin"]}
        assert row == expected, rid
    assert "sources" not in next(iter(loaded.values()))  # lists of objects: JSONL only (docstring)


def test_croissant_lists_every_file_with_its_sha256() -> None:
    meta = json.loads((CORPUS / "croissant.json").read_text("utf-8"))
    objects = {d["contentUrl"]: d for d in meta["distribution"] if d["@type"] == "cr:FileObject"}
    files = {s.path.relative_to(CORPUS).as_posix(): s.path for s in iter_shard_files(CORPUS)}
    assert set(objects) == set(files)
    for rel, path in files.items():
        assert objects[rel]["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest(), rel
    assert meta["version"] == current_version(CORPUS)


# --- convert reproduces the committed corpus (what .ci/run checks) ---------------------------------


def test_convert_of_every_seed_leaves_the_committed_corpus_as_it_is(tmp_path, monkeypatch) -> None:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    shutil.copytree(CORPUS, tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    code, out = run("convert", "--jobs", "1")
    assert code == 0, out
    seeds = sum(1 for p in SEEDS.rglob("*") if p.is_file())
    assert f"{seeds} input(s): 0 added, 0 updated, {seeds} unchanged" in out
    assert "files: 0 written" in out
    assert snapshot(tmp_path / "corpus") == snapshot(CORPUS)


# --- releases -------------------------------------------------------------------------------------


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


def _relabel(corpus: Path) -> str:
    """A human correction of one auto sentence: event -> opinion; returns its id."""
    (path,) = corpus.glob("data/train/sentences/2026-02.jsonl")
    lines = path.read_bytes().splitlines(keepends=True)
    for i, line in enumerate(lines):
        record = orjson.loads(line)
        if record["annotation"]["status"] == "auto" and record["claim_type"] == "event":
            record["claim_type"], record["verifiability"] = "opinion", "unverifiable"
            record["annotation"] = {**record["annotation"], "status": "corrected", "by": "ann:t"}
            record.pop("confidence", None)
            lines[i] = orjson.dumps(record) + b"\n"
            path.write_bytes(b"".join(lines))
            return record["id"]
    raise AssertionError("no auto event sentence to correct")


@pytest.fixture
def released(tmp_path: Path) -> Path:
    """A git repository holding the committed corpus (release 1.0.0), tagged corpus-v1.0.0."""
    repo = tmp_path / "repo"
    shutil.copytree(CORPUS, repo / "corpus")
    shutil.copy(REPO / "CITATION.cff", repo / "CITATION.cff")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "1.0.0")
    _git(repo, "tag", "-a", "corpus-v1.0.0", "-m", "claimwire corpus 1.0.0")
    return repo


def test_a_release_writes_a_changelog_entry_and_a_version(released, monkeypatch) -> None:
    monkeypatch.chdir(released)
    corrected = _relabel(released / "corpus")
    assert run("card")[0] == 0
    code, out = run("release")  # minor by default; the previous release read from its git tag
    assert code == 0, out
    changelog = (released / "corpus/CHANGELOG.md").read_text("utf-8")
    assert changelog.index("## 1.1.0") < changelog.index("## 1.0.0")
    entry = changelog[changelog.index("## 1.1.0") : changelog.index("## 1.0.0")]
    assert "Compared with 1.0.0 (tag `corpus-v1.0.0`)" in entry
    assert "- `claim_type`: event -> opinion 1" in entry
    assert "- `ann:t` (corrected): 1 (+1)" in entry
    assert "- `claimwire 0.1.0` (auto): 25 (-1)" in entry
    assert current_version(released / "corpus") == "1.1.0"
    assert "version: 1.1.0" in (released / "corpus/README.md").read_text("utf-8")
    assert 'version: "1.1.0"' in (released / "CITATION.cff").read_text("utf-8")
    assert json.loads((released / "corpus/croissant.json").read_bytes())["version"] == "1.1.0"
    assert run("validate")[0] == 0
    # The release kept the correction its entry describes.
    records = [
        orjson.loads(line)
        for path in (released / "corpus").glob("data/*/sentences/*.jsonl")
        for line in path.read_bytes().splitlines()
    ]
    (sentence,) = [r for r in records if r["id"] == corrected]
    assert (sentence["claim_type"], sentence["annotation"]["status"]) == ("opinion", "corrected")


def test_the_same_release_twice_gives_the_same_bytes(released, tmp_path, monkeypatch) -> None:
    other = tmp_path / "other"
    shutil.copytree(released, other)
    outputs = []
    for repo in (released, other):
        monkeypatch.chdir(repo)
        _relabel(repo / "corpus")
        run("card")
        assert run("release", "--version", "2.0.0")[0] == 0
        outputs.append(snapshot(repo / "corpus"))
    assert outputs[0] == outputs[1]


def test_release_refusals_are_one_line_and_write_nothing(released, monkeypatch) -> None:
    monkeypatch.chdir(released)
    before = snapshot(released / "corpus")
    code, out = run("release", "--version", "1.0.0")
    assert code == 1 and "is not after the current 1.0.0" in out
    code, out = run("release", "--version", "one")
    assert code == 1 and "not MAJOR.MINOR.PATCH" in out
    _git(released, "tag", "-d", "corpus-v1.0.0")
    code, out = run("release", "--bump", "patch")
    assert code == 1 and "git tag corpus-v1.0.0" in out and len(out.strip().splitlines()) == 1
    code, out = run("release", "--version", "2.0.0", "--bump", "major")
    assert code == 2 and "not both" in out
    assert snapshot(released / "corpus") == before
    (released / "corpus/data/train/sentences/2026-02.jsonl").write_bytes(b"{not json\n")
    code, out = run("release", "--bump", "patch")
    assert code == 1 and "not valid" in out


def test_release_with_a_previous_folder_needs_no_git(tmp_path, monkeypatch) -> None:
    shutil.copytree(CORPUS, tmp_path / "old")
    shutil.copytree(CORPUS, tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    code, out = run("release", "--bump", "patch", "--previous", "old", "--dry-run")
    assert code == 0, out
    assert "## 1.0.1" in out and "documents: 0 added, 0 removed" in out
    code, out = run("release", "--bump", "patch", "--previous", "old", "--check")
    assert code == 1 and "## 1.0.1" in out  # --check: a release would change files
    assert snapshot(tmp_path / "corpus") == snapshot(CORPUS)  # neither writes anything


# --- publishing (offline: the dry run, and every refusal) ----------------------------------------


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    shutil.copytree(CORPUS, tmp_path / "corpus")
    return tmp_path / "corpus"


def test_publish_dry_run_lists_files_sizes_and_message_offline(corpus_copy) -> None:
    code, out = run(
        "publish", "--corpus", str(corpus_copy), "--repo-id", "org/claimwire", "--dry-run"
    )
    assert code == 0, out
    files = sorted(p for p in corpus_copy.rglob("*") if p.is_file())
    for path in files:
        rel = path.relative_to(corpus_copy).as_posix()
        assert f"{path.stat().st_size:>12,d}  {rel}\n" in out, rel
    assert f"  {len(files)} files" in out
    assert "commit message: claimwire corpus 1.0.0: 110 documents, 1487 sentences" in out
    assert "dry run: nothing uploaded" in out
    code, out = run(
        "publish", "--corpus", str(corpus_copy), "--repo-id", "org/claimwire", "--check"
    )
    assert code == 1 and "commit message: claimwire corpus 1.0.0" in out


def test_publish_refuses_a_stale_card_an_invalid_corpus_and_a_bad_repo_id(corpus_copy) -> None:
    base = ("publish", "--corpus", str(corpus_copy), "--dry-run", "--repo-id")
    code, out = run(*base, "not a repo id")
    assert code == 2 and "is not ORG/NAME" in out
    card = corpus_copy / "croissant.json"
    card.write_bytes(card.read_bytes().replace(b'"version"', b'"versio"'))
    code, out = run(*base, "org/claimwire")
    assert code == 1 and "croissant.json out of date" in out and "commit message" not in out
    run("card", "--corpus", str(corpus_copy))
    (corpus_copy / "data/test/sentences/1999-01.jsonl").write_bytes(b"[]\n")
    code, out = run(*base, "org/claimwire")
    assert code == 1 and "nothing published" in out and "commit message" not in out


def test_publish_without_dry_run_offline_is_a_one_line_error(corpus_copy, monkeypatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    code, out = run("publish", "--corpus", str(corpus_copy), "--repo-id", "org/claimwire")
    assert code == 1
    assert out.strip().splitlines()[-1].startswith("Error: HF_HUB_OFFLINE is set")
