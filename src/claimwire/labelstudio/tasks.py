"""`claimwire export labelstudio`: one Label Studio task per document, its records as pre-annotations.

The task's `data` carries the text Label Studio shows and the ids the import needs to find the document
again; `predictions` carries the corpus as it is (whatever its annotation status), so an annotator who
accepts a prediction unchanged confirms exactly what the corpus holds. The prediction's `score` is the
lowest confidence of the document's auto sentences (1 when none is auto), and tasks come least
confident first, so Label Studio (which can also sort by it) shows the doubtful documents first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from claimwire import TOOL_NAME
from claimwire.corpus.store import Corpus, WriteSummary, write_files
from claimwire.labelstudio.config import labeling_config
from claimwire.labelstudio.regions import Offsets, document_result
from claimwire.review.doubtful import lowest_confidence

Task = dict[str, Any]


def document_task(corpus: Corpus, doc_id: str) -> Task:
    """The task of one document: its text and ids in `data`, its sentences and sources predicted."""
    document = corpus.documents[doc_id]
    sentences = corpus.sentences[doc_id]
    data = {
        "text": document.text,
        "title": document.title or "",
        "doc_id": document.id,
        "date": document.date,
        "split": corpus.splits[doc_id],
        "sentences": len(sentences),
        "statuses": " ".join(sorted({s.annotation.status for s in sentences})),
    }
    result = document_result(sentences, Offsets(document.text))
    prediction = {
        "model_version": TOOL_NAME,
        "score": lowest_confidence(sentences),
        "result": result,
    }
    return {"data": data, "predictions": [prediction]}


def corpus_tasks(corpus: Corpus) -> list[Task]:
    """Every document's task, least confident first, then by date and id."""
    order = sorted(
        corpus.documents.values(),
        key=lambda d: (lowest_confidence(corpus.sentences[d.id]), d.date, d.id),
    )
    return [document_task(corpus, document.id) for document in order]


def config_path_for(tasks_path: Path) -> Path:
    """`tasks.json` -> `tasks.config.xml`, next to it."""
    return tasks_path.with_name(f"{tasks_path.stem}.config.xml")


def write_tasks(corpus: Corpus, tasks_path: Path, config_path: Path | None = None) -> WriteSummary:
    """Write the tasks (indented JSON, deterministic) and the labeling config, both atomically."""
    tasks = orjson.dumps(corpus_tasks(corpus), option=orjson.OPT_INDENT_2) + b"\n"
    config = labeling_config().encode("utf-8")
    return write_files({tasks_path: tasks, config_path or config_path_for(tasks_path): config})
