"""Reporters, chosen by name: `text` for people, `json` for tools, `github` for CI."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict
from pathlib import Path

from locpipe.checks.finding import Finding
from locpipe.checks.runner import CheckResult

Reporter = Callable[[CheckResult], Iterator[str]]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary_line(result: CheckResult) -> str:
    known = ""
    if result.known is not None:
        known = (f" new, {_plural(result.known, 'finding')} known from the baseline"
                 + (f", {len(result.resolved)} resolved" if result.resolved else ""))
    return (f"Found {_plural(result.errors, 'error')} and {_plural(result.warnings, 'warning')}"
            f"{known} in {_plural(result.files, 'file')}.")


def profile_line(result: CheckResult) -> str | None:
    """`Typography: zh_Hans gb-t-15834`: the profiles the T rules applied, if any."""
    if not result.profiles:
        return None
    return "Typography: " + ", ".join(f"{loc} {name}" for loc, name in result.profiles.items())


def text(result: CheckResult) -> Iterator[str]:
    """The profiles line, `path:line:col: CODE message` per finding, the baseline's
    resolved entries, then one summary line."""
    header = profile_line(result)
    if header:
        yield header
    for f in result.findings:
        yield f"{f.path}:{f.line}:{f.col}: {f.code} {f.message}"
    for k in result.resolved:
        yield f"{k.path}: {k.code} {k.message} (in the baseline, no longer found)"
    yield summary_line(result)


def summary(result: CheckResult) -> dict[str, object]:
    """Counts by severity and by rule code, and how many files were read."""
    found: dict[str, object] = {
        "errors": result.errors,
        "warnings": result.warnings,
        "files": result.files,
        "by_code": dict(sorted(Counter(f.code for f in result.findings).items())),
    }
    if result.profiles:
        found["typography"] = result.profiles
    if result.known is not None:
        found["baseline"] = {"known": result.known,
                             "resolved": [asdict(k) for k in result.resolved]}
    return found


def as_json(result: CheckResult) -> Iterator[str]:
    """One JSON object: `{"findings": [...], "summary": {...}}`."""
    document = {"findings": [_finding(f) for f in result.findings], "summary": summary(result)}
    yield json.dumps(document, ensure_ascii=False, indent=2)


def _finding(finding: Finding) -> dict[str, object]:
    fields = asdict(finding)
    order = ("code", "name", "severity", "path", "line", "col", "locale", "msgid", "message")
    return {key: fields[key] for key in order}


def in_workspace(result: CheckResult, root: Path, workspace: Path) -> CheckResult:
    """`result` with each path as GitHub reads an annotation's `file`: relative to the
    checked-out repository (`workspace`), of which the project may be a folder;
    elsewhere paths are relative to the project. A project outside it keeps its form."""
    base, project = workspace.resolve(), root.resolve()
    if project == base or base not in project.parents:
        return result
    prefix = project.relative_to(base).as_posix()
    return dataclasses.replace(result, findings=[
        dataclasses.replace(f, path=f"{prefix}/{f.path}") for f in result.findings])


def github(result: CheckResult) -> Iterator[str]:
    """GitHub Actions workflow commands: one `::error` or `::warning` line per finding."""
    for f in result.findings:
        properties = ",".join(f"{key}={_escape(str(value), True)}" for key, value in (
            ("file", f.path), ("line", f.line), ("col", f.col), ("title", f"{f.code} {f.name}")))
        yield f"::{f.severity} {properties}::{_escape(f.message, False)}"


def _escape(value: str, is_property: bool) -> str:
    # The escaping GitHub's toolkit applies (core/src/command.ts).
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if is_property:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


REPORTERS: dict[str, Reporter] = {"text": text, "json": as_json, "github": github}
