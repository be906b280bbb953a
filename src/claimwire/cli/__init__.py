"""The `claimwire` command line: each subcommand lives in its own module and only parses options.

Subcommands are imported when they run (click's lazy group): `claimwire validate` does not pay for
importing the converter, the review pages or Label Studio, and `claimwire convert` does not import
the validator's pandera models; a re-run of `convert` with nothing to do is mostly start-up.
"""

from __future__ import annotations

import importlib

import click

from claimwire import __version__

# name -> "module:attribute" of each subcommand (`--help` lists them sorted, as click does).
COMMANDS = {
    "convert": "claimwire.cli.convert:convert",
    "validate": "claimwire.cli.validate:validate_cmd",
    "segment": "claimwire.cli.segment:segment_cmd",
    "card": "claimwire.cli.card:card_cmd",
    "fmt": "claimwire.cli.fmt:fmt_cmd",
    "fix": "claimwire.cli.fix:fix_cmd",
    "evaluate": "claimwire.cli.evaluate:evaluate_cmd",
    "export": "claimwire.cli.labelstudio:export_group",
    "import": "claimwire.cli.labelstudio:import_group",
    "render": "claimwire.cli.render:render_cmd",
    "agree": "claimwire.cli.agree:agree_cmd",
    "diff": "claimwire.cli.diff:diff_cmd",
    "release": "claimwire.cli.release:release_cmd",
    "publish": "claimwire.cli.publish:publish_cmd",
    "train": "claimwire.cli.train:train_cmd",
    "review": "claimwire.cli.review:review_cmd",
    "adjudicate": "claimwire.cli.adjudicate:adjudicate_group",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, attribute = COMMANDS[cmd_name].split(":")
        command = getattr(importlib.import_module(module), attribute)
        assert isinstance(command, click.Command)
        return command


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="claimwire")
def main() -> None:
    """Turn French news dispatches into a validated, sentence-annotated fact-checking corpus.

    \b
    Typical loop:
      claimwire convert              # seeds/ -> corpus/ (documents, sentences, card)
      claimwire validate             # check every record of corpus/ against the contract
    """
