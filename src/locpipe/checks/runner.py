"""Find the files, run the selected rules, and turn their reports into findings."""

from __future__ import annotations

import difflib
import gc
import os
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from locpipe.checks import markdown
from locpipe.checks.baseline import Comparison, Known
from locpipe.checks.finding import ERROR, WARNING, Finding
from locpipe.checks.fix import CatalogueFix, fix_project
from locpipe.checks.markdown import References, document_references
from locpipe.checks.model import Project, SourceFile, read_catalogue, shown_path
from locpipe.checks.rules import BY_KEY, RULES, Rule
from locpipe.checks.settings import CheckSettings, load_settings
from locpipe.config import Config
from locpipe.errors import LocpipeError
from locpipe.glossary.terms import load_glossary
from locpipe.markdown.dialects import Dialect, dialect_of
from locpipe.markdown.safety import facts
from locpipe.markdown.segment import decode


@dataclass
class CheckResult:
    """What one run found, and over how many files."""

    findings: list[Finding]
    """Sorted by path, line, column and code."""
    files: int
    """How many `.po` and `.md` files were read."""
    profiles: dict[str, str] = field(default_factory=dict)
    """Locale -> the typography profile its catalogues were checked with."""
    known: int | None = None
    """With a baseline: how many findings it has (left out of `findings`)."""
    resolved: list[Known] = field(default_factory=list)
    """With a baseline: its entries that no longer occur."""

    def against(self, comparison: Comparison) -> CheckResult:
        """This result with only the findings a baseline does not have."""
        return CheckResult(comparison.new, self.files, self.profiles, comparison.known,
                           comparison.resolved)

    def count(self, severity: str) -> int:
        return sum(f.severity == severity for f in self.findings)

    @property
    def errors(self) -> int:
        return self.count(ERROR)

    @property
    def warnings(self) -> int:
        return self.count(WARNING)


def run_checks(config: Config, paths: Sequence[Path] = (), *, locale: str | None = None,
               select: Collection[str] | None = None, ignore: Collection[str] = ()
               ) -> CheckResult:
    """Check `paths` (default: the project's catalogues and source articles)."""
    settings = load_settings(config, {key: rule.code for key, rule in BY_KEY.items()})
    rules = selected_rules(settings, select, ignore)
    project = load_project(config, settings, paths, locale)
    findings = check_project(project, rules)
    result = CheckResult(findings, len(project.catalogues) + len(project.sources),
                         profiles(project, rules))
    del project
    _release_texts()
    return result


def _release_texts() -> None:
    """Free what the run read before the caller goes on (`report` renders its pages
    after the run): the parse caches keep the texts they were given and what they made
    of them, and a catalogue and its entries refer to each other, so only the cycle
    collector frees them, which counts objects, not bytes: a catalogue of a few long
    entries would stay in memory to the end."""
    markdown.forget_parses()
    facts.cache_clear()
    gc.collect()


def fix_checks(config: Config, paths: Sequence[Path] = (), *, locale: str | None = None,
               select: Collection[str] | None = None, ignore: Collection[str] = ()
               ) -> list[CatalogueFix]:
    """The typography fixes of the selected T rules, applied to the catalogues in memory."""
    settings = load_settings(config, {key: rule.code for key, rule in BY_KEY.items()})
    codes = {rule.code for rule in selected_rules(settings, select, ignore)}
    project = load_project(config, settings, paths, locale)
    return fix_project(project, codes)


def profiles(project: Project, rules: Sequence[Rule]) -> dict[str, str]:
    """The typography profile of each checked locale that has one, when T rules ran."""
    if not any(rule.code.startswith("T") for rule in rules):
        return {}
    found: dict[str, str] = {}
    for catalogue in project.catalogues:
        profile = project.settings.profile(catalogue.locale)
        if catalogue.locale and profile is not None:
            found[catalogue.locale] = profile.label
    return dict(sorted(found.items()))


def resolve_codes(tokens: Iterable[str]) -> set[str]:
    """Codes for rule codes, names or code prefixes (`T`, `G00`); LocpipeError if unknown."""
    codes: set[str] = set()
    for token in (t.strip() for t in tokens):
        found = {r.code for r in RULES if r.code.startswith(token.upper()) or r.name == token}
        if not token or not found:
            close = difflib.get_close_matches(token, list(BY_KEY), n=1)
            hint = f"did you mean {close[0]!r}?" if close else "see --list-rules"
            raise LocpipeError(f"unknown rule {token!r}", hint=hint)
        codes |= found
    return codes


def selected_rules(settings: CheckSettings, select: Collection[str] | None,
                   ignore: Collection[str]) -> list[Rule]:
    """Rules to run: `select` (default all) without `ignore` and the configured `off`s."""
    chosen = resolve_codes(select) if select else {r.code for r in RULES}
    dropped = resolve_codes(ignore) | settings.disabled()
    return [r for r in RULES if r.code in chosen and r.code not in dropped]


def check_project(project: Project, rules: Sequence[Rule]) -> list[Finding]:
    """Run `rules` over `project`; drop what `# locpipe-ignore` comments silence."""
    findings: list[Finding] = []
    for rule in rules:
        severity = project.settings.severity.get(rule.code, rule.severity)
        for where, message in rule.func(project):
            if rule.code in where.suppressed or rule.name in where.suppressed:
                continue
            findings.append(Finding(rule.code, rule.name, severity, where.path, where.line,
                                    where.col, where.locale, where.msgid, message))
    return sorted(findings, key=lambda f: f.sort_key)


# ---------------------------------------------------------------- inputs

def load_project(config: Config, settings: CheckSettings, paths: Sequence[Path] = (),
                 locale: str | None = None) -> Project:
    """Read the catalogues and sources that `paths` name (default: the whole project)."""
    wanted = _locale_key(locale, config) if locale else None
    po_paths, md_paths = _discover(config, paths, wanted)
    dialect = dialect_of(config)
    lookup = _ReferenceLookup(config.root, dialect)
    catalogues = [read_catalogue(p, config.root, lookup, dialect) for p in po_paths]
    if wanted:
        catalogues = [c for c in catalogues if c.locale and _norm(c.locale) == wanted]
    sources = [_read_source(p, config.root) for p in md_paths]
    return Project(config, settings, catalogues, sources, load_glossary(config.glossary_path))


def _norm(locale: str) -> str:
    return locale.replace("-", "_").lower()


def _locale_key(locale: str, config: Config) -> str:
    """The normalised `--locale`: a configured locale, or one with a catalogue folder."""
    folders = config.locales_path.iterdir() if config.locales_path.is_dir() else iter(())
    known = [*config.all_locales, *(p.name for p in folders if p.is_dir())]
    if _norm(locale) in {_norm(k) for k in known}:
        return _norm(locale)
    close = difflib.get_close_matches(locale, known, n=1)
    hint = f"did you mean {close[0]!r}?" if close else "configured: " + ", ".join(known)
    raise LocpipeError(f"unknown locale {locale!r}", hint=hint)


def _discover(config: Config, paths: Sequence[Path], locale: str | None
              ) -> tuple[list[Path], list[Path]]:
    source_wanted = locale is None or locale == _norm(config.source_locale)
    if not paths:
        folders = [config.locales_path / loc / "LC_MESSAGES" for loc in config.locales
                   if locale is None or _norm(loc) == locale]
        po = [p for folder in folders for p in sorted(folder.rglob("*.po"))]
        md = sorted(config.content_path.rglob("*.md")) if source_wanted else []
        return po, md
    po, md = [], []
    for path in paths:
        if not path.exists():
            raise LocpipeError("no such file or folder", path)
        # Absolute (`..` removed), so that an error in one is named relative to the
        # project, not as typed.
        absolute = Path(os.path.abspath(path))
        found = sorted(absolute.rglob("*")) if path.is_dir() else [absolute]
        if path.is_file() and path.suffix not in (".po", ".md"):
            raise LocpipeError("not a .po or .md file", path, hint="name catalogues, "
                               "Markdown articles or folders")
        po += [p for p in found if p.suffix == ".po" and p.is_file()]
        md += [p for p in found if p.suffix == ".md" and p.is_file() and source_wanted]
    return list(dict.fromkeys(po)), list(dict.fromkeys(md))


def _read_source(path: Path, root: Path) -> SourceFile:
    # The articles' one decoder: the same error line (byte and line) as extract and build.
    # The text is read again by the rules that need it, not kept through the run.
    decode(path.read_bytes(), str(path))
    return SourceFile(path, shown_path(path, root))


class _ReferenceLookup:
    """Link reference definitions of the article an entry comes from (`#: path:line`)."""

    def __init__(self, root: Path, dialect: Dialect) -> None:
        self.root = root
        self.dialect = dialect
        self.cache: dict[str, References] = {}

    def __call__(self, occurrences: Sequence[tuple[str, str]]) -> References:
        for source, _line in occurrences:
            if source not in self.cache:
                self.cache[source] = _references(self.root / source, self.dialect)
            if self.cache[source]:
                return self.cache[source]
        return {}


def _references(path: Path, dialect: Dialect) -> References:
    try:
        return document_references(path.read_text(encoding="utf-8"), dialect)
    except (OSError, UnicodeDecodeError):
        return {}
