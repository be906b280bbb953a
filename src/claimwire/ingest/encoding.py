"""Decoding of input bytes to text, shared by the readers; the encoding used goes to `origin.encoding`.

The rule: a byte-order mark decides (UTF-8 -> `utf-8-sig`, UTF-16 -> `utf-16`, UTF-32 -> `utf-32`). Without
one, the bytes must be UTF-8 (`utf-8`); or, when NUL bytes fill every other position, UTF-16 (`utf-16-le`,
`utf-16-be`); or else Windows-1252 (`cp1252`, which reads printable Latin-1 the same). Those two guesses
stand only if the result is plausible French text: no control characters besides tab, newline, carriage
return and form feed, at least 60% letters among the visible characters other than digits, at most a
third non-ASCII characters, and no UTF-8 sequence read as cp1252 (`Ã©`: mixed encodings); and the
bytes must hold no sequence shaped like UTF-8 (a broken UTF-8 file is not a cp1252 one). In any
encoding, a NUL byte or another control character (C0 or C1) makes the input "binary" or "not text".
XML follows its own declaration instead (`decode_xml`).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from claimwire.ingest import ReadError

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE, whose mark is its prefix
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
NUL = b"\x00"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# cp1252 characters of the bytes 0x80-0xBF, which are UTF-8 continuation bytes: `Ã` or `Â` or `â€` before
# one of them is a UTF-8 letter, space or quotation mark read byte by byte.
_CONTINUATION = "".join(bytes([b]).decode("cp1252", "ignore") for b in range(0x80, 0xC0))
_MOJIBAKE = re.compile(f"[ÂÃ][{re.escape(_CONTINUATION)}]|â€[{re.escape(_CONTINUATION)}]")
# A lead byte followed by as many continuation bytes as it announces: the shape of a UTF-8 sequence.
# In cp1252 French it would be an accented capital (or `à`-`ï`) glued to one or more of `€`-`¿`,
# which French text does not write; in a file that is not valid UTF-8 it means broken UTF-8 (an
# encoded surrogate, `ED A0 80`, read as cp1252 gives `í\xa0€`), not a cp1252 file.
_UTF8_SHAPED = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_XML_DECLARATION = re.compile(r"<\?xml[^>]*?\sencoding\s*=\s*[\"']([A-Za-z][\w.:-]*)[\"']")


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str


def bom_encoding(raw: bytes) -> str | None:
    return next((name for bom, name in BOMS if raw.startswith(bom)), None)


def utf16_without_bom(raw: bytes) -> str | None:
    """`utf-16-le`/`-be` if NULs fill a third of one parity and (nearly) none of the other."""
    if len(raw) < 4 or len(raw) % 2:
        return None
    half = len(raw) // 2
    even, odd = raw[0::2].count(0), raw[1::2].count(0)
    if odd >= half / 3 and even <= half / 100:
        return "utf-16-le"
    if even >= half / 3 and odd <= half / 100:
        return "utf-16-be"
    return None


def sniff(raw: bytes, size: int = 4096) -> str:
    """The start of the input as text, leniently decoded, without BOM or leading space: for detectors."""
    head = raw[:size]
    encoding = bom_encoding(raw) or utf16_without_bom(head[: len(head) // 2 * 2]) or "utf-8"
    return head.decode(encoding, errors="replace").lstrip("\ufeff \t\r\n")


def decode_text(raw: bytes, path: str) -> Decoded:
    """Text of a plain or JSON input by the rule of this module, or a one-line `ReadError`."""
    encoding = bom_encoding(raw) or utf16_without_bom(raw)
    if encoding:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError as exc:
            raise ReadError(
                "undecodable", path, f"not {encoding} (invalid bytes at offset {exc.start})"
            ) from None
        # Without a mark, UTF-16 is a guess from NUL bytes, to be confirmed like cp1252.
        reason = None if encoding == bom_encoding(raw) else implausible(text)
        if reason:
            raise ReadError(
                "binary-input", path, f"binary file (NUL bytes, and as {encoding}: {reason})"
            )
        return _checked(text, encoding, path)
    if NUL in raw:
        raise ReadError("binary-input", path, f"binary file (NUL byte at offset {raw.index(NUL)})")
    try:
        return _checked(raw.decode("utf-8"), "utf-8", path)
    except UnicodeDecodeError as exc:
        return _legacy(raw, exc, path)


def _checked(text: str, encoding: str, path: str) -> Decoded:
    control = _CONTROL.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        code = ord(control.group())
        raise ReadError(
            "binary-input", path, f"not text (control character U+{code:04X} in {encoding})", line
        )
    return Decoded(text.removeprefix("\ufeff"), encoding)


def _legacy(raw: bytes, error: UnicodeDecodeError, path: str) -> Decoded:
    """cp1252 if plausible French text, else the UTF-8 error with the reason cp1252 was refused."""
    shaped = _UTF8_SHAPED.search(raw)
    reason: str | None
    if shaped:
        where = f"bytes {shaped.group().hex(' ').upper()} at offset {shaped.start()}"
        reason = (
            f"{where} are UTF-8: mixed encodings"
            if _is_utf8(shaped.group())
            else f"{where} are UTF-8 in form but invalid: broken UTF-8"
        )
    else:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError as exc:
            reason = f"byte 0x{raw[exc.start]:02x} is a control character"
        else:
            reason = implausible(text)
    if reason is None:
        return Decoded(text, "cp1252")
    where = f"invalid byte 0x{raw[error.start]:02x} at offset {error.start}"
    line = raw.count(b"\n", 0, error.start) + 1
    raise ReadError(
        "undecodable", path, f"not UTF-8 ({where}), nor plausible cp1252 text ({reason})", line
    )


def implausible(text: str) -> str | None:
    """Why `text`, decoded from a legacy 8-bit encoding, is not plausible French text (None if it is)."""
    control = _CONTROL.search(text)
    if control:
        return f"control character U+{ord(control.group()):04X}"
    mojibake = _MOJIBAKE.search(text)
    if mojibake:
        return f"UTF-8 sequence read as {mojibake.group()!r}: mixed encodings"
    signs = [c for c in text if not c.isspace() and not c.isdigit()]
    letters = sum(c.isalpha() for c in signs)
    if not signs or letters < 0.6 * len(signs):
        return f"{letters} letters in {len(signs)} visible characters other than digits"
    foreign = sum(not c.isascii() for c in text)
    if foreign > len(text) / 3:
        return f"{foreign} non-ASCII characters in {len(text)}"
    return None


def decode_xml(raw: bytes, path: str) -> Decoded:
    """Check that XML bytes are in the encoding they claim: byte-order mark, declaration, else UTF-8."""
    bom = bom_encoding(raw)
    declared = _XML_DECLARATION.match(sniff(raw, 512))
    name = declared.group(1) if declared else None
    try:
        codec = codecs.lookup(name).name if name else None
    except LookupError:
        raise ReadError(
            "encoding-mismatch", path, f"unknown encoding {name!r} in the XML declaration", 1
        ) from None
    if bom and codec and _family(codec) != _family(bom):
        raise ReadError(
            "encoding-mismatch",
            path,
            f"XML declares encoding {name!r} but starts with a {bom} byte-order mark",
            1,
        )
    if bom:
        encoding, claim = bom, f"{bom} as its byte-order mark says"
    elif codec:
        # `utf-16` without a mark: the byte order is found from the NULs (Python would assume LE).
        encoding = (codec == "utf-16" and utf16_without_bom(raw)) or codec
        claim = f"{name} as declared"
    else:
        encoding, claim = "utf-8", "UTF-8 (XML without a declared encoding)"
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        where = f"invalid byte 0x{raw[exc.start]:02x} at offset {exc.start}"
        raise ReadError(
            "encoding-mismatch", path, f"bytes are not {claim} ({where})", line
        ) from None
    if not encoding.startswith("utf") and not raw.isascii() and _is_utf8(raw):
        offset = next(i for i, b in enumerate(raw) if b > 0x7F)
        line = raw.count(b"\n", 0, offset) + 1
        raise ReadError(
            "encoding-mismatch",
            path,
            f"XML declares encoding {name!r} but its bytes are UTF-8",
            line,
        )
    return Decoded(text.removeprefix("\ufeff"), encoding)


def _family(encoding: str) -> str:
    return "-".join(encoding.split("-")[:2])


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
