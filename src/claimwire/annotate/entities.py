"""Named entities only where the annotation reads them: spaCy's NER on part of each document.

`fr_core_news_sm`'s NER has its own tok2vec and costs about as much as the rest of the pipeline
together, but the rules read entities in few places: the mentions of sources (their kind, their
name), the people, bodies and capitals a later mention refers back to, and the named people a
pronoun may stand for (`coref.WINDOW` sentences back). So the NER runs on the sentences that may
carry a source (a reporting verb, an according-to cue, a colon), on the `coref.WINDOW` sentences
before each of them, and on the earlier sentences that share a capitalised word or a noun with them
or name a capital; consecutive chosen sentences run as one piece, so their context is the
document's. On the gold parts the figures are those of the NER run everywhere (see the README).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import cast

from spacy.attrs import NORM
from spacy.language import Language
from spacy.pipeline import EntityRecognizer
from spacy.tokens import Doc, Span
from thinc.types import Ints2d

from claimwire.annotate.coref import WINDOW
from claimwire.annotate.grammar import THIRD_PERSON, clause_initial, norm, words_at
from claimwire.annotate.lexicon import (
    according_to_by_first_word,
    kind_of_noun,
    source_kinds,
)
from claimwire.annotate.reporting import reporting_verb

NER = "ner"


def _may_attribute(sent: Span) -> bool:
    """Whether the source finder could find a source here: one of its cues (a reporting verb, an
    according-to cue, a colon before a quotation) is present, as read without NER."""
    doc, cues = sent.doc, according_to_by_first_word()
    for token in sent:
        if token.text == ":" or reporting_verb(token) is not None:
            return True
        for cue in cues.get(norm(token), ()):
            if (not cue.sentence_initial or clause_initial(sent, token.i)) and words_at(
                doc, token.i, cue.words
            ):
                return True
    return False


def _words(sent: Span) -> set[str]:
    """What a mention may share with an earlier sentence that names it: capitalised words, and
    nouns of roles and bodies ("la porte-parole", "le ministère")."""
    kinds = kind_of_noun()
    return {
        norm(token)
        for token in sent
        if (token.text[:1].isupper() and (token.i > sent.start or token.pos_ == "PROPN"))
        or (token.pos_ == "NOUN" and (norm(token) in kinds or token.lemma_.lower() in kinds))
    }


def _has_pronoun(sent: Span) -> bool:
    """A third-person pronoun, which `coref` may resolve to a person named a few sentences back."""
    return any(
        token.pos_ == "PRON" and norm(token).split("-")[-1] in THIRD_PERSON for token in sent
    )


def chosen_sentences(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the sentences whose entities the rules may read, consecutive ones merged."""
    sents = list(doc.sents)
    capitals = source_kinds()["capitals"]
    chosen = [False] * len(sents)
    cue_words: set[str] = set()
    for i in reversed(range(len(sents))):
        sent = sents[i]
        if _may_attribute(sent):
            # The sentence before gives the NER the context it had in the whole document.
            back = WINDOW if _has_pronoun(sent) else 1
            chosen[max(0, i - back) : i + 1] = [True] * (i + 1 - max(0, i - back))
            cue_words |= _words(sent)
        elif any(token.text in capitals for token in sent) or _words(sent) & cue_words:
            chosen[i] = True
    ranges: list[tuple[int, int]] = []
    for sent, keep in zip(sents, chosen, strict=True):
        if not keep:
            continue
        if ranges and ranges[-1][1] == sent.start:
            ranges[-1] = (ranges[-1][0], sent.end)
        else:
            ranges.append((sent.start, sent.end))
    return ranges


def _piece(doc: Doc, start: int, end: int, norms: Ints2d) -> Doc:
    """Tokens `start` to `end` as a document of their own, with what the NER reads of them: their
    words, spaces and norms (a tokenizer exception may give a token a norm of its own). Much cheaper
    than `Span.as_doc`, which copies every attribute of the whole document for each piece."""
    tokens = doc[start:end]
    piece = Doc(
        doc.vocab,
        words=[t.text for t in tokens],
        spaces=[bool(t.whitespace_) for t in tokens],
    )
    piece.from_array([NORM], norms[start:end])
    return piece


def recognise(nlp: Language, docs: Iterable[Doc], batch_size: int) -> Iterator[Doc]:
    """`docs`, parsed without NER, with the entities of their chosen sentences set (others: none)."""
    ner = cast(EntityRecognizer, nlp.get_pipe(NER))
    docs = list(docs)
    pieces: list[tuple[int, int]] = []  # (document, first token) of each piece
    texts: list[Doc] = []
    for k, doc in enumerate(docs):
        norms = cast(Ints2d, doc.to_array([NORM]).reshape(-1, 1))
        for start, end in chosen_sentences(doc):
            pieces.append((k, start))
            texts.append(_piece(doc, start, end, norms))
    found: list[list[Span]] = [[] for _ in docs]
    for (k, start), piece in zip(pieces, ner.pipe(texts, batch_size=batch_size), strict=True):
        doc = docs[k]
        found[k] += [Span(doc, start + e.start, start + e.end, e.label_) for e in piece.ents]
    for doc, ents in zip(docs, found, strict=True):
        doc.set_ents(ents, default="outside")
        yield doc
