"""`locpipe check --baseline`: today's findings recorded, only new ones counted."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from checks_support import CATALOGUE, entry, po, project, run
from locpipe.checks.baseline import Known, baseline_text, compare, known, read_baseline
from locpipe.checks.finding import Finding

FORBIDDEN = entry("Acupuncture relieves pain.", "针炙可以缓解疼痛。")
SPACING = entry("On LeanCloud.", "在LeanCloud上。", line=3)
LATER = entry("Acupuncture helps.", "针炙有帮助。", line=5)


def write_catalogue(root: Path, *entries: str) -> None:
    (root / CATALOGUE).write_text(po(*entries), encoding="utf-8")


def test_a_baseline_counts_only_new_findings(tmp_path: Path) -> None:
    root = project(tmp_path, {CATALOGUE: po(FORBIDDEN, SPACING)})
    written = run(root, "check", "--baseline", "baseline.json", "--baseline-write")
    assert written.code == 0
    assert written.lines == ["Wrote 2 findings to the baseline baseline.json."]
    again = run(root, "check", "--baseline", "baseline.json")
    assert again.code == 0
    assert again.lines == ["Typography: zh_Hans gb-t-15834",
                           "Found 0 errors and 0 warnings new, 2 findings known from the "
                           "baseline in 1 file."]
    # An edit elsewhere moves the old findings' lines: they are still known. A new
    # forbidden form counts.
    write_catalogue(root, entry("Ancient wisdom", "古老的智慧"), FORBIDDEN, SPACING, LATER)
    moved = run(root, "check", "--baseline", "baseline.json")
    assert moved.code == 1
    assert moved.lines == [
        "Typography: zh_Hans gb-t-15834",
        f"{CATALOGUE}:24:1: G001 forbidden form '针炙' of term acupuncture: write '针灸' (typo)",
        "Found 1 error and 0 warnings new, 2 findings known from the baseline in 1 file."]


def test_resolved_entries_are_listed_so_the_file_can_shrink(tmp_path: Path) -> None:
    root = project(tmp_path, {CATALOGUE: po(FORBIDDEN, SPACING)})
    run(root, "check", "--baseline", "baseline.json", "--baseline-write")
    write_catalogue(root, FORBIDDEN, entry("On LeanCloud.", "在 LeanCloud 上。", line=3))
    result = run(root, "check", "--baseline", "baseline.json")
    assert result.code == 0
    assert result.lines[1:] == [
        f"{CATALOGUE}: T002 no space between Chinese and Latin text: '在LeanCloud上。'; "
        "put one space between them (in the baseline, no longer found)",
        "Found 0 errors and 0 warnings new, 1 finding known from the baseline, 1 resolved "
        "in 1 file."]
    document = json.loads(run(root, "check", "--baseline", "baseline.json",
                              "--format", "json").out)
    assert document["summary"]["baseline"]["known"] == 1
    assert [r["code"] for r in document["summary"]["baseline"]["resolved"]] == ["T002"]


def test_the_file_records_rule_file_hash_and_message_not_lines(tmp_path: Path) -> None:
    root = project(tmp_path, {CATALOGUE: po(FORBIDDEN)})
    run(root, "check", "--baseline", "baseline.json", "--baseline-write")
    data = json.loads((root / "baseline.json").read_text(encoding="utf-8"))
    digest = hashlib.sha256(b"Acupuncture relieves pain.").hexdigest()[:16]
    assert data == {"version": 1, "findings": [{
        "code": "G001", "path": CATALOGUE, "digest": digest,
        "message": "forbidden form '针炙' of term acupuncture: write '针灸' (typo)"}]}


def finding(message: str, line: int = 1, msgid: str | None = "A") -> Finding:
    return Finding("K001", "inconsistent-translation", "warning", "a.po", line, 1, "zh_Hans",
                   msgid, message)


def test_line_numbers_of_other_files_are_not_part_of_the_key() -> None:
    before = finding("translated differently in b.po:10: 'x' there, 'y' here", line=3)
    after = finding("translated differently in b.po:42: 'x' there, 'y' here", line=9)
    assert known(before) == known(after)
    assert known(before) != known(finding("translated differently in c.po:10: 'x' there"))


def test_compare_counts_duplicates() -> None:
    twice = [finding("m", 1), finding("m", 2)]
    baseline = read_baseline_text(baseline_text(twice[:1]))
    split = compare(twice, baseline)
    assert (len(split.new), split.known, split.resolved) == (1, 1, [])
    split = compare([], read_baseline_text(baseline_text(twice)))
    assert split.resolved == [Known("K001", "a.po", known(twice[0]).digest, "m")] * 2


def read_baseline_text(text: str) -> Counter[Known]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "b.json"
        path.write_text(text, encoding="utf-8")
        return read_baseline(path)


def test_bad_baselines_are_one_error_line(tmp_path: Path) -> None:
    root = project(tmp_path, {CATALOGUE: po(FORBIDDEN)})
    missing = run(root, "check", "--baseline", "none.json")
    assert missing.code == 2
    assert missing.err == ("none.json: error: baseline file not found (write one with "
                           "`locpipe check --baseline FILE --baseline-write`)\n")
    (root / "bad.json").write_text('{"version": 1,\n "findings": [\n', encoding="utf-8")
    broken = run(root, "check", "--baseline", "bad.json")
    assert broken.code == 2
    assert broken.err.startswith("bad.json:3: error: not a baseline: ")
    (root / "old.json").write_text('{"version": 0, "findings": []}', encoding="utf-8")
    assert run(root, "check", "--baseline", "old.json").err == (
        "old.json:1: error: not a version 1 baseline (write it again with --baseline-write)\n")
    usage = run(root, "check", "--baseline-write")
    assert usage.code == 2 and "--baseline-write needs --baseline FILE" in usage.err


def installed(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    locpipe = Path(sys.executable).with_name("locpipe")
    command = [str(locpipe)] if locpipe.exists() else \
        [sys.executable, "-c", "from locpipe.cli import main; main()"]
    return subprocess.run([*command, *args], cwd=root, capture_output=True, text=True,
                          timeout=120, check=False)


def test_the_installed_script_writes_and_uses_a_baseline(tmp_path: Path) -> None:
    root = project(tmp_path, {CATALOGUE: po(FORBIDDEN)})
    assert installed(root, "check").returncode == 1
    written = installed(root, "check", "--baseline", "b.json", "--baseline-write")
    assert (written.returncode, written.stdout) == (0, "Wrote 1 findings to the baseline "
                                                       "b.json.\n")
    done = installed(root, "check", "--baseline", "b.json")
    assert done.returncode == 0
    assert done.stdout.endswith("1 finding known from the baseline in 1 file.\n")
