"""Readers: the seed rendered as NewsML-G2, ninjs 1.x and 2.x, and plain text in other encodings reads to
the seed's own document with the format's metadata; bad inputs are one-line errors naming file and problem.

The renderings under `tests/fixtures/ingest/` were written from the seed for these tests.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import jsonschema
import orjson
import pytest
from click.testing import CliRunner
from conftest import REPO, SEED

from claimwire.cli import main
from claimwire.ingest import ReadError, id_from_guid, read_dispatch
from claimwire.ingest.paragraphs import html_paragraphs
from claimwire.records import Document
from claimwire.schema import load_schema
from claimwire.segment import segment_document

FIXTURES = REPO / "tests" / "fixtures" / "ingest"
BAD = FIXTURES / "bad"
TITLE = "L'Iran et les Etats-Unis engagent à Oman des pourparlers sous tension"
ID = "afp.com-20260204-ABC123"


@pytest.fixture(scope="module")
def seed() -> Document:
    return read_dispatch(SEED, REPO).to_document()


RENDERINGS = {
    "afp-iran-oman.newsml.xml": ("newsml-g2", "utf-8"),
    "afp-iran-oman.ninjs1-text.json": ("ninjs", "utf-8"),
    "afp-iran-oman.ninjs1-html.json": ("ninjs", "utf-8"),
    "afp-iran-oman.ninjs2.json": ("ninjs", "utf-8"),
    "seed.utf-8-sig.txt": ("text", "utf-8-sig"),
    "seed.utf-16.txt": ("text", "utf-16"),
    "seed.utf-16-be.txt": ("text", "utf-16-be"),
    "seed.cp1252.txt": ("text", "cp1252"),
    "2026-02-04_sans-entete.cp1252.txt": ("text", "cp1252"),
}


@pytest.mark.parametrize("name", sorted(RENDERINGS))
def test_every_rendering_of_the_seed_reads_to_the_seed_document(name: str, seed: Document) -> None:
    document = read_dispatch(FIXTURES / name, REPO).to_document()
    assert (document.origin.format, document.origin.encoding) == RENDERINGS[name]
    assert document.origin.path == f"tests/fixtures/ingest/{name}"
    assert document.text == seed.text
    assert document.paragraphs == seed.paragraphs
    assert segment_document(document.text, document.paragraphs) == segment_document(
        seed.text, seed.paragraphs
    )
    assert (document.date, document.language) == ("2026-02-04", "fr")
    jsonschema.validate(document.to_dict(), load_schema("document.schema.json"))


def test_newsml_metadata_goes_to_the_document() -> None:
    dispatch = read_dispatch(FIXTURES / "afp-iran-oman.newsml.xml", REPO)
    document = dispatch.to_document()
    assert document.id == ID
    assert document.title == TITLE
    # The dateline is written across two lines; contentCreated (the 4th) wins over versionCreated.
    assert document.dateline == "MASCATE, 4 février 2026 (AFP)"
    assert document.date == "2026-02-04"
    assert document.agency == "AFP"  # provider qcode nprov:AFP
    assert (document.version, document.urgency) == (2, 4)
    assert dispatch.extra == {
        "guid": "urn:newsml:afp.com:20260204:ABC123",
        "subjects": "medtop:11000000 (politique); medtop:20000621",
    }


@pytest.mark.parametrize(
    "name",
    [
        "afp-iran-oman.ninjs1-text.json",
        "afp-iran-oman.ninjs1-html.json",
        "afp-iran-oman.ninjs2.json",
    ],
)
def test_ninjs_metadata_goes_to_the_document(name: str) -> None:
    document = read_dispatch(FIXTURES / name, REPO).to_document()
    # The same dispatch (same uri) as the NewsML-G2 item gets the same id; 2.x's main headline wins.
    assert (document.id, document.title, document.dateline) == (ID, TITLE, "Mascate")
    assert (document.agency, document.version, document.urgency) == ("AFP", 2, 4)


def test_format_is_detected_from_content_and_the_format_option_overrides(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "afp-iran-oman.newsml.xml", tmp_path / "depeche.txt")
    shutil.copy(FIXTURES / "afp-iran-oman.ninjs2.json", tmp_path / "depeche.xml")
    assert read_dispatch(tmp_path / "depeche.txt", tmp_path).origin.format == "newsml-g2"
    assert read_dispatch(tmp_path / "depeche.xml", tmp_path).origin.format == "ninjs"
    with pytest.raises(ReadError) as info:
        read_dispatch(tmp_path / "depeche.xml", tmp_path, "newsml-g2")
    assert (info.value.line, info.value.problem[:20]) == (1, "XML not well formed:")


def test_a_newsmessage_in_utf16_with_prefixed_names_is_read(tmp_path: Path, seed: Document) -> None:
    item = (FIXTURES / "afp-iran-oman.newsml.xml").read_text(encoding="utf-8")
    item = item.split("?>", 1)[1]
    message = (
        '<?xml version="1.0" encoding="UTF-16"?>\n'
        '<g2:newsMessage xmlns:g2="http://iptc.org/std/nar/2006-10-01/">\n'
        f"<g2:itemSet>{item}</g2:itemSet></g2:newsMessage>\n"
    )
    (tmp_path / "message.xml").write_bytes(message.encode("utf-16"))
    document = read_dispatch(tmp_path / "message.xml", tmp_path).to_document()
    assert (document.origin.format, document.origin.encoding) == ("newsml-g2", "utf-16")
    assert (document.id, document.text) == (ID, seed.text)


NITF = """<inlineXML contenttype="application/nitf+xml">
      <nitf xmlns="http://iptc.org/std/NITF/2006-10-18/"><body>
        <body.head><hedline><hl1>Titre</hl1></hedline><byline>Par A. Auteur</byline></body.head>
        <body.content>
          <p>Premier paragraphe,
             sur deux lignes.</p>
          <p>Second\u00a0paragraphe.</p>
        </body.content>
      </body></nitf>
    </inlineXML>"""
INLINE_DATA = """<inlineData contenttype="text/plain">Premier paragraphe,
sur deux lignes.

Second\u00a0paragraphe.</inlineData>"""


@pytest.mark.parametrize(
    ("content", "paragraphs"),
    [
        (NITF, ["Premier paragraphe, sur deux lignes.", "Second\u00a0paragraphe."]),
        (INLINE_DATA, ["Premier paragraphe,\nsur deux lignes.", "Second\u00a0paragraphe."]),
    ],
)
def test_newsml_body_from_nitf_or_inline_text(
    content: str, paragraphs: list[str], tmp_path: Path
) -> None:
    item = (
        '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:newsml:x.com:1:A">'
        "<itemMeta><versionCreated>2026-02-04T23:30:00-05:00</versionCreated></itemMeta>"
        f"<contentSet>{content}</contentSet></newsItem>"
    )
    (tmp_path / "item.xml").write_text(item, encoding="utf-8")
    dispatch = read_dispatch(tmp_path / "item.xml", tmp_path)
    assert dispatch.paragraphs == paragraphs
    # The date is the agency's local date, not UTC's (which would be the 5th).
    assert (dispatch.id, dispatch.date, dispatch.title, dispatch.version) == (
        "x.com-1-A",
        "2026-02-04",
        None,
        None,
    )


# Each broken input with the line and the catalogued code of its rejection.
BAD_INPUTS = {
    "not-well-formed.xml": (5, "xml-not-well-formed"),
    "entity-bomb.xml": (3, "unsafe-xml"),
    "external-entity.xml": (3, "unsafe-xml"),
    "no-body.json": (None, "no-body"),
    "invalid.json": (4, "json-not-well-formed"),
    "not-ninjs.json": (None, "unknown-format"),
    "image.png": (None, "binary-input"),
    "declared-utf8-is-cp1252.xml": (5, "encoding-mismatch"),
    "declared-latin1-is-utf8.xml": (5, "encoding-mismatch"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_a_one_line_error_naming_file_and_problem(name: str) -> None:
    line, code = BAD_INPUTS[name]
    with pytest.raises(ReadError) as info:
        read_dispatch(BAD / name, REPO)
    error = info.value
    assert (error.path, error.line, error.code) == (f"tests/fixtures/ingest/bad/{name}", line, code)
    assert str(error).startswith(f"{error.path}:") and "\n" not in str(error)


def test_deep_nesting_is_read_or_refused_in_one_line(tmp_path: Path) -> None:
    depth = 5000  # beyond Python's recursion limit
    body = "<span>" * depth + "profond" + "</span>" * depth
    item = (
        '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:newsml:x.com:1:A">'
        "<itemMeta><versionCreated>2026-02-04</versionCreated></itemMeta>"
        f"<contentSet><inlineXML><p>{body}</p></inlineXML></contentSet></newsItem>"
    )
    (tmp_path / "deep.xml").write_text(item, encoding="utf-8")
    assert read_dispatch(tmp_path / "deep.xml", tmp_path).paragraphs == ["profond"]
    (tmp_path / "deep.json").write_text('{"uri": "x", "a": ' + "[" * 10**5 + "]" * 10**5 + "}")
    with pytest.raises(ReadError) as info:
        read_dispatch(tmp_path / "deep.json", tmp_path)
    assert info.value.code == "json-not-well-formed"


_RANDOM = random.Random(7)
_JUNK = bytes(_RANDOM.randrange(1, 256) for _ in range(400))
NOT_TEXT = {
    "random bytes": (_JUNK, "not UTF-8 (invalid byte"),
    "NUL byte": (b"date 2026-02-04\n\nLe ministre\x00 a dit.", "binary file"),
    "C1 control in UTF-8": ("date 2026-02-04\n\nLe ministre\u0085 a dit.".encode(), "not text"),
    "escape sequence": (b"date 2026-02-04\n\nLe ministre \x1b[31m a dit.", "not text"),
    "C1 control byte": (
        b"date 2026-02-04\n\nLe ministre \x81 a dit.",
        "not UTF-8 (invalid byte 0x81",
    ),
    "mixed encodings": ("date 2026-02-04\n\nL'été, ".encode() + b"caf\xe9.", "mixed encodings"),
    "UTF-16 of control codes": (b"".join(bytes([0, c]) for c in range(1, 40)), "binary file"),
    "UTF-16 of digits and signs": ("12 + 34 = 46 ; 5 % 7".encode("utf-16-le"), "binary file"),
    "digits and signs": (
        b"date 2026-02-04\n\n\xb1 12 \xd7 34 = 408 \xb0 ; 56 \xf7 7 = 8 %",
        "not UTF-8",
    ),
}


@pytest.mark.parametrize("case", sorted(NOT_TEXT))
def test_bytes_that_are_not_text_are_refused(case: str, tmp_path: Path) -> None:
    data, problem = NOT_TEXT[case]
    (tmp_path / "2026-02-04_x.txt").write_bytes(data)
    with pytest.raises(ReadError) as info:
        read_dispatch(tmp_path / "2026-02-04_x.txt", tmp_path)
    assert problem in info.value.problem
    assert "\n" not in str(info.value)


def test_cp1252_typography_is_read_as_cp1252(tmp_path: Path) -> None:
    data = b"date 2026-02-04\n\n\x93Nous n\x92irons pas\x94, a-t-il dit\x85 \x80 l\x92\xe9t\xe9."
    (tmp_path / "d.txt").write_bytes(data)
    document = read_dispatch(tmp_path / "d.txt", tmp_path).to_document()
    assert document.origin.encoding == "cp1252"
    assert document.text == "“Nous n’irons pas”, a-t-il dit… € l’été."


GUIDS = {
    "urn:newsml:afp.com:20260204:ABC123": "afp.com-20260204-ABC123",
    "urn:newsml:afp.com:20260204T1030Z:TX-PAR-ABC12": "afp.com-20260204T1030Z-TX-PAR-ABC12~",
    "http://ninjs.example.com/newsitems/20130709med123": "ninjs.example.com-newsitems-20130709med123~",
    "tag:example.com,2008:UK-NEWS": "example.com-2008-UK-NEWS~",
    "urn:newsml:a:b": "a-b",
    "a:b": "a-b~",
    "a-b": "a-b~",
    "???": "id~",
}


def test_ids_from_guids_are_readable_safe_and_distinct() -> None:
    pattern = re.compile(load_schema("document.schema.json")["properties"]["id"]["pattern"])
    ids = {guid: id_from_guid(guid, "x.xml") for guid in GUIDS}
    for guid, expected in GUIDS.items():
        made = ids[guid]
        assert made == expected if not expected.endswith("~") else made.startswith(expected)
        assert pattern.match(made) and id_from_guid(guid, "other.json") == made
    assert len(set(ids.values())) == len(ids)


def test_markup_is_flattened_to_block_paragraphs() -> None:
    html = (
        "<section><h2>Intertitre</h2><p>Un  texte\n    sur <b>deux</b>\n  lignes<br/>\n et une"
        "\u00a0autre&nbsp;!</p>hors bloc<script>alert(1)</script><p>&eacute;t&#233; &amp; &lt;</p>"
    )
    assert html_paragraphs(html) == [
        "Intertitre",
        "Un  texte sur deux lignes\net une\u00a0autre\u00a0!",
        "hors bloc",
        "été & <",
    ]


def test_convert_writes_the_wire_metadata(workspace: Path) -> None:
    shutil.copy(FIXTURES / "afp-iran-oman.newsml.xml", workspace / "depeche.xml")
    result = CliRunner().invoke(main, ["convert", "depeche.xml"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    (shard,) = (workspace / "corpus" / "data").rglob("documents/2026-02.jsonl")
    (record,) = [orjson.loads(line) for line in shard.read_bytes().splitlines()]
    assert record["id"] == ID and record["origin"]["format"] == "newsml-g2"
    assert (record["dateline"], record["agency"], record["version"], record["urgency"]) == (
        "MASCATE, 4 février 2026 (AFP)",
        "AFP",
        2,
        4,
    )


def test_convert_names_a_rejected_wire_file(workspace: Path) -> None:
    shutil.copy(BAD / "entity-bomb.xml", workspace / "bombe.xml")
    result = CliRunner().invoke(main, ["convert", "bombe.xml"], catch_exceptions=False)
    assert result.exit_code == 1
    assert "rejected: bombe.xml:3: [unsafe-xml] XML declares entity 'lol'" in result.stderr
    shutil.copy(FIXTURES / "afp-iran-oman.newsml.xml", workspace / "depeche.xml")
    result = CliRunner().invoke(main, ["convert", "depeche.xml", "--input-format", "ninjs"])
    assert result.exit_code == 1
    assert "rejected: depeche.xml:1: [json-not-well-formed]" in result.stderr
    assert "Traceback" not in result.output
