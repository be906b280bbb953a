"""What `Annotator` changes in how spaCy runs (issue 16) leaves spaCy's annotations as they were."""

from __future__ import annotations

from pathlib import Path

import spacy

from claimwire.annotate import MODEL, UNUSED_COMPONENTS, index_lemmas
from claimwire.evaluate.gold import read_gold_part

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def test_lemmas_from_indexed_word_lists_are_spacys_own() -> None:
    texts = [
        document.text
        for part in ("dev", "heldout", "fresh")
        for document in read_gold_part(CORPUS, part).documents.values()
    ]
    nlp = spacy.load(MODEL, exclude=[*UNUSED_COMPONENTS, "ner"])
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


def test_ner_where_the_rules_read_it_annotates_the_gold_as_the_whole_ner_does() -> None:
    from claimwire.annotate import Annotator, _annotate_parsed
    from claimwire.annotate.entities import chosen_sentences

    annotator = Annotator()
    items = [
        (document, sentences)
        for part in ("dev", "heldout", "fresh")
        for corpus in [read_gold_part(CORPUS, part)]
        for doc_id, document in sorted(corpus.documents.items())
        for sentences in [corpus.sentences[doc_id]]
    ]
    partial = list(annotator.annotate_many(items, batch_size=16))
    docs = [annotator.bounded_doc(document, sentences) for document, sentences in items]
    whole = [
        _annotate_parsed(document, sentences, doc, annotator.model)
        for (document, sentences), doc in zip(
            items, annotator.nlp.pipe(docs, batch_size=16), strict=True
        )
    ]
    assert partial == whole
    # ... while the NER read only part of the text.
    parsed = list(annotator.nlp.pipe(docs, disable=["ner"]))
    chosen = sum(end - start for doc in parsed for start, end in chosen_sentences(doc))
    assert chosen < 0.9 * sum(len(doc) for doc in parsed)
