"""What `Annotator` changes in how spaCy runs (issue 16) leaves spaCy's annotations as they were."""

from __future__ import annotations

from pathlib import Path

import spacy

from claimwire.annotate import _UNUSED, MODEL, index_lemmas
from claimwire.corpus.store import read_corpus

GOLD = Path(__file__).resolve().parent / "gold"


def test_lemmas_from_indexed_word_lists_are_spacys_own() -> None:
    texts = [
        document.text
        for part in ("dev", "heldout", "fresh")
        for document in read_corpus(GOLD / part).documents.values()
    ]
    nlp = spacy.load(MODEL, exclude=[*_UNUSED, "ner"])
    lemmatizer = nlp.get_pipe("lemmatizer")
    docs = list(nlp.pipe(texts, disable=["lemmatizer"]))

    def lemmas() -> list[str]:
        lemmatizer.cache.clear()
        return [lemmatizer.lemmatize(token)[0] for doc in docs for token in doc]

    stock = lemmas()
    index_lemmas(nlp)
    assert isinstance(next(iter(lemmatizer.lookups.get_table("lemma_index").values())), frozenset)
    assert lemmas() == stock
    assert len(stock) > 10_000
