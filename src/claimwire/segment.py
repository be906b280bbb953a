"""Split French news text into sentences with exact offsets, paragraph by paragraph.

Rules over punctuation and word lists (package data): a sentence ends at `.`, `!`, `?` or an
ellipsis, after its closing quotes or brackets, when what follows can open a sentence.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from claimwire.records import Document, Sentence


@dataclass(frozen=True, slots=True)
class SentenceSpan:
    """One sentence of a document: its paragraph and its offsets in the document text."""

    paragraph: int
    start: int
    end: int


_LEXICON_DIR = "data/segment"
_TERMINAL = re.compile(r"[.!?…]+")
_ELLIPSIS = re.compile(r"\.\.\.|…")
# Closing marks that belong to the sentence they follow. French typography puts a (narrow)
# non-breaking space inside guillemets (`« Oui. »`), so a space may come before `»` or `”`;
# a closing bracket must be glued to the mark.
_SPACED_CLOSERS = "»”"
_GLUED_CLOSERS = ")]"
_OPENERS = "«“\"(['‘"
_INLINE_SPACE = " \u00a0\u202f\t"
# Initials before their period (`J`, `J.-P`, `H.R.F`), or an acronym written with periods (`O.N.U`).
_INITIALS = re.compile(r"(?:[A-ZÀ-ÖØ-Þ]\.-?)*[A-ZÀ-ÖØ-Þ]")
_WORD = re.compile(r"\w+")
_CUT = re.compile(r"[(\[](?:\.\.\.|…)[)\]]\s*")
_DASHES = "-–—•"


@cache
def _lexicon(name: str) -> frozenset[str]:
    """One word list of package data: a word per line, `#` starting a comment line."""
    text = resources.files("claimwire").joinpath(_LEXICON_DIR, name).read_text("utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def _is_closing_straight_quote(text: str, pos: int, quotes: list[int]) -> bool:
    """Whether the `"` at `pos`, after a terminal mark, closes a quotation rather than opens one.

    `quotes` are the offsets of every `"` in `text`, so counting those before `pos` is a binary
    search, not a pass over the text (which made long texts quadratic).
    """
    if pos > 0 and not text[pos - 1].isspace():
        return True
    if pos + 1 < len(text) and not text[pos + 1].isspace():
        return False
    # Spaced on both sides, as guillemets are (`fin. " Le`): it closes a quotation left open.
    return bisect.bisect_left(quotes, pos) % 2 == 1


def _skip_closers(text: str, pos: int, quotes: list[int]) -> int:
    """Position after the closing quotes and brackets that follow a terminal mark at `pos`."""
    while pos < len(text):
        after_space = pos
        while after_space < len(text) and text[after_space] in _INLINE_SPACE:
            after_space += 1
        if after_space == len(text):
            break
        char = text[after_space]
        closes = (
            char in _SPACED_CLOSERS
            or (char in _GLUED_CLOSERS and after_space == pos)
            or (char == '"' and _is_closing_straight_quote(text, after_space, quotes))
        )
        if not closes:
            break
        pos = after_space + 1
    return pos


def _next_start(text: str, pos: int) -> str:
    """What opens the text at `pos`, maybe after opening quotes or a cut `(...)`: `upper`,
    `digit`, `lower`, `dash` (a list item or a line of dialogue) or `other`."""
    if text[pos] in _DASHES and pos + 1 < len(text) and text[pos + 1].isspace():
        return "dash"
    cut = _CUT.match(text, pos)
    if cut:
        pos = cut.end()
    while pos < len(text) and (text[pos] in _OPENERS or text[pos] in _INLINE_SPACE):
        pos += 1
    if pos == len(text):
        return "other"
    if text[pos].isupper():
        return "upper"
    if text[pos].isdigit():
        return "digit"
    return "lower" if text[pos].islower() else "other"


def _word_before(text: str, pos: int) -> str:
    """The word ending at `pos`: its run of non-space characters, without opening quotes or
    brackets nor an elided article (`l'O.N.U` gives `O.N.U`)."""
    start = pos
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return re.split(r"['’]", text[start:pos].lstrip(_OPENERS))[-1]


def _follows_number(text: str, pos: int) -> bool:
    """Whether a figure comes just before `pos`: then a capital is a unit (`2.700.000 F`)."""
    while pos > 0 and text[pos - 1] in _INLINE_SPACE:
        pos -= 1
    return pos > 0 and text[pos - 1].isdigit()


def _period_ends_sentence(text: str, start: int, following: int, opens: str) -> bool:
    """Whether a lone period at `start`, glued to the word before it, ends a sentence."""
    word = _word_before(text, start)
    if word in _lexicon("abbreviations.txt"):
        return False
    if word in _lexicon("final_abbreviations.txt"):
        return opens in ("upper", "digit", "dash")
    if _INITIALS.fullmatch(word) and not _follows_number(text, start - len(word)):
        # `J.-P. Sartre` goes on; `Mac OS X. Une version` and `l'O.N.U. Il` are new sentences.
        next_word = _WORD.match(text, following)
        return next_word is not None and next_word.group() in _lexicon("sentence_openers.txt")
    # After an ordinary word, a period ends the sentence even before a small letter: French
    # copy often drops the accent of a capital (`à ce jour` for `À ce jour`).
    return opens in ("upper", "digit", "dash", "lower")


def _is_bracketed_ellipsis(text: str, start: int, end: int) -> bool:
    """`(...)` and `[...]` mark a cut inside a quotation, not the end of a sentence."""
    return start > 0 and text[start - 1] in "([" and end < len(text) and text[end] in ")]"


def _boundaries(text: str) -> list[int]:
    """Offsets in `text` where a sentence ends (after its closing marks), in order."""
    ends = []
    quotes = [m.start() for m in re.finditer('"', text)]
    for match in _TERMINAL.finditer(text):
        start, end = match.span()
        mark = match.group()
        if _ELLIPSIS.search(mark) and _is_bracketed_ellipsis(text, start, end):
            continue
        after = _skip_closers(text, end, quotes)
        if after == len(text) or not text[after].isspace():
            continue
        following = after
        while following < len(text) and text[following].isspace():
            following += 1
        if following == len(text):
            continue
        opens = _next_start(text, following)
        if mark == "." and after == end:
            ends_sentence = _period_ends_sentence(text, start, following, opens)
        elif _ELLIPSIS.search(mark) and after == end:
            # An ellipsis before a figure is suspense, not an end: `à savoir... 30 F.`
            ends_sentence = opens in ("upper", "dash")
        else:
            # After `!`, `?` or closing marks, a small letter goes on the sentence:
            # `« Qui ? » demanda-t-il`.
            ends_sentence = opens in ("upper", "digit", "dash")
        if ends_sentence:
            ends.append(after)
    return ends


def segment_paragraph(text: str) -> list[tuple[int, int]]:
    """Sentences of one paragraph as `(start, end)` offsets into `text`, stripped of whitespace."""
    spans = []
    start = 0
    for end in [*_boundaries(text), len(text)]:
        chunk = text[start:end]
        stripped = chunk.strip()
        if stripped:
            left = start + len(chunk) - len(chunk.lstrip())
            spans.append((left, left + len(stripped)))
        start = end
    return spans


def segment_document(text: str, paragraphs: list[tuple[int, int]]) -> list[SentenceSpan]:
    """Sentences of a document, paragraph by paragraph: a sentence never crosses a paragraph."""
    spans = []
    for index, (par_start, par_end) in enumerate(paragraphs):
        for start, end in segment_paragraph(text[par_start:par_end]):
            spans.append(SentenceSpan(index, par_start + start, par_start + end))
    return spans


def auto_sentences(
    document: Document, spans: Iterable[tuple[int, int, int]] | None = None
) -> list[Sentence]:
    """Unannotated sentences of a document: from given (paragraph, start, end) spans, else the segmenter."""
    if spans is None:
        spans = (
            (s.paragraph, s.start, s.end)
            for s in segment_document(document.text, document.paragraphs)
        )
    return [
        Sentence(doc_id=document.id, index=i, paragraph=p, start=s, end=e, text=document.text[s:e])
        for i, (p, s, e) in enumerate(spans)
    ]
