"""Paragraphs of a body: plain text split at blank lines, or the text of the block elements of markup.

Markup (the XHTML or NITF of NewsML-G2, the HTML of ninjs) is flattened: inline elements keep only their
text, each block element (`<p>`, `<h2>`, `<li>`, ...) is a paragraph, and a newline with the indentation
around it (pretty-printing) becomes one space; any other whitespace is kept as written.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from xml.etree.ElementTree import Element

_BLANK_LINES = re.compile(r"\n[ \t\u00a0]*(?:\n[ \t\u00a0]*)+")
_WRAPPED = re.compile(r"[ \t\r]*\n[ \t\r\n]*")
_LINE_BREAK = (
    "\x00"  # stands for <br> until the pretty-printing is undone (no NUL survives decoding)
)
_AROUND_BREAK = re.compile(f"[ \t]*{_LINE_BREAK}[ \t]*")

BLOCKS = frozenset(
    {"p", "div", "section", "article", "header", "footer", "aside", "blockquote", "pre", "ul", "ol"}
    | {"li", "dl", "dt", "dd", "table", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6"}
    | {"hl1", "hl2", "body.content", "block"}  # NITF
)
# Not body text: document heads (XHTML, NITF's `body.head` with headline and byline), scripts, styles.
SKIPPED = frozenset({"head", "title", "script", "style", "body.head", "body.end"})


def text_paragraphs(text: str) -> list[str]:
    """Paragraphs of plain text: separated by blank lines, stripped, empty ones dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [p for p in (part.strip() for part in _BLANK_LINES.split(text)) if p]


def one_line(text: str | None) -> str | None:
    """A headline or dateline as one line (pretty-printing undone), None if empty."""
    if text is None:
        return None
    return _WRAPPED.sub(" ", text).strip() or None


class ParagraphCollector:
    """Receives the start, end and text events of markup and keeps each block's text as a paragraph."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._paragraphs: list[str] = []
        self._skipping: str | None = None
        self._depth = 0

    def start(self, tag: str) -> None:
        tag = _local(tag)
        if self._skipping:
            self._depth += tag == self._skipping
        elif tag in SKIPPED:
            self._skipping, self._depth = tag, 1
        elif tag in BLOCKS:
            self._flush()
        elif tag == "br":
            self._parts.append(_LINE_BREAK)

    def end(self, tag: str) -> None:
        tag = _local(tag)
        if self._skipping:
            self._depth -= tag == self._skipping
            if not self._depth:
                self._skipping = None
        elif tag in BLOCKS:
            self._flush()

    def text(self, data: str) -> None:
        if not self._skipping:
            self._parts.append(data)

    def paragraphs(self) -> list[str]:
        self._flush()
        return self._paragraphs

    def _flush(self) -> None:
        text = _WRAPPED.sub(" ", "".join(self._parts))
        text = _AROUND_BREAK.sub("\n", text).strip()
        self._parts = []
        if text:
            self._paragraphs.append(text)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def element_paragraphs(element: Element) -> list[str]:
    """Paragraphs of an XML element's content (the children of NewsML-G2 `inlineXML`)."""
    collector = ParagraphCollector()
    # A walk with an explicit stack: nesting deeper than Python's recursion limit is valid XML.
    pending: list[tuple[str, Element | str]] = [("open", element)]
    while pending:
        action, item = pending.pop()
        if isinstance(item, str):
            collector.text(item)
        elif action == "close":
            collector.end(item.tag)
        else:
            collector.start(item.tag)
            later: list[tuple[str, Element | str]] = [("text", item.text)] if item.text else []
            for child in item:
                later.append(("open", child))
                if child.tail:
                    later.append(("text", child.tail))
            later.append(("close", item))
            pending.extend(reversed(later))
    return collector.paragraphs()


class _HtmlEvents(HTMLParser):
    def __init__(self, collector: ParagraphCollector) -> None:
        super().__init__(convert_charrefs=True)
        self.collector = collector

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.collector.start(tag)

    def handle_endtag(self, tag: str) -> None:
        self.collector.end(tag)

    def handle_data(self, data: str) -> None:
        self.collector.text(data)


def html_paragraphs(html: str) -> list[str]:
    """Paragraphs of an HTML fragment, parsed with the standard library's lenient, non-executing parser."""
    collector = ParagraphCollector()
    parser = _HtmlEvents(collector)
    parser.feed(html)
    parser.close()
    return collector.paragraphs()
