"""NewsML-G2 reader: one `newsItem`, alone or in a `newsMessage`, parsed with defusedxml.

guid -> id (`id_from_guid`), @version -> version, headline -> title, dateline (else located/name) ->
dateline, itemMeta/provider (else infoSource) -> agency, urgency, language@tag (else @xml:lang, else `fr`),
subjects -> extra. The date is that of contentCreated, else firstCreated, else versionCreated: the first
ones stay the same in every version of an item, so a correction stays in its month. The body is the first
`contentSet/inlineXML` (XHTML or NITF) or `inlineData` with text.
"""

from __future__ import annotations

import dataclasses
import re
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import fromstring

from claimwire.ingest import Dispatch, Reader, ReadError, id_from_guid, register
from claimwire.ingest.encoding import decode_xml, sniff
from claimwire.ingest.paragraphs import element_paragraphs, one_line, text_paragraphs
from claimwire.ingest.wire import dispatch_date, language_tag, urgency_level, version_number
from claimwire.records import Origin

NAR = "http://iptc.org/std/nar/2006-10-01/"
N = f"{{{NAR}}}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ROOTS = ("newsItem", "newsMessage")
_PROLOG = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[.*?\])*>)", re.DOTALL)
_ROOT = re.compile(r"\s*<(?:[\w.-]+:)?([\w.-]+)")
_POSITION = re.compile(r": line \d+, column \d+$")


def detect_newsml(raw: bytes, path: str) -> bool:
    """The root element is `newsItem` or `newsMessage` and the NewsML-G2 namespace is declared."""
    head = sniff(raw)
    pos = 0
    while (prolog := _PROLOG.match(head, pos)) and prolog.end() > pos:
        pos = prolog.end()
    root = _ROOT.match(head, pos)
    return root is not None and root.group(1) in ROOTS and NAR in head


def read_newsml(raw: bytes, origin: Origin) -> Dispatch:
    path = origin.path
    decoded = decode_xml(raw, path)
    item = _news_item(_parse(raw, decoded.text, path), path)
    guid = item.get("guid")
    if not guid:
        raise ReadError("no-id", path, "newsItem has no guid")
    meta, content = _child(item, "itemMeta"), _child(item, "contentMeta")
    timestamps = [
        ("contentCreated", _text(content, "contentCreated")),
        ("firstCreated", _text(meta, "firstCreated")),
        ("versionCreated", _text(meta, "versionCreated")),
    ]
    language = _child(content, "language").get("tag") or item.get(XML_LANG)
    return Dispatch(
        id=id_from_guid(guid, path),
        date=dispatch_date(timestamps, path),
        language=language_tag(language, path),
        title=_headline(content),
        paragraphs=_body(item, path),
        origin=dataclasses.replace(origin, encoding=decoded.encoding),
        dateline=one_line(_text(content, "dateline")) or _name(_child(content, "located")),
        agency=_party(_child(meta, "provider")) or _party(_child(content, "infoSource")),
        version=version_number(item.get("version"), path),
        urgency=urgency_level(_text(content, "urgency"), path),
        extra={"guid": guid, **_subjects(content)},
    )


def _parse(raw: bytes, text: str, path: str) -> Element:
    """The root element; unsafe or broken XML is a one-line error with its line where known."""
    try:
        return fromstring(raw, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except EntitiesForbidden as exc:
        declaration = re.search(rf"<!ENTITY\s+(?:%\s+)?{re.escape(exc.name)}\s", text)
        line = text.count("\n", 0, declaration.start()) + 1 if declaration else None
        if exc.sysid:
            problem = (
                f"XML declares external entity {exc.name!r} ({exc.sysid}): refused, never fetched"
            )
        else:
            problem = f"XML declares entity {exc.name!r}: refused (entity expansion is unsafe)"
        raise ReadError("unsafe-xml", path, problem, line) from None
    except ExternalReferenceForbidden as exc:
        raise ReadError(
            "unsafe-xml", path, f"XML refers to external resource {exc.sysid!r}: refused"
        ) from None
    except DefusedXmlException as exc:
        raise ReadError("unsafe-xml", path, f"unsafe XML refused: {exc}") from None
    except ParseError as exc:
        line, column = exc.position
        problem = f"XML not well formed: {_POSITION.sub('', str(exc))} (column {column})"
        raise ReadError("xml-not-well-formed", path, problem, line) from None


def _news_item(root: Element, path: str) -> Element:
    if root.tag == N + "newsItem":
        return root
    if root.tag == N + "newsMessage":
        items = root.findall(f".//{N}newsItem")
        if len(items) == 1:
            return items[0]
        raise ReadError(
            "not-a-dispatch", path, f"newsMessage holds {len(items)} newsItems; write one per file"
        )
    raise ReadError("not-a-dispatch", path, f"not a NewsML-G2 newsItem (root element {root.tag})")


def _child(parent: Element, name: str) -> Element:
    """The first child of that name, or an empty element, so that optional metadata reads as None."""
    found = parent.find(N + name)
    return found if found is not None else Element(N + name)


def _text(parent: Element, name: str) -> str | None:
    found = parent.find(N + name)
    return "".join(found.itertext()) if found is not None else None


def _headline(content: Element) -> str | None:
    """The main headline: one without a role or with role `main`, else the first."""
    headlines = content.findall(N + "headline")
    main = [h for h in headlines if h.get("role", "main").rsplit(":", 1)[-1] == "main"]
    chosen = (main or headlines)[:1]
    return one_line("".join(chosen[0].itertext())) if chosen else None


def _name(concept: Element) -> str | None:
    return one_line(_text(concept, "name"))


def _party(party: Element) -> str | None:
    """Name of a provider or info source: its `name`, `literal`, qcode code (`nprov:AFP`) or uri."""
    qcode = party.get("qcode")
    code = qcode.rsplit(":", 1)[-1] if qcode else None
    return _name(party) or party.get("literal") or code or party.get("uri")


def _subjects(content: Element) -> dict[str, str]:
    subjects = []
    for subject in content.findall(N + "subject"):
        code = subject.get("qcode") or subject.get("uri") or subject.get("literal") or ""
        name = _name(subject)
        subjects.append(f"{code} ({name})" if name else code)
    return {"subjects": "; ".join(subjects)} if subjects else {}


def _body(item: Element, path: str) -> list[str]:
    """Paragraphs of the first inline content with text: XHTML/NITF markup, or plain inline data."""
    for part in _child(item, "contentSet"):
        if part.tag == N + "inlineXML":
            paragraphs = element_paragraphs(part)
        elif part.tag == N + "inlineData" and part.get("contenttype", "text/plain") == "text/plain":
            paragraphs = text_paragraphs(part.text or "")
        else:
            continue
        if paragraphs:
            return paragraphs
    raise ReadError("no-body", path, "no body: no contentSet/inlineXML or inlineData with text")


register(Reader(name="newsml-g2", read=read_newsml, detect=detect_newsml, suffixes=(".xml",)))
