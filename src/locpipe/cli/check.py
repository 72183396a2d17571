"""The `locpipe check` command."""

from __future__ import annotations

import difflib
import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

import click

from locpipe.checks.baseline import baseline_text, compare, read_baseline
from locpipe.checks.fix import CatalogueFix
from locpipe.checks.report import REPORTERS, in_workspace
from locpipe.checks.rules import BY_KEY, RULES
from locpipe.checks.runner import CheckResult, fix_checks, run_checks
from locpipe.checks.settings import CheckSettings, load_settings
from locpipe.cli.options import config_option, pass_config
from locpipe.config import Config
from locpipe.errors import LocpipeError
from locpipe.jobs.files import write_text_atomic
from locpipe.jobs.work import write_catalogue
from locpipe.po.reader import read_catalogue
from locpipe.po.writer import write_po_text


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
@click.option("--baseline", type=click.Path(path_type=Path), default=None, metavar="FILE",
              help="Count only findings that are not in FILE; list FILE's resolved ones.")
@click.option("--baseline-write", is_flag=True,
              help="Record today's findings in the --baseline FILE, then exit 0.")
@click.option("--fix", is_flag=True,
              help="Apply the mechanical typography fixes to the .po files, then check.")
@click.option("--diff", is_flag=True,
              help="Show the typography fixes as a diff without writing; exit 1 if any.")
@config_option
@click.option("--list-rules", is_flag=True,
              help="Print the rules and their severities, then exit.")
@pass_config
@click.pass_context
def check(ctx: click.Context, config: Config, paths: tuple[Path, ...], locale: str | None,
          select: list[str], ignore: list[str], output_format: str, baseline: Path | None,
          baseline_write: bool, fix: bool, diff: bool, list_rules: bool) -> None:
    """Check catalogues and articles: glossary, markup, security, typography, completeness.

    PATHS may name .po files, .md files or folders; by default every catalogue of
    the configured locales and every article under the content folder. Exit code
    0 without error-level findings, 1 with some, 2 for a usage or input error.

    \b
    Silence one rule on one entry with a translator comment:
        # locpipe-ignore: CODE
    The rules are explained in docs/rules.md.

    \b
    Adopting the checker on existing work:
        locpipe check --baseline check-baseline.json --baseline-write
        locpipe check --baseline check-baseline.json
    """
    if list_rules:
        settings = load_settings(config, {key: rule.code for key, rule in BY_KEY.items()})
        for line in _rule_list(settings, output_format):
            click.echo(line)
        return
    if baseline_write and baseline is None:
        raise click.UsageError("--baseline-write needs --baseline FILE")
    if fix or diff:
        fixes = fix_checks(config, paths, locale=locale, select=select or None, ignore=ignore)
        if diff:
            ctx.exit(_show_diff(fixes, config))
        _write_fixes(fixes, config, to_stderr=output_format != "text")
    result = run_checks(config, paths, locale=locale, select=select or None, ignore=ignore)
    if baseline_write:
        assert baseline is not None
        write_text_atomic(baseline, baseline_text(result.findings))
        click.echo(f"Wrote {len(result.findings)} findings to the baseline {baseline}.")
        return
    if baseline is not None:
        result = result.against(compare(result.findings, read_baseline(baseline)))
    if output_format == "github":  # the annotations' files are the repository's
        workspace = os.environ.get("GITHUB_WORKSPACE") or os.getcwd()
        result = in_workspace(result, config.root, Path(workspace))
    _report(result, output_format)
    ctx.exit(1 if result.errors else 0)


def _report(result: CheckResult, output_format: str) -> None:
    for line in REPORTERS[output_format](result):
        click.echo(line)


def _fixed_text(fix: CatalogueFix, config: Config) -> str:
    return write_po_text(fix.po, config.wrap)


def _show_diff(fixes: Sequence[CatalogueFix], config: Config) -> int:
    """Print what --fix would write, as a unified diff; 1 when there is something to fix."""
    for fix in fixes:
        path = fix.catalogue.path
        before = path.read_text(encoding="utf-8").splitlines(keepends=True)
        after = _fixed_text(fix, config).splitlines(keepends=True)
        shown = fix.catalogue.shown
        click.echo("".join(difflib.unified_diff(before, after, f"a/{shown}", f"b/{shown}")),
                   nl=False)
    entries = sum(len(f.changes) for f in fixes)
    click.echo(f"Would fix {entries} entries in {len(fixes)} files.")
    return 1 if fixes else 0


def _write_fixes(fixes: Sequence[CatalogueFix], config: Config, to_stderr: bool) -> None:
    """Write the fixed catalogues as `update` does; a file the strict reader refuses is not
    rewritten (its error ends the run with nothing written). What changed goes to stderr
    when stdout carries JSON or annotations."""
    for fix in fixes:
        read_catalogue(fix.catalogue.path, fix.catalogue.locale)  # LocpipeError if malformed
    for fix in fixes:
        try:
            write_catalogue(fix.po, fix.catalogue.path, config.wrap)
        except OSError as exc:  # pragma: no cover - write_catalogue raises LocpipeError
            raise LocpipeError(f"cannot write: {exc}", fix.catalogue.path) from None
        for change in fix.changes:
            click.echo(f"{fix.catalogue.shown}:{change.line}: fixed {', '.join(change.codes)}",
                       err=to_stderr)
    entries = sum(len(f.changes) for f in fixes)
    click.echo(f"Fixed {entries} entries in {len(fixes)} files.", err=to_stderr)


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
