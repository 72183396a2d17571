"""The `locpipe` group: one `--config`, one session, and the commands it lists."""

from __future__ import annotations

import click

from locpipe.cli.build import build
from locpipe.cli.extract import extract
from locpipe.cli.group import LocpipeGroup
from locpipe.cli.options import config_option
from locpipe.cli.update import update

# Commands defined in modules of their own, imported only when called, so that
# a quick run (a no-op build in CI) or `--help` does not pay for the checks' imports.
LAZY_COMMANDS = {
    "analyze": "locpipe.cli.analyze:analyze",
    "check": "locpipe.cli.check:check",
    "glossary": "locpipe.cli.glossary:glossary",
    "memory": "locpipe.cli.memory:memory",
    "prune": "locpipe.cli.prune:prune",
    "report": "locpipe.cli.report:report",
    "status": "locpipe.cli.status:status",
}


@click.group(cls=LocpipeGroup, lazy=LAZY_COMMANDS,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="locpipe")
@config_option
def main() -> None:
    """Localise Markdown articles through gettext catalogues.

    extract writes templates (.pot), update merges them into each locale's .po,
    build splices the translations into the source and writes the editions.
    """


main.add_command(extract)
main.add_command(update)
main.add_command(build)
