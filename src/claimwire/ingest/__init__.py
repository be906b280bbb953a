"""Readers of dispatches, one module per input format, in a registry keyed by format name.

A reader turns the raw bytes of one input file into a `Dispatch`; it raises `ReadError` with a one-line
reason for anything it cannot read. `read_dispatch` detects the format unless one is named.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from claimwire.catalogue import Problem
from claimwire.records import Document, Origin


class ReadError(Exception):
    """An input that cannot be converted, as data: its catalogued `code` (`claimwire.catalogue`,
    level 0), file, line and one-line problem; `str()` is the line shown to the user."""

    def __init__(
        self, code: str, path: str | os.PathLike[str], problem: str, line: int | None = None
    ):
        self.finding = Problem(code, str(path), line, problem)
        self.code, self.path, self.problem, self.line = code, str(path), problem, line
        super().__init__(str(self.finding))


@dataclass(slots=True)
class Dispatch:
    """One dispatch as a reader gives it: metadata and the body's paragraphs, before segmentation."""

    id: str
    date: str
    language: str
    title: str | None
    paragraphs: list[str]
    origin: Origin
    dateline: str | None = None
    agency: str | None = None
    version: int | None = None
    urgency: int | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def to_document(self) -> Document:
        """NFC text with paragraphs joined by exactly two newlines, as the contract stores it."""
        parts = [unicodedata.normalize("NFC", p) for p in self.paragraphs]
        offsets, pos = [], 0
        for part in parts:
            offsets.append((pos, pos + len(part)))
            pos += len(part) + 2
        return Document(
            id=self.id,
            date=self.date,
            language=self.language,
            title=_nfc(self.title),
            text="\n\n".join(parts),
            paragraphs=offsets,
            origin=self.origin,
            dateline=_nfc(self.dateline),
            agency=_nfc(self.agency),
            version=self.version,
            urgency=self.urgency,
        )


def _nfc(value: str | None) -> str | None:
    return unicodedata.normalize("NFC", value) if value is not None else None


@dataclass(frozen=True, slots=True)
class Reader:
    name: str
    read: Callable[[bytes, Origin], Dispatch]
    detect: Callable[[bytes, str], bool]
    suffixes: tuple[str, ...]


READERS: dict[str, Reader] = {}


def register(reader: Reader) -> Reader:
    if reader.name in READERS:
        raise ValueError(f"a reader named {reader.name!r} is already registered")
    READERS[reader.name] = reader
    return reader


def detect_format(raw: bytes, path: str) -> str:
    """The first registered reader that recognises the content (readers are tried in order)."""
    for reader in READERS.values():
        if reader.detect(raw, path):
            return reader.name
    raise ReadError(
        "unknown-format",
        path,
        f"unknown format (known: {', '.join(READERS)}); name one with --format",
    )


def origin_path(path: Path, root: Path) -> str:
    """The input's path relative to `root` (the repository), POSIX separators, for `origin.path`."""
    return Path(os.path.relpath(path.resolve(), root.resolve())).as_posix()


# spaCy's `nlp.max_length`, which the annotator keeps: a longer text would fail there (E088), after
# the parser had taken memory in proportion. A dispatch is far shorter; such an input is refused
# when it is read, as is a file too large to hold that much text in any format (checked before it
# is read, so a 200 MB line costs nothing).
MAX_TEXT_CHARS = 1_000_000
MAX_INPUT_BYTES = 16 * MAX_TEXT_CHARS
# No control character besides tab, newline, form feed and carriage return, and no lone surrogate, may reach a
# record: formats that can escape them (JSON `\u0007`, `\udc80`) are checked after parsing.
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def forbidden_character(value: str) -> str | None:
    """`U+XXXX (what)` for the first control character or lone surrogate in `value`, else None."""
    found = _FORBIDDEN.search(value)
    if found is None:
        return None
    code = ord(found.group())
    what = "lone surrogate" if 0xD800 <= code <= 0xDFFF else "control character"
    return f"{what} U+{code:04X}"


def _check_dispatch(dispatch: Dispatch, path: str) -> Dispatch:
    """Refuse a dispatch whose text could not be annotated or stored (see `MAX_TEXT_CHARS`)."""
    length = sum(len(p) for p in dispatch.paragraphs) + 2 * (len(dispatch.paragraphs) - 1)
    if length > MAX_TEXT_CHARS:
        raise ReadError(
            "input-too-large",
            path,
            f"text of {length:,} characters, more than the {MAX_TEXT_CHARS:,} allowed",
        )
    fields = {"title": dispatch.title, "dateline": dispatch.dateline, "agency": dispatch.agency}
    fields |= {f"paragraph {i + 1}": p for i, p in enumerate(dispatch.paragraphs)}
    for name, value in fields.items():
        problem = forbidden_character(value) if value else None
        if problem:
            raise ReadError("forbidden-character", path, f"{problem} in the {name}")
    return dispatch


def read_dispatch(path: Path, root: Path, format: str | None = None) -> Dispatch:
    """Read one input file with the named reader, or the one whose detector accepts it."""
    shown = origin_path(path, root)
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise ReadError(
                "input-too-large",
                shown,
                f"file of {size:,} bytes, more than the {MAX_INPUT_BYTES:,} allowed",
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise ReadError(
            "unreadable-input", path, f"cannot read file: {exc.strerror or exc}"
        ) from None
    if not raw.strip():
        raise ReadError("empty-input", shown, "empty file")
    name = format or detect_format(raw, shown)
    if name not in READERS:
        raise ReadError(
            "unknown-format", shown, f"unknown format {name!r} (known: {', '.join(READERS)})"
        )
    origin = Origin(path=shown, format=name, sha256=hashlib.sha256(raw).hexdigest())
    return _check_dispatch(READERS[name].read(raw, origin), shown)


def iter_input_files(inputs: list[Path], refused: list[ReadError] | None = None) -> Iterator[Path]:
    """Files named, and files under folders named (sorted, hidden ones skipped), each once.

    A symbolic link inside a folder is not followed (it could bring in any file of the machine): it
    is added to `refused`, for the summary. A link named on the command line is followed.
    """
    seen: set[Path] = set()
    for item in inputs:
        candidates = [item]
        if item.is_dir():
            candidates = []
            for dirpath, dirnames, filenames in os.walk(item):  # does not follow links
                folder = Path(dirpath)
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                visible = [folder / n for n in [*dirnames, *filenames] if not n.startswith(".")]
                links = {p for p in visible if p.is_symlink()}
                files = set(filenames)
                if refused is not None:
                    refused += [
                        ReadError(
                            "linked-input", p, "symbolic link in an input folder: not followed"
                        )
                        for p in sorted(links)
                    ]
                dirnames[:] = [d for d in dirnames if folder / d not in links]
                candidates += [
                    p for p in visible if p.name in files and p not in links and p.is_file()
                ]
            candidates.sort()
        for path in candidates:
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                yield path


_ID_UNSAFE = re.compile(r"[^A-Za-z0-9._~-]+")


def id_from_filename(path: str) -> str:
    """Document id from the input's file name (stem), made safe for `<doc_id>:<index>` ids."""
    stem = Path(path).name.split(".")[0]
    safe = _ID_UNSAFE.sub("-", stem).strip("-.")
    if not safe:
        raise ReadError("no-id", path, "cannot derive a document id from the file name")
    return safe


# A guid `urn:newsml:<rest>` whose rest has only letters, digits, `.`, `_` and `:` maps to the rest with
# colons as hyphens (`urn:newsml:afp.com:20260204:ABC123` -> `afp.com-20260204-ABC123`): reversible, so
# distinct guids give distinct ids. Any other guid or uri maps to a readable part (scheme dropped, unsafe
# runs as `-`, at most 80 characters) plus `~` and 10 hex digits of the guid's SHA-256, since the readable
# part alone may be shared (`a:b` and `a-b`); ids of the first kind never contain `~`.
_NEWSML_URN = re.compile(r"urn:newsml:([A-Za-z0-9][A-Za-z0-9._:]*)")
_SCHEME = re.compile(r"urn:(?:newsml:)?|tag:|https?://", re.IGNORECASE)


def id_from_guid(guid: str, path: str) -> str:
    """Document id from the dispatch's own guid or uri, deterministic, readable and collision-resistant."""
    guid = guid.strip()
    if not guid:
        raise ReadError("no-id", path, "empty guid: cannot derive a document id")
    urn = _NEWSML_URN.fullmatch(guid)
    if urn:
        return urn.group(1).replace(":", "-")
    scheme = _SCHEME.match(guid)
    readable = _ID_UNSAFE.sub("-", guid[scheme.end() :] if scheme else guid)[:80].strip("-._~")
    digest = hashlib.sha256(guid.encode("utf-8")).hexdigest()[:10]
    return f"{readable or 'id'}~{digest}"


# Register the built-in readers (import order is detection order: most specific first).
from claimwire.ingest import newsml, ninjs, plain  # noqa: E402,F401
