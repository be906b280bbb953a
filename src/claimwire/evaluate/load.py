"""Reading what `claimwire evaluate` compares: a corpus folder, or a JSONL file of sentence records."""

from __future__ import annotations

from pathlib import Path

import orjson

from claimwire.corpus.store import Corpus, CorpusError, read_corpus
from claimwire.records import Sentence


class EvaluationError(Exception):
    """Input that cannot be evaluated; `str()` is a one-line message for the user."""


def load_annotations(path: Path) -> Corpus:
    """A corpus folder (`data/<split>/<table>/*.jsonl`) or a sentences JSONL file (no documents)."""
    if not path.exists():
        raise EvaluationError(f"{path}: no such file or folder")
    if path.is_dir():
        if not (path / "data").is_dir():
            raise EvaluationError(f"{path}: not a corpus folder (no data/<split>/<table>/ inside)")
        try:
            corpus = read_corpus(path)
        except CorpusError as exc:
            raise EvaluationError(str(exc)) from None
        if not corpus.documents:
            raise EvaluationError(f"{path}: no documents under data/")
        return corpus
    return _read_sentence_file(path)


def _read_sentence_file(path: Path) -> Corpus:
    corpus = Corpus()
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = orjson.loads(line)
                sentence = Sentence.from_dict(record)
            except orjson.JSONDecodeError as exc:
                raise EvaluationError(f"{path}:{number}: not valid JSON ({exc})") from None
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                raise EvaluationError(f"{path}:{number}: not a sentence record ({exc!r})") from None
            corpus.sentences.setdefault(sentence.doc_id, []).append(sentence)
    if not corpus.sentences:
        raise EvaluationError(f"{path}: no sentence records")
    for sentences in corpus.sentences.values():
        sentences.sort(key=lambda s: s.index)
    return corpus
