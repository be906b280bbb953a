"""One CLI grammar across commands (see `claimwire.cli.options`): every command's options and the
examples of its `--help` are walked, so a new command or option that breaks the grammar fails here."""

from __future__ import annotations

import shlex
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from conftest import CORPUS, SEED_CORPUS

from claimwire.cli import main
from claimwire.cli.options import CHECK_HELP, DRY_RUN_HELP, CorpusCommand
from claimwire.ingest import READERS

REPORT_FORMATS = {"text", "json", "github", "markdown"}
# The commands that write the corpus: each must take --corpus, --dry-run and --check.
WRITERS = {
    "convert",
    "fmt",
    "fix",
    "card",
    "import labelstudio",
    "release",
    "train",
    "adjudicate apply",
}


def commands(group: click.Group = main, prefix: str = "") -> Iterator[tuple[str, click.Command]]:
    context = click.Context(group)  # through the group's own listing: `main` imports lazily
    for name in sorted(group.list_commands(context)):
        command = group.get_command(context, name)
        assert command is not None
        path = f"{prefix}{name}"
        if isinstance(command, click.Group):
            yield from commands(command, f"{path} ")
        else:
            yield path, command


ALL = dict(commands())


def options(command: click.Command) -> dict[str, click.Option]:
    return {
        name: param
        for param in command.params
        if isinstance(param, click.Option)
        for name in param.opts + param.secondary_opts
    }


def examples(command: click.Command) -> list[list[str]]:
    """The `claimwire ...` lines of the help's Examples block, cut at `&&`, `>` and `#`."""
    lines, found = (command.help or "").splitlines(), []
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("Example"))
    for line in lines[start + 1 :]:
        text = line.split("#")[0].split("&&")[0].split(">")[0].strip()
        if text.startswith("claimwire "):
            found.append(shlex.split(text)[1:])
    return found


def test_the_walk_sees_every_command() -> None:
    assert set(ALL) >= {
        "convert",
        "validate",
        "fmt",
        "fix",
        "card",
        "render",
        "agree",
        "diff",
        "evaluate",
        "segment",
        "export labelstudio",
        "import labelstudio",
    }


@pytest.mark.parametrize("name", sorted(ALL))
def test_options_follow_the_grammar(name: str) -> None:
    command = ALL[name]
    opts = options(command)
    for short, long in (("-o", "--output"), ("-j", "--jobs"), ("-c", "--corpus")):
        if short in opts or long in opts:
            assert opts.get(short) is opts.get(long), f"{name}: {short} and {long} go together"
    if "--corpus" in opts:
        assert opts["--corpus"].name == "corpus_dir" and opts["--corpus"].default == Path("corpus")
    if "--format" in opts:
        assert set(opts["--format"].type.choices) <= REPORT_FORMATS, f"{name}: --format is output"
    if "--input-format" in opts:
        assert set(opts["--input-format"].type.choices) == set(READERS)
    if "--engine" in opts:
        assert list(opts["--engine"].type.choices) == ["local", "ray"]
    if "--jobs" in opts:
        assert opts["--jobs"].type.min == 1
    assert ("--dry-run" in opts) == ("--check" in opts), (
        f"{name}: --dry-run and --check go together"
    )
    if "--dry-run" in opts:
        assert opts["--dry-run"].help == DRY_RUN_HELP and opts["--check"].help == CHECK_HELP
    arguments = [p.name for p in command.params if isinstance(p, click.Argument)]
    assert not {"corpus", "corpus_dir"} & set(arguments), f"{name}: the corpus is --corpus"
    if "--corpus" in opts and not arguments:
        assert isinstance(command, CorpusCommand), f"{name}: needs the positional-corpus hint"
    if name in WRITERS:
        assert {"--corpus", "--dry-run", "--check"} <= set(opts), name


@pytest.mark.parametrize("name", sorted(ALL))
def test_every_help_example_parses(name: str) -> None:
    """Each example of `--help` names a command and options it has, with valid values; at least one
    example is of the command itself (another may prepare its input)."""
    found = examples(ALL[name])
    assert any(" ".join(words).startswith(name) for words in found), f"{name}: no example"
    for words in found:
        used = next(n for n in sorted(ALL, key=len, reverse=True) if " ".join(words).startswith(n))
        command, args = ALL[used], words[len(used.split()) :]
        # Parsed by the command's own parser (an unknown option or a missing value is a
        # UsageError), then every value converted by its option's type, paths excepted: the
        # examples name files of the reader's machine.
        parser = command.make_parser(click.Context(command, info_name=used))
        values, positionals, _ = parser.parse_args(list(args))
        arguments = [p for p in command.params if isinstance(p, click.Argument)]
        assert arguments or not positionals, f"{name}: example {words} has stray {positionals}"
        for param in command.params:
            given = values.get(param.name or "")
            if given is None or isinstance(param, click.Argument) or param.is_flag:
                continue
            if isinstance(param.type, click.Path | click.File):
                continue
            for value in given if isinstance(given, list) else [given]:
                param.type.convert(value, param, None)  # raises BadParameter on a bad value


@pytest.mark.parametrize(
    "words",
    [
        ["validate"],
        ["card"],
        ["render", "-o", "site"],
        ["export", "labelstudio", "-o", "tasks.json"],
        ["fix"],
        ["fmt"],
    ],
)
def test_a_positional_corpus_gets_a_one_line_hint(
    words: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, [*words, str(CORPUS)], prog_name="claimwire")
    assert result.exit_code == 2
    command = " ".join(words[:2] if words[0] == "export" else words[:1])
    hint = f"Error: name the corpus with --corpus: claimwire {command} --corpus {CORPUS}"
    assert result.output.strip().splitlines()[-1] == hint
    assert not (tmp_path / "site").exists() and not (tmp_path / "tasks.json").exists()


def test_the_old_input_format_option_points_to_the_new_one() -> None:
    result = CliRunner().invoke(main, ["convert", "--format", "ninjs", "--dry-run"])
    assert result.exit_code == 2
    # click lists every close option: since `--force` (issue 16) it names both.
    assert "Did you mean" in result.output and "'--input-format'" in result.output


def test_check_and_dry_run_write_nothing_and_differ_in_exit_status(tmp_path: Path) -> None:
    """The rule on a real corpus: a reformattable line makes `--check` exit 1, `--dry-run` exit 0."""
    import shutil

    corpus = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    (path,) = corpus.glob("data/*/sentences/*.jsonl")
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(b" " + lines[0] + b"".join(lines[1:]))
    before = path.read_bytes()
    runner = CliRunner()
    dry = runner.invoke(main, ["fmt", "--dry-run", "--corpus", str(corpus)])
    check = runner.invoke(main, ["fmt", "--check", "--corpus", str(corpus)])
    assert (dry.exit_code, check.exit_code) == (0, 1), (dry.output, check.output)
    assert f"{path}:1: not in canonical form" in dry.output
    assert path.read_bytes() == before
