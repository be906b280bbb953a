"""The `claimwire` command line: each subcommand lives in its own module and only parses options."""

from __future__ import annotations

import click

from claimwire import __version__
from claimwire.cli.agree import agree_cmd
from claimwire.cli.card import card_cmd
from claimwire.cli.convert import convert
from claimwire.cli.diff import diff_cmd
from claimwire.cli.evaluate import evaluate_cmd
from claimwire.cli.fix import fix_cmd
from claimwire.cli.fmt import fmt_cmd
from claimwire.cli.labelstudio import export_group, import_group
from claimwire.cli.publish import publish_cmd
from claimwire.cli.release import release_cmd
from claimwire.cli.render import render_cmd
from claimwire.cli.segment import segment_cmd
from claimwire.cli.validate import validate_cmd


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="claimwire")
def main() -> None:
    """Turn French news dispatches into a validated, sentence-annotated fact-checking corpus.

    \b
    Typical loop:
      claimwire convert              # seeds/ -> corpus/ (documents, sentences, card)
      claimwire validate             # check every record of corpus/ against the contract
    """


main.add_command(convert)
main.add_command(validate_cmd)
main.add_command(segment_cmd)
main.add_command(card_cmd)
main.add_command(fmt_cmd)
main.add_command(fix_cmd)
main.add_command(evaluate_cmd)
main.add_command(export_group)
main.add_command(import_group)
main.add_command(render_cmd)
main.add_command(agree_cmd)
main.add_command(diff_cmd)
main.add_command(release_cmd)
main.add_command(publish_cmd)
