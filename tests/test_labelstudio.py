"""Label Studio round trip on the real corpus: export, import with no edit, with edits, bad exports."""

from __future__ import annotations

import copy
import itertools
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from conftest import SEED_CORPUS, snapshot
from helpers import claimwire

from claimwire import TOOL_NAME
from claimwire.corpus.store import read_corpus
from claimwire.labelstudio.regions import Offsets
from claimwire.schema import labels
from claimwire.validate import validate_corpus

FIXTURES = Path(__file__).parent / "fixtures" / "labelstudio"
Task = dict[str, Any]


@pytest.fixture
def corpus(base_corpus: Path, tmp_path: Path) -> Path:
    shutil.copytree(base_corpus, tmp_path / "corpus")
    return tmp_path / "corpus"


def export(corpus: Path) -> list[Task]:
    code, out, err = claimwire(
        "export",
        "labelstudio",
        "--corpus",
        str(corpus),
        "-o",
        str(corpus.parent / "tasks.json"),
    )
    assert code == 0, out + err
    return orjson.loads((corpus.parent / "tasks.json").read_bytes())


def annotated(
    tasks: list[Task], edit: Callable[[Task, list[dict]], None] | None = None, completed_by: Any = 7
) -> list[Task]:
    """What Label Studio exports when an annotator submits each prediction, after `edit` if given."""
    tasks = copy.deepcopy(tasks)
    for number, task in enumerate(tasks, start=1):
        task["id"] = number
        result = copy.deepcopy(task["predictions"][0]["result"])
        if edit is not None:
            edit(task, result)
        task["annotations"] = [
            {
                "id": 100 + number,
                "completed_by": completed_by,
                "result": result,
                "was_cancelled": False,
                "created_at": "2026-02-10T09:00:00Z",
                "updated_at": "2026-02-10T09:30:00Z",
            }
        ]
    return tasks


def import_tasks(corpus: Path, tasks: list[Task] | Path) -> tuple[int, str, str]:
    path = tasks if isinstance(tasks, Path) else corpus.parent / "export.json"
    if not isinstance(tasks, Path):
        path.write_bytes(orjson.dumps(tasks))
    return claimwire("import", "labelstudio", str(path), "--corpus", str(corpus))


def sentence_records(corpus: Path) -> list[dict]:
    return [
        orjson.loads(line)
        for p in sorted(corpus.glob("data/*/sentences/*.jsonl"))
        for line in p.read_bytes().splitlines()
    ]


def region(result: list[dict], region_id: str, from_name: str) -> dict:
    return next(
        item
        for item in result
        if item.get("id") == region_id and item.get("from_name") == from_name
    )


def test_tasks_carry_the_lowest_auto_confidence_as_score_and_come_least_confident_first(
    tmp_path: Path,
) -> None:
    """Two documents: the seed (auto) and a copy of it whose sentences an annotator corrected."""
    from claimwire.corpus.store import render_files, write_files

    corpus = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    records = read_corpus(corpus)
    (doc_id,) = records.documents
    seed = records.documents[doc_id]
    copy_ = copy.deepcopy(seed)
    copy_.id, copy_.date = "copy-of-seed", "2026-01-01"  # earlier: first by date
    sentences = copy.deepcopy(records.sentences[doc_id])
    for sentence in sentences:
        sentence.doc_id = copy_.id
        sentence.annotation.status, sentence.annotation.by = "corrected", "ann1"
    records.put(copy_, "train", sentences)
    write_files(render_files(corpus, records))
    tasks = export(corpus)
    lowest = min(s.confidence for s in records.sentences[doc_id] if s.confidence is not None)
    assert [t["data"]["doc_id"] for t in tasks] == [doc_id, "copy-of-seed"]
    assert [t["predictions"][0]["score"] for t in tasks] == [lowest, 1.0]
    assert lowest < 1.0


def test_export_writes_one_task_per_document_with_predictions_and_config(corpus: Path) -> None:
    tasks = export(corpus)
    records = read_corpus(corpus)
    assert [t["data"]["doc_id"] for t in tasks] == sorted(
        records.documents, key=lambda d: (records.documents[d].date, d)
    )
    for task in tasks:
        document = records.documents[task["data"]["doc_id"]]
        assert task["data"]["text"] == document.text
        (prediction,) = task["predictions"]
        assert prediction["model_version"] == TOOL_NAME
        spans = [
            r
            for r in prediction["result"]
            if r["type"] == "labels" and r["value"]["labels"] == ["sentence"]
        ]
        sentences = records.sentences[document.id]
        assert [(r["value"]["start"], r["value"]["end"], r["value"]["text"]) for r in spans] == [
            (s.start, s.end, s.text) for s in sentences
        ]
        for sentence in sentences:
            rid = f"s{sentence.index:03d}"
            assert region(prediction["result"], rid, "claim_type")["value"]["choices"] == [
                sentence.claim_type
            ]
            assert region(prediction["result"], rid, "verifiability")["value"]["choices"] == [
                sentence.verifiability
            ]
        relations = [r for r in prediction["result"] if r["type"] == "relation"]
        assert len(relations) == sum(len(s.sources) for s in sentences)

    config = ET.fromstring((corpus.parent / "tasks.config.xml").read_text("utf-8"))
    controls = {el.get("name"): el for el in config.iter() if el.get("toName") == "text"}
    for name, vocabulary in [
        ("claim_type", "claim_type"),
        ("verifiability", "verifiability"),
        ("source_kind", "source_kind"),
        ("source_mode", "source_mode"),
    ]:
        assert controls[name].get("perRegion") == "true"
        assert tuple(c.get("value") for c in controls[name].iter("Choice")) == labels(vocabulary)
    used = {
        r["from_name"] for t in tasks for r in t["predictions"][0]["result"] if "from_name" in r
    }
    assert used <= set(controls)


def test_export_is_deterministic_and_config_path_can_be_chosen(
    corpus: Path, tmp_path: Path
) -> None:
    first = export(corpus)
    code, _, _ = claimwire(
        "export",
        "labelstudio",
        "--corpus",
        str(corpus),
        "-o",
        str(tmp_path / "b.json"),
        "--config",
        str(tmp_path / "ls.xml"),
    )
    assert code == 0 and (tmp_path / "ls.xml").is_file()
    assert orjson.loads((tmp_path / "b.json").read_bytes()) == first


def test_import_of_unannotated_tasks_changes_nothing(corpus: Path) -> None:
    before = snapshot(corpus)
    export(corpus)
    code, out, _ = import_tasks(corpus, corpus.parent / "tasks.json")
    assert code == 0
    assert "0 annotated" in out
    assert snapshot(corpus) == before


def test_annotation_equal_to_prediction_changes_only_status_and_by(corpus: Path) -> None:
    """The precise round trip: documents untouched; every sentence identical except `annotation.status`
    (-> corrected) and `annotation.by` (-> the annotator), adjudicated ones not even that."""
    before_files = snapshot(corpus)
    before = sentence_records(corpus)
    tasks = export(corpus)
    code, out, _ = import_tasks(corpus, annotated(tasks, completed_by=7))
    assert code == 0, out
    after = sentence_records(corpus)
    assert len(after) == len(before)
    for old, new in zip(before, after, strict=True):
        if old["annotation"]["status"] == "adjudicated":  # settled, unchanged: kept as it was
            assert new == old
            continue
        assert new["annotation"] == {**old["annotation"], "status": "corrected", "by": "7"}
        assert {**new, "annotation": None} == {**old, "annotation": None}
    changed = {k for k in snapshot(corpus) if snapshot(corpus)[k] != before_files.get(k)}
    # Besides sentences: the card (status counts) and croissant.json (the edited file's sha256).
    assert all("/sentences/" in k or k in ("README.md", "croissant.json") for k in changed)
    assert "corrected" in (corpus / "README.md").read_text("utf-8")
    # Exporting again gives the same regions: the corpus content survived the trip.
    again = export(corpus)
    assert [t["predictions"][0]["result"] for t in again] == [
        t["predictions"][0]["result"] for t in tasks
    ]
    # Nothing is left to doubt: every sentence is human now.
    assert [t["predictions"][0]["score"] for t in again] == [1.0] * len(tasks)
    # And importing the same annotation twice is a no-op.
    snap = snapshot(corpus)
    assert import_tasks(corpus, annotated(tasks, completed_by=7))[0] == 0
    assert snapshot(corpus) == snap


def _qualify_edit(task: Task, result: list[dict]) -> None:
    """Sentence "Il a qualifié ..." becomes an opinion attributed to "Il" (Badr al-Busaidi)."""
    text = task["data"]["text"]
    at = text.index("Il a qualifié")
    sentence = next(
        r
        for r in result
        if r["type"] == "labels"
        and r["value"]["start"] <= at < r["value"]["end"]
        and r["value"]["labels"] == ["sentence"]
    )
    rid = sentence["id"]
    region(result, rid, "claim_type")["value"]["choices"] = ["opinion"]
    region(result, rid, "verifiability")["value"]["choices"] = ["unverifiable"]
    result[:] = [
        r for r in result if r.get("to_id") != rid and not (r.get("id", "").startswith(rid + "r"))
    ]
    span = {"start": at, "end": at + 2, "text": "Il"}
    result += [
        {
            "id": "Xk2_9aQ",
            "from_name": "span",
            "to_name": "text",
            "type": "labels",
            "value": {**span, "labels": ["source"]},
        },
        {
            "id": "Xk2_9aQ",
            "from_name": "source_kind",
            "to_name": "text",
            "type": "choices",
            "value": {**span, "choices": ["person"]},
        },
        {
            "id": "Xk2_9aQ",
            "from_name": "source_mode",
            "to_name": "text",
            "type": "choices",
            "value": {**span, "choices": ["mixed"]},
        },
        {
            "id": "Xk2_9aQ",
            "from_name": "source_name",
            "to_name": "text",
            "type": "textarea",
            "value": {**span, "text": ["Badr al-Busaidi"]},
        },
        {
            "id": "Xk2_9aQ",
            "from_name": "source_cue",
            "to_name": "text",
            "type": "textarea",
            "value": {**span, "text": ["a qualifié"]},
        },
        {
            "id": rid,
            "from_name": "note",
            "to_name": "text",
            "type": "textarea",
            "value": {**sentence["value"], "text": ["checked"]},
        },
        {
            "from_id": "Xk2_9aQ",
            "to_id": rid,
            "type": "relation",
            "direction": "right",
            "labels": [],
        },
    ]


def test_edits_from_label_studio_become_corrected_records(corpus: Path) -> None:
    tasks = export(corpus)
    code, out, err = import_tasks(
        corpus, annotated(tasks, _qualify_edit, completed_by={"id": 3, "email": "ana@example.org"})
    )
    assert code == 0, out + err
    (record,) = [r for r in sentence_records(corpus) if r["text"].startswith("Il a qualifié")]
    assert record["claim_type"] == "opinion" and record["verifiability"] == "unverifiable"
    assert record["sources"] == [
        {
            "text": "Il",
            "start": record["start"],
            "end": record["start"] + 2,
            "name": "Badr al-Busaidi",
            "kind": "person",
            "cue": "a qualifié",
            "mode": "mixed",
        }
    ]
    assert record["annotation"] == {
        "status": "corrected",
        "by": "ana@example.org",
        "guideline": "1.0",
        "note": "checked",
    }
    report = validate_corpus(corpus)
    assert report.valid, [f.message for f in report.findings]
    # The edited corpus exports and re-imports unchanged: sources and notes round-trip too.
    before = sentence_records(corpus)
    import_tasks(
        corpus, annotated(export(corpus), completed_by={"id": 3, "email": "ana@example.org"})
    )
    assert sentence_records(corpus) == before


def test_latest_annotation_wins_and_cancelled_ones_are_ignored(corpus: Path) -> None:
    tasks = annotated(export(corpus), _qualify_edit, completed_by=4)
    plain = annotated(tasks, completed_by=9)
    for task, other in zip(tasks, plain, strict=True):
        older = {**other["annotations"][0], "id": 1, "updated_at": "2026-02-09T08:00:00Z"}
        cancelled = {
            **other["annotations"][0],
            "id": 2,
            "updated_at": "2026-03-01T08:00:00Z",
            "was_cancelled": True,
        }
        task["annotations"] = [older, *task["annotations"], cancelled]
    assert import_tasks(corpus, tasks)[0] == 0
    (record,) = [r for r in sentence_records(corpus) if r["text"].startswith("Il a qualifié")]
    assert record["claim_type"] == "opinion" and record["annotation"]["by"] == "4"


def _merge(first: str, second: str) -> Callable[[Task, list[dict]], None]:
    """An edit joining two sentence regions into one (the annotator removed a boundary)."""

    def edit(task: Task, result: list[dict]) -> None:
        end = region(result, second, "span")["value"]["end"]
        for item in result:
            if item.get("id") == first:
                item["value"]["end"] = end
                if item["type"] != "textarea":  # a note's text is the note, not the span's
                    item["value"]["text"] = task["data"]["text"][item["value"]["start"] : end]
        result[:] = [r for r in result if second not in (r.get("id"), r.get("to_id"))]

    return edit


def test_joining_two_sentence_regions_renumbers_the_document(corpus: Path) -> None:
    records = read_corpus(corpus)
    doc_id = next(iter(records.documents))
    sentences = records.sentences[doc_id]
    first = next(s for s, t in itertools.pairwise(sentences) if s.paragraph == t.paragraph)
    edit = _merge(f"s{first.index:03d}", f"s{first.index + 1:03d}")
    assert import_tasks(corpus, annotated(export(corpus), edit))[0] == 0
    after = read_corpus(corpus).sentences[doc_id]
    assert [s.index for s in after] == list(range(len(sentences) - 1))
    assert (
        after[first.index].text
        == records.documents[doc_id].text[first.start : sentences[first.index + 1].end]
    )


def _set(path: list[Any], value: Any) -> Callable[[list[Task]], None]:
    def edit(tasks: list[Task]) -> None:
        target: Any = tasks[0]
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return edit


def _result_edit(change: Callable[[list[dict]], None]) -> Callable[[list[Task]], None]:
    def edit(tasks: list[Task]) -> None:
        change(tasks[0]["annotations"][0]["result"])

    return edit


def _claim_type(value: str) -> Callable[[list[dict]], None]:
    return lambda result: region(result, "s001", "claim_type")["value"].update(choices=[value])


BAD_EXPORTS = {
    "unknown-label": (
        _result_edit(_claim_type("rumour")),
        "region s001: unknown claim_type label ['rumour']",
    ),
    "inconsistent-labels": (
        _result_edit(
            lambda r: (
                _claim_type("opinion")(r),
                region(r, "s001", "verifiability")["value"].update(choices=["verifiable"]),
            )
        ),
        "[inconsistent-labels]",
    ),
    "unknown-span-label": (
        _result_edit(lambda r: region(r, "s001", "span")["value"].update(labels=["PER"])),
        "unknown span label ['PER']",
    ),
    "unknown-control": (
        _result_edit(lambda r: region(r, "s001", "claim_type").update(from_name="sentiment")),
        "unknown control 'sentiment'",
    ),
    "unknown-doc": (
        _set(["data", "doc_id"], "999_nope"),
        "document '999_nope' is not in the corpus",
    ),
    "text-differs": (_set(["data", "text"], "Autre texte."), "data.text differs from document"),
    "no-doc-id": (lambda tasks: tasks[0]["data"].pop("doc_id"), "not a claimwire task"),
    "annotator-fields": (
        _set(["annotations", 0, "completed_by"], {"name": "Ana"}),
        "annotation 101: completed_by {'name': 'Ana'} is not an annotator",
    ),
    "no-annotator": (
        lambda tasks: tasks[0]["annotations"][0].pop("completed_by"),
        "completed_by None is not an annotator",
    ),
    "offsets": (
        _result_edit(
            lambda r: region(r, "s001", "span")["value"].update(start=10**6, end=10**6 + 5)
        ),
        "region s001: offsets 1000000-1000005 do not fit",
    ),
    "uncovered-text": (
        _result_edit(
            lambda r: r.__setitem__(
                slice(None), [i for i in r if i.get("id") != "s001" and i.get("to_id") != "s001"]
            )
        ),
        "is in no sentence region",
    ),
    "crosses-paragraphs": (
        lambda tasks: _merge("s000", "s001")(tasks[0], tasks[0]["annotations"][0]["result"]),
        "crosses a paragraph boundary",
    ),
    "relation-to-nothing": (
        _result_edit(
            lambda r: r.append(
                {"from_id": "s001", "to_id": "zzz", "type": "relation", "direction": "right"}
            )
        ),
        "relation s001->zzz: no region with that id",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_EXPORTS))
def test_bad_export_is_one_located_line_and_writes_nothing(corpus: Path, case: str) -> None:
    edit, expected = BAD_EXPORTS[case]
    tasks = annotated(export(corpus))
    edit(tasks)
    before = snapshot(corpus)
    code, out, err = import_tasks(corpus, tasks)
    assert code == 1, out
    (line,) = err.splitlines()
    assert line.startswith(f"error: {corpus.parent / 'export.json'}: task 1")
    assert expected in line
    assert snapshot(corpus) == before


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("malformed.json", "malformed.json: not valid JSON"),
        ("other-project.json", "task 1: data has no doc_id"),
    ],
)
def test_files_that_are_not_exports_of_this_corpus(
    corpus: Path, fixture: str, expected: str
) -> None:
    before = snapshot(corpus)
    code, _, err = import_tasks(corpus, FIXTURES / fixture)
    assert code == 1
    (line,) = err.splitlines()
    assert expected in line
    assert snapshot(corpus) == before


def test_offsets_count_utf16_units_like_label_studio() -> None:
    offsets = Offsets("a😀b😀c")
    assert [offsets.to_utf16(i) for i in range(6)] == [0, 1, 3, 4, 6, 7]
    assert [offsets.from_utf16(u) for u in range(8)] == [0, 1, None, 2, 3, None, 4, 5]


def test_dry_run_reports_the_changes_and_writes_nothing(corpus: Path) -> None:
    before = snapshot(corpus)
    path = corpus.parent / "edited.json"
    path.write_bytes(orjson.dumps(annotated(export(corpus), _qualify_edit)))
    code, dry, _ = claimwire(
        "import", "labelstudio", str(path), "--corpus", str(corpus), "--dry-run"
    )
    assert code == 0 and "dry run: nothing written" in dry
    assert snapshot(corpus) == before
    code, real, _ = claimwire("import", "labelstudio", str(path), "--corpus", str(corpus))
    assert code == 0 and snapshot(corpus) != before
    assert dry.splitlines()[:2] == real.splitlines()[:2]


def test_annotator_map_names_the_annotators_and_refuses_unknown_users(corpus: Path) -> None:
    tasks = annotated(export(corpus), completed_by=7)
    path = corpus.parent / "export.json"
    path.write_bytes(orjson.dumps(tasks))
    mapping = corpus.parent / "annotators.json"
    mapping.write_bytes(orjson.dumps({"8": "ann:bob"}))
    before = snapshot(corpus)
    code, _, err = claimwire(
        "import", "labelstudio", path, "--corpus", corpus, "--annotator-map", mapping
    )
    assert code == 1 and "user '7' is not in the annotator map" in err
    assert snapshot(corpus) == before
    mapping.write_bytes(orjson.dumps({"7": "alice"}))
    code, _, err = claimwire(
        "import", "labelstudio", path, "--corpus", corpus, "--annotator-map", mapping
    )
    assert code == 1 and "'alice' is not an annotator id (expected ann:<name>)" in err
    assert len(err.strip().splitlines()) == 1 and str(mapping) in err
    mapping.write_bytes(orjson.dumps({"7": "ann:alice", "8": "ann:bob"}))
    code, out, err = claimwire(
        "import", "labelstudio", path, "--corpus", corpus, "--annotator-map", mapping
    )
    assert code == 0, (out, err)
    by = {r["annotation"]["by"] for r in sentence_records(corpus)}
    statuses = {r["annotation"]["status"] for r in sentence_records(corpus)}
    assert by <= {"ann:alice"} | {
        r["annotation"]["by"]
        for r in sentence_records(corpus)
        if r["annotation"]["status"] == "adjudicated"
    }
    assert "ann:alice" in by and "auto" not in statuses
