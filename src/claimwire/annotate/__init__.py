"""Pre-annotation: sources, claim_type and verifiability of each sentence, by explainable rules.

`Annotator` runs spaCy's French model once per document with the segmenter's sentence boundaries
imposed (its NER only on the sentences whose entities the rules read, see `entities`; the
lemmatizer's word lists indexed, see `index_lemmas`), then applies one layer per module: `sources` (attribution), `claims` (with `tense`), then
the trained model of `classifier`, which picks claim type and verifiability together wherever its
scope lets it (its calibrated probability is then the confidence); elsewhere `verifiability` and
`confidence` (0-1, 3 decimals, deterministic) come from the rules. A
headline (a paragraph of one sentence without final punctuation) is `none` and gets no sources.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import cast

import numpy
import spacy
from spacy.attrs import IDX, IS_SPACE, LENGTH, SENT_START
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc, Span
from thinc.types import Ints2d

from claimwire.annotate.claims import decide, is_headline
from claimwire.annotate.classifier import ClaimModel, features, load_model
from claimwire.annotate.clause import ClaimClause, claim_clause
from claimwire.annotate.confidence import confidence
from claimwire.annotate.entities import NER, recognise
from claimwire.annotate.grammar import ORIGINAL_TEXT
from claimwire.annotate.mentions import UNLISTED, Names
from claimwire.annotate.quotes import Quotes, quote_spans
from claimwire.annotate.sources import AttributionFinder
from claimwire.annotate.types import Attribution, ClaimDecision
from claimwire.annotate.verifiability import hedge_reason, verdict_of
from claimwire.records import Annotation, Document, Sentence
from claimwire.schema import label_rules

MODEL = "fr_core_news_sm"
# Claim types whose verifiability the label rules imply: no hedge to look for.
_UNHEDGED = frozenset(label_rules().implies)
# The parser decides sentence boundaries itself; "senter" would only compete with ours.
UNUSED_COMPONENTS = ["senter"]


class Annotator:
    """Fills `claim_type`, `verifiability` and `sources` of a document's sentences."""

    def __init__(self, nlp: Language | None = None, model: ClaimModel | bool | None = True) -> None:
        """`model`: the claim-type model where no rule cue fires (`True`: the shipped one;
        `None` or `False`: rules alone, as the training script reads them)."""
        self.nlp = nlp if nlp is not None else spacy.load(MODEL, exclude=UNUSED_COMPONENTS)
        self.model = load_model() if model is True else (model or None)
        index_lemmas(self.nlp)

    def annotate(self, document: Document, sentences: list[Sentence]) -> list[Sentence]:
        """New sentences with the three layers filled; annotation stays `auto`."""
        return next(self._annotate_batch([(document, sentences)], 1))

    def annotate_many(
        self, items: Iterable[tuple[Document, list[Sentence]]], batch_size: int = 32
    ) -> Iterator[list[Sentence]]:
        """Same results as `annotate`, with spaCy batching documents through `nlp.pipe`."""
        batch: list[tuple[Document, list[Sentence]]] = []
        for item in items:
            batch.append(item)
            if len(batch) == batch_size:
                yield from self._annotate_batch(batch, batch_size)
                batch = []
        if batch:
            yield from self._annotate_batch(batch, batch_size)

    def parse(
        self, batch: list[tuple[Document, list[Sentence]]], batch_size: int = 32
    ) -> Iterator[Doc]:
        """The parsed docs of a batch, our sentence boundaries imposed, as `convert` parses them
        (also what `claimwire train` reads its examples from)."""
        docs = [self.bounded_doc(document, sentences) for document, sentences in batch]
        if NER in self.nlp.pipe_names:  # the NER runs only where the rules read it (`entities`)
            return recognise(
                self.nlp, self.nlp.pipe(docs, batch_size=batch_size, disable=[NER]), batch_size
            )
        return self.nlp.pipe(docs, batch_size=batch_size)

    def _annotate_batch(
        self, batch: list[tuple[Document, list[Sentence]]], batch_size: int
    ) -> Iterator[list[Sentence]]:
        parsed = self.parse(batch, batch_size)
        for (document, sentences), doc in zip(batch, parsed, strict=True):
            yield _annotate_parsed(document, sentences, doc, self.model)

    def bounded_doc(self, document: Document, sentences: list[Sentence]) -> Doc:
        """Tokenized text whose sentence starts are ours: spaCy's parser keeps preset boundaries."""
        doc = self.nlp.make_doc(model_text(document.text))
        doc.user_data[ORIGINAL_TEXT] = document.text
        # Vectorised: token i > 0 starts a sentence when the first of our starts at or after its
        # offset falls inside it (a start inside a token the tokenizer glued to the previous word
        # marks that token), unless it is whitespace. Token 0 keeps spaCy's own value.
        starts = numpy.array(sorted(s.start for s in sentences) or [-1], dtype=numpy.int64)
        table = doc.to_array([IDX, LENGTH, IS_SPACE, SENT_START]).astype(numpy.int64)
        idx, end = table[:, 0], table[:, 0] + table[:, 1]
        k = numpy.minimum(numpy.searchsorted(starts, idx, side="left"), len(starts) - 1)
        starting = (starts[k] >= idx) & (starts[k] < end) & (table[:, 2] == 0)
        flags = numpy.where(starting, 1, -1)
        flags[0] = table[0, 3]
        # spaCy stores attributes as uint64 (-1 wraps around), as `to_array` returns them.
        doc.from_array([SENT_START], cast(Ints2d, flags.astype(numpy.uint64).reshape(-1, 1)))
        return doc


def index_lemmas(nlp: Language) -> None:
    """Make the French lemmatizer's word lists sets: it asks `form in index` of each word it has not
    seen before, and the model ships each part of speech's index as a list (66,000 nouns), so a new
    word cost about 0.6 ms, a third of `nlp.pipe` on a fresh process. Membership is all it asks of
    them, so the lemmas are the same (tested), about 40 times sooner."""
    if "lemmatizer" not in nlp.pipe_names:
        return
    lookups = cast(Lemmatizer, nlp.get_pipe("lemmatizer")).lookups
    if not lookups.has_table("lemma_index"):
        return
    table = lookups.get_table("lemma_index")
    for key, words in list(table.items()):
        if isinstance(words, list):
            table[key] = frozenset(words)


def model_text(text: str) -> str:
    """The text as the model reads it: typographic apostrophes made straight, one character for one
    (offsets unchanged), since fr_core_news_sm mis-tags "l’" and "d’" but not "l'" and "d'"."""
    return text.replace("’", "'")


@dataclasses.dataclass(slots=True)
class Reading:
    """What the rules read in one sentence: its span, claim clause, sources and decision."""

    span: Span | None
    attributions: list[Attribution]
    clause: ClaimClause | None
    decision: ClaimDecision
    shared: bool


def read_sentences(document: Document, sentences: list[Sentence], doc: Doc) -> list[Reading]:
    """The rules' reading of every sentence of a parsed document (also what the experiment scripts read)."""
    quotes = Quotes(quote_spans(document.text, document.paragraphs))
    finder = AttributionFinder(quotes, Names(doc))
    spans = [doc.char_span(s.start, s.end, alignment_mode="expand") for s in sentences]
    alone = _alone_in_paragraph(sentences)
    headlines = [is_headline(s.text, alone[i], i == 0) for i, s in enumerate(sentences)]
    found = [
        finder.find(span, headline) if span is not None and len(span) else []
        for span, headline in zip(spans, headlines, strict=True)
    ]
    shared = _share_quotations(spans, found, finder) | _speaker_named_next(spans, found, finder)
    readings = []
    for i, (span, headline, attributions) in enumerate(zip(spans, headlines, found, strict=True)):
        reading = Reading(span, attributions, None, ClaimDecision("none", "empty"), i in shared)
        if span is not None and len(span):
            reading.clause = claim_clause(span, attributions)
            reading.decision = decide(span, reading.clause, attributions, headline)
        readings.append(reading)
    return readings


def _annotate_parsed(
    document: Document, sentences: list[Sentence], doc: Doc, model: ClaimModel | None
) -> list[Sentence]:
    annotated = []
    provenance = Annotation(note=provenance_note(model))
    for sentence, r in zip(sentences, read_sentences(document, sentences, doc), strict=True):
        decision, hedge = r.decision, None
        if r.clause is not None:
            assert r.span is not None
            hedge = hedge_reason(r.span, r.clause, r.attributions)
        if model is not None and r.clause is not None and model.applies_to(decision.rule):
            assert r.span is not None
            # The model decides both layers, and its calibrated probability is the confidence.
            feats = features(r.span, r.clause, r.attributions, decision, hedge)
            guess = model.guess(feats, hedge)
            if guess.claim_type != decision.label:
                decision = ClaimDecision(guess.claim_type, "model", (), decision.forecast)
            verifiability, score = guess.verifiability, round(guess.probability, 3)
        else:
            if decision.label in _UNHEDGED:
                hedge = None
            verifiability = verdict_of(decision.label, hedge)
            score = confidence(decision, hedge, r.span, r.attributions, r.shared)
        annotated.append(
            dataclasses.replace(
                sentence,
                claim_type=decision.label,
                verifiability=verifiability,
                sources=[a.to_source() for a in r.attributions if a.referent.kind != UNLISTED],
                annotation=dataclasses.replace(provenance),
                confidence=score,
            )
        )
    return annotated


def provenance_note(model: ClaimModel | None) -> str:
    """The `annotation.note` of an auto sentence: which claim-type model pre-annotated it (`by` names
    the pipeline, `claimwire <version>`)."""
    return f"claim-type model: {model.identity}" if model is not None else "claim-type model: none"


def _alone_in_paragraph(sentences: list[Sentence]) -> list[bool]:
    counts = Counter(s.paragraph for s in sentences)
    return [counts[s.paragraph] == 1 for s in sentences]


def _share_quotations(
    spans: list[Span | None], found: list[list[Attribution]], finder: AttributionFinder
) -> set[int]:
    """A quotation running over several sentences is the speaker's in each of them (hard case 9):
    `"Le président a ... iranien. Il a été ... nulle", a rappelé sa porte-parole`. Returns the
    indices of the sentences that received a shared attribution."""
    receivers: set[int] = set()
    for i, attributions in enumerate(found):
        for attribution in attributions:
            if attribution.quote is None:
                continue
            q_start, q_end = attribution.quote
            for j, span in enumerate(spans):
                if (
                    j == i
                    or span is None
                    or not (span.start_char < q_end and q_start < span.end_char)
                ):
                    continue
                if any(a.span == attribution.span for a in found[j]):
                    continue
                content = list(span)
                shared = dataclasses.replace(
                    attribution, content=content, mode=finder.mode_of(content), quote=None
                )
                found[j].insert(0, shared)
                receivers.add(j)
    return receivers


# How far into the next sentence the cue naming a quotation's speaker may come: "C'est ce qu'a
# déclaré le maire", "Ainsi s'exprimait Jean Martin", "A-t-il ajouté".
_NEXT_CUE_WITHIN = 5


def _speaker_named_next(
    spans: list[Span | None], found: list[list[Attribution]], finder: AttributionFinder
) -> set[int]:
    """A quotation that ends its sentence with no speaker, whose speaker the next sentence names
    at its start (`« Nous avons tout donné. » C'est ce qu'a déclaré l'entraîneur.`): the source
    points into that next sentence (guidelines section 4, which mention). Returns the receivers."""
    receivers: set[int] = set()
    for i in range(len(spans) - 1):
        span, after = spans[i], spans[i + 1]
        if span is None or after is None or found[i] or not found[i + 1]:
            continue
        words = [t for t in span if not t.is_punct and not t.is_space]
        if not words or not all(finder.quotes.around(t.idx) for t in words):
            continue
        if finder.quotes.around(after[0].idx) is not None:
            continue  # the quotation runs on: `_share_quotations` decides
        speaker = found[i + 1][0]
        if speaker.cue is None or speaker.cue.start - after.start >= _NEXT_CUE_WITHIN:
            continue
        content = list(span)
        found[i].append(
            dataclasses.replace(speaker, content=content, mode=finder.mode_of(content), quote=None)
        )
        receivers.add(i)
    return receivers
