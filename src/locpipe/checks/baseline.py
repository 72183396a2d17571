"""Baselines: adopt `locpipe check` on existing work, as mypy's and detekt's baselines do.

`--baseline-write` records today's findings; with `--baseline FILE` only findings
not in it count toward the exit code, and the baseline's entries that no longer
occur are listed so that the file can shrink. A finding is known by its rule, its
file, a hash of its entry's `msgid` and its message, never by its line: an edit
elsewhere in the catalogue moves lines, not findings. Line numbers inside a message
(K001 names the other catalogue's line) are left out of the key for the same reason.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from locpipe.checks.finding import Finding
from locpipe.errors import LocpipeError

VERSION = 1
_LINE_IN_MESSAGE = re.compile(r"(\.po|\.md|\.pot):\d+\b")


@dataclass(frozen=True, order=True)
class Known:
    """One baseline entry: what identifies a finding across edits."""

    code: str
    """The rule's code."""
    path: str
    """The file, as findings show it."""
    digest: str
    """The entry's msgid hash: the first 16 hex digits of its SHA-256 ("" for none)."""
    message: str
    """The finding's message, line numbers of other files left out."""


def known(finding: Finding) -> Known:
    """The baseline key of `finding`."""
    digest = (hashlib.sha256(finding.msgid.encode("utf-8")).hexdigest()[:16]
              if finding.msgid is not None else "")
    return Known(finding.code, finding.path, digest, _LINE_IN_MESSAGE.sub(r"\1", finding.message))


@dataclass
class Comparison:
    """Findings split by a baseline."""

    new: list[Finding]
    """Findings the baseline does not have: these count."""
    known: int
    """How many findings the baseline has."""
    resolved: list[Known]
    """Baseline entries that no longer occur (one per occurrence)."""


def compare(findings: Iterable[Finding], baseline: Counter[Known]) -> Comparison:
    """Split `findings` into new and known; list the baseline's resolved entries."""
    left = Counter(baseline)
    new: list[Finding] = []
    count = 0
    for finding in findings:
        key = known(finding)
        if left[key] > 0:
            left[key] -= 1
            count += 1
        else:
            new.append(finding)
    return Comparison(new, count, sorted((+left).elements()))


def baseline_text(findings: Iterable[Finding]) -> str:
    """The baseline file for `findings`: JSON, sorted, one entry per key with a count."""
    counts = Counter(known(f) for f in findings)
    entries = [{"code": k.code, "path": k.path, "digest": k.digest,
                "message": k.message, **({"count": n} if n > 1 else {})}
               for k, n in sorted(counts.items())]
    return json.dumps({"version": VERSION, "findings": entries}, ensure_ascii=False,
                      indent=1) + "\n"


def read_baseline(path: Path) -> Counter[Known]:
    """Read a baseline file; LocpipeError for a missing or malformed one."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LocpipeError("baseline file not found", path,
                           hint="write one with `locpipe check --baseline FILE "
                                "--baseline-write`") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise LocpipeError(f"cannot read the baseline: {exc}", path) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LocpipeError(f"not a baseline: {exc.msg}", path, exc.lineno,
                           "write it again with --baseline-write") from None
    return _entries(data, path, text)


def _entries(data: object, path: Path, text: str) -> Counter[Known]:
    hint = "write it again with --baseline-write"
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise LocpipeError(f"not a version {VERSION} baseline", path, 1, hint)
    found: Counter[Known] = Counter()
    for index, item in enumerate(data.get("findings") or []):
        fields = ("code", "path", "digest", "message")
        if not isinstance(item, dict) or not all(isinstance(item.get(f), str) for f in fields):
            line = _line_of_item(text, index)
            raise LocpipeError(f"baseline entry {index + 1} needs {', '.join(fields)}", path,
                               line, hint)
        count = item.get("count", 1)
        found[Known(*(item[f] for f in fields))] += count if isinstance(count, int) else 1
    return found


def _line_of_item(text: str, index: int) -> int:
    """The line where the `index`-th entry of the `findings` list starts (best effort)."""
    starts = [m.start() for m in re.finditer(r"\{\s*\"code\"", text)]
    return text.count("\n", 0, starts[index]) + 1 if index < len(starts) else 1
