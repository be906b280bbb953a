"""`corpus/agreement.json`: the report `claimwire agree --format json -o corpus/agreement.json` wrote,
kept in the corpus so that its card stays a function of the corpus folder alone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

AGREEMENT_NAME = "agreement.json"


class AgreementFileError(ValueError):
    """`corpus/agreement.json` is not a report of `claimwire agree --format json`; one-line message."""


def read_agreement_file(corpus: Path) -> dict[str, Any] | None:
    """The corpus's agreement report, or None when it has none."""
    path = corpus / AGREEMENT_NAME
    if not path.is_file():
        return None
    try:
        report = orjson.loads(path.read_bytes())
    except orjson.JSONDecodeError as exc:
        raise not_a_report(path, exc) from None
    if not isinstance(report, dict):
        raise not_a_report(path, TypeError(f"a JSON {type(report).__name__}"))
    return report


def not_a_report(path: Path, exc: Exception) -> AgreementFileError:
    return AgreementFileError(
        f"{path}: not a report of `claimwire agree --format json` ({type(exc).__name__}: {exc})"
    )
