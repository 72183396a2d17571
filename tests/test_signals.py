"""Interrupts through the installed script: SIGINT and SIGTERM stop every worker within
2 seconds, leave no temporary file and every file either as it was or as the finished
command writes it, and exit 130 / 143. Also: `--jobs` never starts more workers than
there are documents to share out, and a worker that dies fails the run naming its
document.

The project is generated: 300 articles with two target locales, every article
changed since the last run, so that the interrupted command has something to
write for each of them.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from bad_support import snapshot

pytestmark = pytest.mark.skipif(not Path(f"/proc/{os.getpid()}/task").exists(),
                                reason="needs Linux's /proc to see the worker processes")

ARTICLES = 300
WORDS = ("the", "a", "of", "to", "and", "in", "that", "is", "for", "it", "as", "with", "on",
         "by", "this", "are", "from", "or", "body", "needle", "point", "balance", "nerve")
LIMIT = 2.0
"""Seconds from the signal to the command's exit."""


def locpipe() -> list[str]:
    script = Path(sys.executable).with_name("locpipe")
    return [str(script)] if script.exists() else [sys.executable, "-m", "locpipe"]


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([*locpipe(), *args], cwd=root, capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return done


def write_articles(root: Path, revision: int) -> None:
    rng = random.Random(revision)
    for i in range(ARTICLES):
        paragraphs = [" ".join(rng.choice(WORDS) for _ in range(50)).capitalize() + "."
                      for _ in range(8)]
        body = "\n\n".join(f"## Part {j}\n\n{text}" for j, text in enumerate(paragraphs))
        (root / "content" / f"a{i:03d}.md").write_text(
            f"---\ntitle: Article {i}\ndate: 2026-05-20\n---\n\n# Article {i}\n\n{body}\n",
            encoding="utf-8")


@dataclass(frozen=True)
class Stage:
    """A command to interrupt: the project before it, and every file after it."""

    before: Path
    """A copy of the project as the command finds it."""
    after: dict[str, bytes]
    """The project once the command has finished, by relative path."""


@pytest.fixture(scope="module")
def stages(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Stage]]:
    """The working folder, and for `update` and `build` the states around them."""
    base = tmp_path_factory.mktemp("interrupt")
    root = base / "project"
    (root / "content").mkdir(parents=True)
    (root / "locpipe.yaml").write_text("locales: [zh_Hans, de]\n", encoding="utf-8")
    write_articles(root, 1)
    for command in ("extract", "update", "build"):
        run(root, command)
    write_articles(root, 2)  # every article changes: every file has a new version
    run(root, "extract")
    found = {}
    for command in ("update", "build"):
        shutil.copytree(root, base / f"before-{command}", symlinks=True)
        run(root, command)
        found[command] = Stage(base / f"before-{command}", snapshot(root))
    return root, found


def children(pid: int) -> set[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return set()
    return {int(child) for child in text.split()}


def alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie, dead but not yet reaped by whoever adopted it, does
    not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


def processes_in(folder: Path) -> list[int]:
    """Every process whose working folder is `folder` or below it."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cwd = Path(os.readlink(entry / "cwd"))
        except OSError:
            continue
        if cwd == folder or folder in cwd.parents:
            found.append(int(entry.name))
    return found


FIRST = {"build": "build/site/zh-Hans/a000.md", "update": "locales/de/LC_MESSAGES/a000.po"}
"""A file the command writes early on, for each command."""


def started_workers(process: subprocess.Popen[str], first: Path | None = None,
                    new: bytes = b"", timeout: float = 120) -> set[int]:
    """Wait until the command has its worker processes and `first` holds `new`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if len(children(process.pid)) >= 2 and (first is None or _holds(first, new)):
            return children(process.pid)
        time.sleep(0.01)
    raise AssertionError("the command never got going")


def _holds(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() == data
    except OSError:
        return False


@pytest.mark.parametrize("command", ["build", "update"])
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_an_interrupted_run_stops_cleanly(stages: tuple[Path, dict[str, Stage]], command: str,
                                          signum: signal.Signals) -> None:
    root, found = stages
    stage = found[command]
    shutil.rmtree(root)
    shutil.copytree(stage.before, root, symlinks=True)
    before = snapshot(root)
    process = subprocess.Popen([*locpipe(), command, "-j", "2"], cwd=root, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    workers = started_workers(process, root / FIRST[command], stage.after[FIRST[command]])
    sent = time.monotonic()
    process.send_signal(signum)
    _, err = process.communicate(timeout=30)
    took = time.monotonic() - sent

    assert process.returncode == 128 + signum, (process.returncode, err)
    assert took <= LIMIT, took
    assert "Traceback" not in err
    assert err == f"interrupted by {signum.name}: every file is as it was or complete\n"
    assert not [pid for pid in workers if alive(pid)]
    assert processes_in(root) == []
    now = snapshot(root)
    assert [path for path in now if path.endswith(".tmp")] == []
    assert set(now) <= set(before) | set(stage.after)
    mixed = [path for path, data in now.items()
             if data != before.get(path) and data != stage.after.get(path)]
    assert mixed == []
    # The signal came in the middle: some files are new, some still old.
    assert any(now.get(p) != before.get(p) for p in stage.after), "nothing was written yet"
    assert any(now.get(p) != data for p, data in stage.after.items()), "the run had finished"


def _forks_of(root: Path, *args: str) -> tuple[int, subprocess.CompletedProcess[str]]:
    """How many processes the command forks, counted in it by `os.register_at_fork`."""
    count = root / "forks"
    code = ("import atexit, os, sys\n"
            "forks = []\n"
            "os.register_at_fork(after_in_parent=lambda: forks.append(1))\n"
            f"atexit.register(lambda: open({str(count)!r}, 'w').write(str(len(forks))))\n"
            "from locpipe.cli import main\n"
            f"sys.argv = ['locpipe', *{list(args)!r}]\n"
            "main()\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return int(count.read_text()), done


def test_a_hundred_thousand_jobs_on_three_articles_start_at_most_three_workers(
        tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    for i in range(3):
        (tmp_path / "content" / f"a{i}.md").write_text(f"# Title {i}\n\nText {i}.\n\nMore.\n")
    for command in ("extract", "update", "build"):
        forks, _ = _forks_of(tmp_path, command, "-j", "100000")
        assert 1 <= forks <= 3, (command, forks)  # three documents to do: worth a worker
    done = subprocess.run([*locpipe(), "build", "-j", "100000"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0 and done.stdout == "0 written, 7 unchanged\n", done
    assert processes_in(tmp_path) == []


def test_many_jobs_on_many_articles_start_at_most_two_workers_per_cpu(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    for i in range(200):
        (tmp_path / "content" / f"a{i:03d}.md").write_text(f"# Title {i}\n\nText {i}.\n")
    forks, _ = _forks_of(tmp_path, "extract", "-j", "100000")
    assert 2 <= forks <= 2 * (os.cpu_count() or 1)


def test_a_killed_worker_fails_the_run_with_one_line_naming_its_document(
        stages: tuple[Path, dict[str, Stage]]) -> None:
    root, found = stages
    shutil.rmtree(root)
    shutil.copytree(found["build"].before, root, symlinks=True)
    process = subprocess.Popen([*locpipe(), "build", "-j", "2"], cwd=root, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    victim = min(started_workers(process))
    os.kill(victim, signal.SIGKILL)  # what the kernel does to a process out of memory
    _, err = process.communicate(timeout=30)
    assert process.returncode == 1, err
    line, = err.splitlines()
    assert line.startswith("content/a") and ".md: error: a worker process was killed by " \
        "SIGKILL while working on this document (if it ran out of memory, try fewer " \
        "--jobs)" in line, line
    assert processes_in(root) == []
    assert [p for p in snapshot(root) if p.endswith(".tmp")] == []


def test_workers_do_not_outlive_a_parent_killed_outright(
        stages: tuple[Path, dict[str, Stage]]) -> None:
    """SIGKILL gives the parent no chance to stop them: the kernel's parent-death
    signal does, and they still remove their temporary files."""
    root, found = stages
    shutil.rmtree(root)
    shutil.copytree(found["build"].before, root, symlinks=True)
    process = subprocess.Popen([*locpipe(), "build", "-j", "2"], cwd=root, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    workers = started_workers(process)
    process.kill()
    process.communicate(timeout=30)
    deadline = time.monotonic() + LIMIT
    while time.monotonic() < deadline and any(alive(pid) for pid in workers):
        time.sleep(0.05)
    assert processes_in(root) == []
    assert not [pid for pid in workers if alive(pid)]
    temporary = [p for p in snapshot(root) if p.endswith(".tmp")]
    # The parent's own staged cache and manifest die with it; the workers' do not.
    assert all(p.startswith(".locpipe-cache/") or p.startswith("build/site/.manifest")
               for p in temporary), temporary
