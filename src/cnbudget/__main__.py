"""`python -m cnbudget`: the same as the `cnbudget` command."""

from cnbudget.cli.main import main

main()
