"""Options shared by several commands, defined once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click


def corpus_option(help: str = "Corpus folder.", must_exist: bool = False) -> Callable[[Any], Any]:
    """`--corpus DIR` (default `corpus/`), passed to the command as `corpus_dir`."""
    return click.option(
        "--corpus",
        "corpus_dir",
        type=click.Path(exists=must_exist, file_okay=False, path_type=Path),
        default=Path("corpus"),
        show_default=True,
        help=help,
    )


def format_option(
    help: str = "Input format (default: detected from each file's content).",
) -> Callable[[Any], Any]:
    """`--format NAME` among the registered readers, passed as `format_`."""
    from claimwire.ingest import READERS

    return click.option("--format", "format_", type=click.Choice(sorted(READERS)), help=help)
