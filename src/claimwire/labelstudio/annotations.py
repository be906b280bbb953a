"""`claimwire import labelstudio`: apply the latest annotation of each task of a Label Studio JSON export.

An annotated task replaces its document's sentences with what the annotator submitted, every sentence
marked `corrected` by the annotator (who confirmed or changed it). A sentence already `adjudicated`
whose span and labels the annotation leaves unchanged keeps its adjudication. Tasks without an
annotation change nothing. All problems are gathered first and nothing is written if there is one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from claimwire import GUIDELINE_VERSION
from claimwire.corpus.store import Corpus, WriteSummary, read_corpus, render_files, write_files
from claimwire.labelstudio.result import ResultError, document_sentences
from claimwire.records import Annotation, Sentence
from claimwire.release import generated_files
from claimwire.schema import label_rules


class LabelStudioError(Exception):
    """The export cannot be applied; `problems` are one-line messages naming the file and task."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(slots=True)
class ImportSummary:
    tasks: int = 0
    unannotated: int = 0
    documents: list[str] = field(default_factory=list)
    changed: int = 0
    confirmed: int = 0
    files: WriteSummary = field(default_factory=WriteSummary)


def _read_json(path: Path) -> Any:
    """A JSON file's content, or a one-line LabelStudioError naming the file."""
    try:
        return orjson.loads(path.read_bytes())
    except OSError as exc:
        raise LabelStudioError([f"{path}: cannot read: {exc.strerror}"]) from None
    except orjson.JSONDecodeError as exc:
        raise LabelStudioError([f"{path}: not valid JSON: {exc}"]) from None


def read_export(path: Path) -> list[dict[str, Any]]:
    """The tasks of a Label Studio JSON export (a list of task objects)."""
    tasks = _read_json(path)
    if not isinstance(tasks, list) or not all(isinstance(t, dict) for t in tasks):
        raise LabelStudioError(
            [f"{path}: not a Label Studio JSON export (expected a list of task objects)"]
        )
    return tasks


def annotator_id(annotation: dict[str, Any]) -> str:
    """`completed_by` as the annotator id: a user id, or a user object's email (else its id)."""
    given = annotation.get("completed_by")
    user = given
    if isinstance(user, dict):
        user = user.get("email") or user.get("id")
    if isinstance(user, bool) or not isinstance(user, int | str) or not str(user).strip():
        raise ResultError(
            f"annotation {annotation.get('id')}: completed_by {given!r} is not an annotator "
            "(expected a user id, or an object with email or id)"
        )
    return str(user).strip()


def read_annotator_map(path: Path) -> dict[str, str]:
    """A JSON object from Label Studio user ids (or emails) to annotator ids (`ann:<name>`)."""
    raw = _read_json(path)
    if not isinstance(raw, dict):
        raise LabelStudioError(
            [f'{path}: not an annotator map (expected an object like {{"7": "ann:alice"}})']
        )
    problems = [
        f"{path}: user {user!r}: {name!r} is not an annotator id (expected ann:<name>)"
        for user, name in raw.items()
        if not isinstance(name, str) or not name.startswith("ann:") or len(name.strip()) < 5
    ]
    if problems:
        raise LabelStudioError(problems)
    return {str(user).strip(): name for user, name in raw.items()}


def mapped_annotator(user: str, annotators: dict[str, str] | None) -> str:
    """The annotator id of a Label Studio user: through the map when there is one."""
    if annotators is None:
        return user
    if user not in annotators:
        raise ResultError(f"user {user!r} is not in the annotator map")
    return annotators[user]


def latest_annotation(task: dict[str, Any]) -> dict[str, Any] | None:
    """The most recently updated annotation that was not cancelled (None if there is none)."""
    annotations = task.get("annotations") or []
    if not isinstance(annotations, list) or not all(isinstance(a, dict) for a in annotations):
        raise ResultError("annotations is not a list of objects")
    kept = [a for a in annotations if not a.get("was_cancelled")]
    if not kept:
        return None
    return max(
        kept,
        key=lambda a: (
            str(a.get("updated_at") or a.get("created_at") or ""),
            a["id"] if isinstance(a.get("id"), int) else 0,
        ),
    )


def _content(sentence: Sentence) -> dict[str, Any]:
    record = sentence.to_dict()
    record.pop("confidence", None)
    return {**record, "annotation": record["annotation"]["note"]}


def with_provenance(new: list[Sentence], old: list[Sentence], annotator: str) -> list[Sentence]:
    """Mark the submitted sentences `corrected` by the annotator, keeping unchanged adjudications."""
    before = {(s.start, s.end): s for s in old}
    for sentence in new:
        previous = before.get((sentence.start, sentence.end))
        if previous is not None:
            # The pre-annotation's confidence is not shown in Label Studio: keep it for the same span.
            sentence.confidence = previous.confidence
        if (
            previous is not None
            and previous.annotation.status == "adjudicated"
            and _content(previous) == _content(sentence)
        ):
            sentence.annotation = previous.annotation
            continue
        note = sentence.annotation.note
        sentence.annotation = Annotation("corrected", annotator, GUIDELINE_VERSION, note)
    return new


def check_labels(sentences: list[Sentence]) -> None:
    """The guidelines' label rules (`schema.label_rules`), so an import never breaks them."""
    for sentence in sentences:
        broken = label_rules().broken(sentence.claim_type, sentence.verifiability)
        if broken is not None:
            start = sentence.text[:30] + ("..." if len(sentence.text) > 30 else "")
            raise ResultError(
                f"sentence {sentence.index} ({start!r}): {broken} [inconsistent-labels]"
            )


def task_sentences(
    task: dict[str, Any], corpus: Corpus, annotators: dict[str, str] | None = None
) -> tuple[str, list[Sentence]] | None:
    """The document id and new sentences of an annotated task; None for a task nobody annotated.
    `annotators` maps Label Studio users to annotator ids (an unmapped user is an error)."""
    data = task.get("data")
    if not isinstance(data, dict) or not isinstance(data.get("doc_id"), str):
        raise ResultError(
            "data has no doc_id: not a claimwire task (an export of another project?)"
        )
    doc_id = data["doc_id"]
    document = corpus.documents.get(doc_id)
    if document is None:
        raise ResultError(
            f"document {doc_id!r} is not in the corpus (an export of another corpus?)"
        )
    if data.get("text") != document.text:
        raise ResultError(
            f"data.text differs from document {doc_id!r} in the corpus (exported before a change?)"
        )
    annotation = latest_annotation(task)
    if annotation is None:
        return None
    annotator = annotator_id(annotation)
    try:
        annotator = mapped_annotator(annotator, annotators)
        new = document_sentences(annotation.get("result"), document)
        check_labels(new)
    except ResultError as exc:
        raise ResultError(f"annotation {annotation.get('id')} by {annotator}: {exc}") from None
    return doc_id, with_provenance(new, corpus.sentences[doc_id], annotator)


def _where(path: Path, number: int, task: dict[str, Any]) -> str:
    task_id = task.get("id", f"#{number + 1}")
    data = task.get("data")
    doc = (
        f" (document {data['doc_id']})"
        if isinstance(data, dict) and isinstance(data.get("doc_id"), str)
        else ""
    )
    return f"{path}: task {task_id}{doc}"


def apply_export(
    corpus_dir: Path,
    export_path: Path,
    dry_run: bool = False,
    annotators: dict[str, str] | None = None,
) -> ImportSummary:
    """Apply an export to the corpus: data files and card rewritten atomically, only if all is valid."""
    corpus = read_corpus(corpus_dir)
    tasks = read_export(export_path)
    summary = ImportSummary(tasks=len(tasks))
    problems: list[str] = []
    updates: dict[str, list[Sentence]] = {}
    for number, task in enumerate(tasks):
        try:
            found = task_sentences(task, corpus, annotators)
        except ResultError as exc:
            problems.append(f"{_where(export_path, number, task)}: {exc}")
            continue
        if found is None:
            summary.unannotated += 1
        elif found[0] in updates:
            problems.append(f"{_where(export_path, number, task)}: document annotated in two tasks")
        else:
            updates[found[0]] = found[1]
    if problems:
        raise LabelStudioError(problems)
    for doc_id, sentences in updates.items():
        old = {(s.start, s.end): _content(s) for s in corpus.sentences[doc_id]}
        for sentence in sentences:
            same = old.get((sentence.start, sentence.end)) == _content(sentence)
            summary.confirmed += same
            summary.changed += not same
        corpus.sentences[doc_id] = sentences
        summary.documents.append(doc_id)
    if updates and not dry_run:
        files = render_files(corpus_dir, corpus)
        summary.files = write_files(
            {**files, **generated_files(corpus_dir, files)}, root=corpus_dir
        )
    return summary
