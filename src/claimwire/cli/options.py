"""Options shared by several commands, defined once: the CLI's grammar lives here.

The grammar, held by `tests/test_cli_grammar.py`:
- the one corpus a command reads or writes is `-c/--corpus DIR` (default `corpus/`), never a
  positional argument; a folder given positionally where a corpus was meant gets a one-line hint.
  Commands that compare several corpora (`agree`, `diff`, `evaluate`) take them as arguments;
- `--format` is always the format of what the command prints (text, json, ...); the format of the
  dispatches read is `--input-format`;
- `-o/--output` is always the file or folder the command writes its result to;
- `-j/--jobs` is always a number of processes; `--engine` always where they run (local or ray);
- a command that writes the corpus has `--dry-run` (do the work, print what would change, write
  nothing) and `--check` (the same, then exit 1 if anything would change: for CI).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from claimwire.corpus.commit import CommitError
from claimwire.corpus.lock import writing

if TYPE_CHECKING:
    from claimwire.corpus.store import Corpus

DRY_RUN_HELP = "Do the work and print what would change; write nothing."
CHECK_HELP = "Write nothing; exit 1 if anything would change (for CI)."


class CorpusCommand(click.Command):
    """A command with no arguments whose corpus is `--corpus`: a positional folder gets a hint.

    The words are scanned before click checks the options, so `claimwire validate mycorpus` gets the
    hint even where the default `corpus/` does not exist.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        stray = self._positionals(args)
        if stray and not ctx.resilient_parsing:
            if Path(stray[0]).is_dir():
                raise click.UsageError(
                    f"name the corpus with --corpus: {ctx.command_path} --corpus {stray[0]}", ctx
                )
            raise click.UsageError(f"unexpected argument {stray[0]!r}", ctx)
        return super().parse_args(ctx, args)

    def _positionals(self, args: list[str]) -> list[str]:
        takes_value = {
            name
            for param in self.params
            if isinstance(param, click.Option) and not param.is_flag and not param.count
            for name in param.opts
        }
        found, words = [], iter(args)
        for word in words:
            if word == "--":
                found += list(words)
            elif word.startswith("-") and word != "-":
                if word in takes_value:
                    next(words, None)
            else:
                found.append(word)
        return found


def require_data(corpus_dir: Path) -> None:
    """A usage error for a folder with no corpus data files in it."""
    from claimwire.corpus.layout import iter_shard_files

    if not any(iter_shard_files(corpus_dir)):
        raise click.UsageError(
            f"{corpus_dir}: no data files under data/<split>/<table>/ (run: claimwire convert)"
        )


def load_corpus(corpus_dir: Path) -> Corpus:
    """The corpus read for a command, or a one-line error naming the file and line at fault."""
    from claimwire.corpus.store import CorpusError, read_corpus

    require_data(corpus_dir)
    try:
        return read_corpus(corpus_dir)
    except CorpusError as exc:
        raise click.ClickException(str(exc)) from None


def refuse_pending_write(corpus_dir: Path) -> None:
    """A one-line error for a corpus a killed write left between two versions: what a `--check` or
    `--dry-run` would read there is neither (a writer finishes the write first)."""
    from claimwire.corpus.store import CorpusError, check_no_pending_write

    try:
        check_no_pending_write(corpus_dir)
    except CorpusError as exc:
        raise click.ClickException(str(exc)) from None


def corpus_option(help: str = "Corpus folder.", must_exist: bool = False) -> Callable[[Any], Any]:
    """`-c/--corpus DIR` (default `corpus/`), passed to the command as `corpus_dir`."""
    return click.option(
        "-c",
        "--corpus",
        "corpus_dir",
        type=click.Path(exists=must_exist, file_okay=False, path_type=Path),
        default=Path("corpus"),
        show_default=True,
        help=help,
    )


def paths_in_corpus(corpus_dir: Path, paths: tuple[Path, ...]) -> None:
    """PATHS must lie inside the corpus; a folder that is itself another corpus gets the hint."""
    command = click.get_current_context().command_path
    root = corpus_dir.resolve()
    for path in paths:
        resolved = path.resolve()
        if resolved == root or root in resolved.parents:
            continue
        if (path / "data").is_dir():
            raise click.UsageError(f"name the corpus with --corpus: {command} --corpus {path}")
        raise click.UsageError(f"{path}: not inside the corpus {corpus_dir} (see --corpus)")


def input_format_option(
    help: str = "Format of the dispatches (default: detected from each file's content).",
) -> Callable[[Any], Any]:
    """`--input-format NAME` among the registered readers, passed as `input_format`."""
    from claimwire.ingest import READERS

    return click.option(
        "--input-format", "input_format", type=click.Choice(sorted(READERS)), help=help
    )


def report_format_option(choices: tuple[str, ...], help: str) -> Callable[[Any], Any]:
    """`--format NAME`: how the command prints its result, passed as `output_format`."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help=help,
    )


def output_option(
    help: str = "Write the report to this file instead of standard output.",
    required: bool = False,
    folder: bool = False,
) -> Callable[[Any], Any]:
    """`-o/--output FILE` (or a folder) the command writes its result to, passed as `output`."""
    kind = click.Path(file_okay=not folder, dir_okay=folder, path_type=Path)
    return click.option("-o", "--output", type=kind, required=required, help=help)


def emit(text: str, output: Path | None) -> None:
    """Print the report, or write it to `output` (through a temporary file) and say so. A report
    written into a corpus (`agree -o corpus/agreement.json`) takes the corpus's write lock."""
    if output is None:
        click.echo(text, nl=False)
        return
    from claimwire.corpus.store import write_files

    corpus = _corpus_holding(output)
    command = click.get_current_context().command_path.removeprefix("claimwire ")
    with locked(corpus, command) if corpus is not None else contextlib.nullcontext():
        write_files({output: text.encode("utf-8")})
    click.echo(f"{output}: written", err=True)


def _corpus_holding(path: Path) -> Path | None:
    """The corpus folder `path` lies in (a folder with `data/` and a card), if any."""
    from claimwire.corpus.layout import CARD_NAME

    return next(
        (p for p in path.resolve().parents if (p / "data").is_dir() and (p / CARD_NAME).is_file()),
        None,
    )


def preview_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """`--dry-run` and `--check`, passed as `dry_run` and `check`."""
    command = click.option("--check", is_flag=True, help=CHECK_HELP)(command)
    return click.option("--dry-run", is_flag=True, help=DRY_RUN_HELP)(command)


@contextlib.contextmanager
def locked(folder: Path, command: str, what: str = "corpus") -> Iterator[None]:
    """Hold `folder`'s write lock (see `claimwire.corpus.lock`); a one-line error when it is taken."""
    try:
        with writing(folder, command, what) as recovered:
            if recovered.finished:
                click.echo(
                    f"{folder}: finished a write that was interrupted ({recovered.finished} "
                    "file(s) put in place)",
                    err=True,
                )
            yield
    except CommitError as exc:
        raise click.ClickException(str(exc)) from None
