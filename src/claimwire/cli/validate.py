"""`claimwire validate`: check a corpus against the data contract; only parses options."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click
from tqdm import tqdm

from claimwire.catalogue import BY_CODE, render_markdown
from claimwire.cli.options import (
    CorpusCommand,
    corpus_option,
    emit,
    output_option,
    report_format_option,
)
from claimwire.engines import available_cores
from claimwire.validate import validate_corpus
from claimwire.validate.tables import ENGINES

FORMATS = ("text", "json", "github")


def _codes(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    codes = tuple(c.strip() for value in values for c in value.split(",") if c.strip())
    unknown = [c for c in codes if c not in BY_CODE]
    if unknown:
        raise click.BadParameter(
            f"unknown code(s) {', '.join(unknown)} (see: claimwire validate --list-codes)"
        )
    return codes


def _progress_bar(shards: int) -> Callable[[], None]:
    """A bar over the shards on stderr, shown only on a terminal (never in a log or a pipe)."""
    bar = tqdm(
        total=shards, desc="validating", unit="shard", file=sys.stderr, disable=None, leave=False
    )

    def step() -> None:
        bar.update()
        if bar.n >= shards:
            bar.close()

    return step


def _list_codes(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(render_markdown(), nl=False)
        ctx.exit(0)


@click.command("validate", cls=CorpusCommand)
@corpus_option("Corpus folder to check.")
@report_format_option(
    FORMATS,
    "text (file:line: severity [level code] message), json, or github (workflow annotations).",
)
@output_option()
@click.option(
    "--level",
    type=click.IntRange(1, 4),
    default=4,
    show_default=True,
    help="Run checks up to this level: 1 files, 2 schema, 3 record semantics, 4 corpus.",
)
@click.option(
    "--select",
    multiple=True,
    metavar="CODE",
    callback=_codes,
    help="Report only these codes (repeatable, or comma-separated).",
)
@click.option(
    "--ignore",
    multiple=True,
    metavar="CODE",
    callback=_codes,
    help="Do not report these codes (repeatable, or comma-separated).",
)
@click.option(
    "--max-errors",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Stop after N errors.",
)
@click.option(
    "--table-checks",
    "engine",
    type=click.Choice(ENGINES),
    default=ENGINES[0],
    show_default=True,
    help="How the pandera models' table checks run: their vectorized functions called directly,"
    " or pandera's own validation (slower, same findings).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=available_cores,
    show_default="all cores",
    metavar="N",
    help="Check the shards in N processes (the same findings, in the same order).",
)
@click.option(
    "--list-codes",
    is_flag=True,
    is_eager=True,
    expose_value=False,
    callback=_list_codes,
    help="Print the catalogue of checks (Markdown) and exit.",
)
def validate_cmd(
    corpus_dir: Path,
    output_format: str,
    output: Path | None,
    level: int,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    max_errors: int | None,
    engine: str,
    jobs: int,
) -> None:
    """Check the corpus (default: corpus/) against the data contract; report every problem.

    Writes nothing but the report. Exit status: 0 valid, 1 invalid, 2 usage error.

    \b
    Examples:
      claimwire validate
      claimwire validate --format github                  # in CI
      claimwire validate --level 2 --ignore not-canonical --corpus ann1/corpus
      claimwire validate --jobs 4 --format json -o report.json
      claimwire validate --jobs 1                         # one process (default: all cores)
    """
    if not corpus_dir.is_dir():
        raise click.UsageError(f"{corpus_dir}: no such corpus folder (see --corpus)")
    report = validate_corpus(
        corpus_dir,
        level=level,
        select=select,
        ignore=ignore,
        max_errors=max_errors,
        engine=engine,
        jobs=jobs,
        progress=_progress_bar,
    )
    render = {"text": report.to_text, "json": report.to_json, "github": report.to_github}
    emit(render[output_format](), output)
    raise SystemExit(0 if report.valid else 1)
