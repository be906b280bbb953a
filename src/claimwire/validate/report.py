"""Findings and the report: what `validate` returns and prints (text, JSON, GitHub annotations).

A finding is data: a stable code from the catalogue, a location (file relative to the corpus, line,
record id, field path) and a one-line message. Exceptions are kept for misuse of the API.
"""

from __future__ import annotations

import reprlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

import orjson

from claimwire.catalogue import Check, check_for


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    file: str  # relative to the corpus folder, with "/" separators; "." for the corpus itself
    line: int | None
    message: str
    record: str | None = None
    field: str | None = None

    @property
    def check(self) -> Check:
        return check_for(self.code)

    def path(self, corpus: str) -> str:
        return corpus.rstrip("/") if self.file == "." else f"{corpus.rstrip('/')}/{self.file}"

    def location(self, corpus: str) -> str:
        path = self.path(corpus)
        return path if self.line is None else f"{path}:{self.line}"

    def to_dict(self) -> dict[str, Any]:
        return {"level": self.check.level, "severity": self.check.severity, **asdict(self)}


_REPR = reprlib.Repr()  # keyword arguments only from Python 3.12
_REPR.maxstring = _REPR.maxother = 40
_REPR.maxlist = _REPR.maxdict = 4
_REPR.maxlevel = 2


def show(value: Any) -> str:
    """A short repr of a value for a message, never the whole of a 50 MB field."""
    return _REPR.repr(value)


class StopValidation(Exception):
    """Raised inside the checks when `--max-errors` is reached; `validate_corpus` catches it."""


class Collector:
    """Receives findings from the checks, keeps the selected ones, stops at the error limit."""

    def __init__(
        self,
        select: Iterable[str] = (),
        ignore: Iterable[str] = (),
        max_errors: int | None = None,
    ) -> None:
        self.select = frozenset(select)
        self.ignore = frozenset(ignore)
        self.max_errors = max_errors
        self.findings: list[Finding] = []
        self.errors = 0

    def wants(self, code: str) -> bool:
        """Whether findings of `code` are kept (lets costly checks be skipped)."""
        return code not in self.ignore and (not self.select or code in self.select)

    def add(self, code: str, file: str, line: int | None, message: str, **where: str | None):
        check = check_for(code)
        if not self.wants(code):
            return
        if where.get("record") and len(where["record"] or "") > 200:  # ids are short in sane data
            where["record"] = show(where["record"])
        self.findings.append(Finding(code, file, line, message, **where))
        if check.severity == "error":
            self.errors += 1
            if self.max_errors is not None and self.errors >= self.max_errors:
                raise StopValidation


def _escape(text: str, *, prop: bool = False) -> str:
    """GitHub workflow command escaping (data, or a property value when `prop`)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


@dataclass
class Report:
    corpus: str
    findings: list[Finding]
    stats: dict[str, int] = field(default_factory=dict)
    truncated: bool = False  # stopped early at --max-errors
    notes: list[str] = field(default_factory=list)  # checks that could not run, and why

    def __post_init__(self) -> None:
        self.findings.sort(key=lambda f: (f.file, f.line or 0))

    @property
    def valid(self) -> bool:
        return not self.truncated and not any(f.check.severity == "error" for f in self.findings)

    def counts(self) -> Counter[str]:
        return Counter(f.code for f in self.findings)

    def flatten(self, spec: tuple[str, ...] = ("file", "line", "code")) -> list[tuple[Any, ...]]:
        """The findings as tuples of the named attributes, for tests and quick comparisons."""
        return [tuple(getattr(f, name) for name in spec) for f in self.findings]

    def summary(self) -> str:
        n_err = sum(f.check.severity == "error" for f in self.findings)
        n_warn = len(self.findings) - n_err
        checked = ", ".join(
            f"{self.stats.get(k, 0)} {k}" for k in ("files", "documents", "sentences")
        )
        verdict = "valid" if self.valid else "INVALID"
        return f"{self.corpus}: {verdict}, {n_err} errors, {n_warn} warnings ({checked} checked)"

    def to_text(self) -> str:
        """UD-validator style: one line per finding, then counts per code with title and hint."""
        out = [
            f"{f.location(self.corpus)}: {f.check.severity} [L{f.check.level} {f.code}] {f.message}"
            for f in self.findings
        ]
        if out:
            out.append("")
        out.append(self.summary())
        for code, n in sorted(self.counts().items(), key=lambda kv: (-kv[1], kv[0])):
            check = check_for(code)
            hint = f"; hint: {check.hint}" if check.hint else ""
            out.append(f"  {code:<28} {n:>7}  L{check.level} {check.title}{hint}")
        if self.truncated:
            out.append("stopped at --max-errors: more problems may follow")
        out += [f"note: {note}" for note in self.notes]
        return "\n".join(out) + "\n"

    def to_json(self) -> str:
        payload = {
            "corpus": self.corpus,
            "valid": self.valid,
            "truncated": self.truncated,
            "stats": self.stats,
            "counts": dict(sorted(self.counts().items())),
            "notes": self.notes,
            "findings": [f.to_dict() for f in self.findings],
        }
        return orjson.dumps(payload, option=orjson.OPT_INDENT_2).decode() + "\n"

    def to_github(self) -> str:
        """GitHub Actions workflow commands: one annotation per finding, then the summary."""
        out = []
        for f in self.findings:
            props = [f"file={_escape(f.path(self.corpus), prop=True)}"]
            if f.line is not None:
                props.append(f"line={f.line}")
            props.append(f"title={_escape(f'L{f.check.level} {f.code}', prop=True)}")
            out.append(f"::{f.check.severity} {','.join(props)}::{_escape(f.message)}")
        out.append(self.summary())
        return "\n".join(out) + "\n"
