"""The `locpipe check` command."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import click

from locpipe.checks.report import REPORTERS
from locpipe.checks.rules import BY_KEY, RULES
from locpipe.checks.runner import run_checks
from locpipe.checks.settings import CheckSettings, load_settings
from locpipe.cli.options import config_option, pass_config
from locpipe.config import Config


def _codes(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> list[str]:
    """`--select T001,T002 --select G` -> ["T001", "T002", "G"]."""
    return [code.strip() for value in values for code in value.split(",") if code.strip()]


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--locale", default=None, help="Check only this locale's catalogues.")
@click.option("--select", multiple=True, callback=_codes, metavar="CODES",
              help="Run only these rules: codes, names or prefixes (T, G00), comma-separated.")
@click.option("--ignore", multiple=True, callback=_codes, metavar="CODES",
              help="Do not run these rules.")
@click.option("--format", "output_format", type=click.Choice(sorted(REPORTERS)),
              default="text", show_default=True, help="How findings are printed.")
@config_option
@click.option("--list-rules", is_flag=True,
              help="Print the rules and their severities, then exit.")
@pass_config
@click.pass_context
def check(ctx: click.Context, config: Config, paths: tuple[Path, ...], locale: str | None,
          select: list[str], ignore: list[str], output_format: str, list_rules: bool) -> None:
    """Check catalogues and articles: glossary, markup, security, typography, completeness.

    PATHS may name .po files, .md files or folders; by default every catalogue of
    the configured locales and every article under the content folder. Exit code
    0 without error-level findings, 1 with some, 2 for a usage or input error.

    \b
    Silence one rule on one entry with a translator comment:
        # locpipe-ignore: CODE
    The rules are explained in docs/rules.md.
    """
    if list_rules:
        settings = load_settings(config, {key: rule.code for key, rule in BY_KEY.items()})
        for line in _rule_list(settings, output_format):
            click.echo(line)
        return
    result = run_checks(config, paths, locale=locale, select=select or None, ignore=ignore)
    for line in REPORTERS[output_format](result):
        click.echo(line)
    ctx.exit(1 if result.errors else 0)


def _rule_list(settings: CheckSettings, output_format: str) -> Iterator[str]:
    """The table, with each rule's severity as the project sets it (`off` if disabled)."""
    disabled = settings.disabled()
    rows = [(r.code, r.name, "off" if r.code in disabled else
             settings.severity.get(r.code, r.severity), r.summary) for r in RULES]
    if output_format == "json":
        keys = ("code", "name", "severity", "summary")
        table = [dict(zip(keys, row, strict=True)) for row in rows]
        yield json.dumps(table, ensure_ascii=False, indent=2)
        return
    width = max(len(name) for _, name, _, _ in rows)
    for code, name, severity, summary in rows:
        yield f"{code}  {name:<{width}}  {severity:<7}  {summary}"
