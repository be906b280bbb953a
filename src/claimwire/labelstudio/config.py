"""The Label Studio labeling config: one `Text`, span labels for sentences and sources, per-region
choices and text areas for their fields, and a relation from each source to its sentence.

Choice values come from `schema/labels.json`, so the interface offers exactly the contract's labels.
The tree is built with ElementTree (never by string concatenation), so every value is escaped.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from claimwire.schema import labels

TEXT = "text"
SPAN = "span"
SENTENCE = "sentence"
SOURCE = "source"
RELATION = "source_of"
NOTE = "note"
# Per-region controls: result `from_name` -> the vocabulary of its choices.
SENTENCE_CHOICES = {"claim_type": "claim_type", "verifiability": "verifiability"}
SOURCE_CHOICES = {"source_kind": "source_kind", "source_mode": "source_mode"}
SOURCE_TEXTS = {"source_name": "name", "source_cue": "cue"}
# Keep every space of the dispatch on screen: Label Studio trims it otherwise, and offsets count it.
STYLE = ".htx-text { white-space: pre-wrap; line-height: 1.6; }"


def _choices(parent: ET.Element, name: str, vocabulary: str) -> None:
    choices = ET.SubElement(
        parent,
        "Choices",
        name=name,
        toName=TEXT,
        perRegion="true",
        choice="single-radio",
        showInline="true",
    )
    for label in labels(vocabulary):
        ET.SubElement(choices, "Choice", value=label)


def _text_area(parent: ET.Element, name: str, placeholder: str) -> None:
    ET.SubElement(
        parent,
        "TextArea",
        name=name,
        toName=TEXT,
        perRegion="true",
        maxSubmissions="1",
        editable="true",
        rows="1",
        placeholder=placeholder,
    )


def labeling_config() -> str:
    """The XML of the labeling interface matching the tasks `claimwire export labelstudio` writes."""
    view = ET.Element("View")
    ET.SubElement(view, "Style").text = STYLE
    ET.SubElement(view, "Header", value="$title")
    ET.SubElement(view, "Text", name=TEXT, value="$text", granularity="symbol")
    spans = ET.SubElement(view, "Labels", name=SPAN, toName=TEXT)
    ET.SubElement(spans, "Label", value=SENTENCE, background="#56B4E9")
    ET.SubElement(spans, "Label", value=SOURCE, background="#E69F00")
    relations = ET.SubElement(view, "Relations")
    ET.SubElement(relations, "Relation", value=RELATION)

    sentence = ET.SubElement(view, "View", visibleWhen="region-selected", whenLabelValue=SENTENCE)
    for name, vocabulary in SENTENCE_CHOICES.items():
        ET.SubElement(sentence, "Header", value=name, size="6")
        _choices(sentence, name, vocabulary)
    _text_area(sentence, NOTE, "note (optional)")

    source = ET.SubElement(view, "View", visibleWhen="region-selected", whenLabelValue=SOURCE)
    for name, vocabulary in SOURCE_CHOICES.items():
        ET.SubElement(source, "Header", value=name, size="6")
        _choices(source, name, vocabulary)
    for name, field in SOURCE_TEXTS.items():
        _text_area(source, name, f"{field} (empty: none)")

    ET.indent(view, space="  ")
    return ET.tostring(view, encoding="unicode") + "\n"
