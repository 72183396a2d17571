"""The command line: the only place where errors become exit codes."""

from locpipe.cli.main import main

__all__ = ["main"]
