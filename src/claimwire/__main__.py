"""`python -m claimwire`: the `claimwire` command."""

from claimwire.cli import main

main()
