"""Project configuration: `locpipe.yaml`, every key optional."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml
from babel import Locale, UnknownLocaleError

from locpipe.errors import LocpipeError

CONFIG_NAME = "locpipe.yaml"


@dataclass(frozen=True)
class Config:
    """Settings of one project; paths are resolved against `root`."""

    root: Path
    """The project folder: where `locpipe.yaml` is, or the working folder."""
    source_locale: str = "en"
    """Babel identifier of the language the articles are written in."""
    locales: tuple[str, ...] = ("zh_Hans",)
    """Babel identifiers of the target languages."""
    content_dir: str = "content"
    locales_dir: str = "locales"
    glossary_dir: str = "glossary"
    output_dir: str = "build/site"
    front_matter_keys: tuple[str, ...] = ("title", "description")
    """Front-matter fields whose values are translated."""
    wrap: int | None = 79
    """Line width of written catalogues; None writes every string on one line."""
    completeness_threshold: float = 0.0
    """Editions translated less than this fraction are left out of the site."""
    allowed_hosts: tuple[str, ...] = ()
    """Link hosts a translation may add to its source (reviewed localised sites)."""
    checks: dict[str, Any] = field(default_factory=dict)
    """`locpipe check` settings: `severity` (code -> level) and `ignore` (codes)."""
    config_path: Path | None = None
    """The file the settings came from, if any."""

    @property
    def content_path(self) -> Path:
        return self.root / self.content_dir

    @property
    def locales_path(self) -> Path:
        return self.root / self.locales_dir

    @property
    def glossary_path(self) -> Path:
        return self.root / self.glossary_dir

    @property
    def output_path(self) -> Path:
        return self.root / self.output_dir

    @property
    def all_locales(self) -> tuple[str, ...]:
        """The source locale first, then the targets."""
        return (self.source_locale, *self.locales)


_KEYS = {f.name for f in fields(Config)} - {"root", "config_path"}
_DIR_KEYS = ("content_dir", "locales_dir", "glossary_dir", "output_dir")


def load_config(path: Path | None = None, cwd: Path | None = None) -> Config:
    """Read `path`, or `locpipe.yaml` in `cwd` if present, else use the defaults."""
    cwd = cwd or Path.cwd()
    if path is None:
        candidate = cwd / CONFIG_NAME
        if not candidate.is_file():
            return Config(root=cwd.resolve())
        path = candidate
    if not path.is_file():
        raise LocpipeError("configuration file not found", path, hint="check --config")
    data = _read_yaml(path)
    return _build(data, path)


def _read_yaml(path: Path) -> dict[str, Any]:
    raw = path.read_bytes()
    try:
        data = yaml.safe_load(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise LocpipeError(f"not UTF-8 text (byte {exc.start + 1} is invalid)", path,
                           raw[:exc.start].count(b"\n") + 1, "save the file as UTF-8") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise LocpipeError(f"YAML syntax error: {problem}", path, line,
                           "fix the YAML syntax") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise LocpipeError("expected a mapping of settings", path, 1,
                           "write `key: value` lines")
    return data


def _build(data: dict[str, Any], path: Path) -> Config:
    lines = _key_lines(path)
    values: dict[str, Any] = {}
    for key, value in data.items():
        line = lines.get(str(key))
        if key not in _KEYS:
            raise LocpipeError(f"unknown key {key!r}", path, line, _did_you_mean(str(key)))
        values[key] = _validate(key, value, path, line)
    root = path.parent.resolve()
    for key in _DIR_KEYS:
        if key in values:
            _check_inside(root, values[key], key, path, lines.get(key))
    return Config(root=root, config_path=path, **values)


def _key_lines(path: Path) -> dict[str, int]:
    """Map each top-level key to its 1-based line, for error messages."""
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(k.value): k.start_mark.line + 1 for k, _ in node.value}


def _did_you_mean(key: str) -> str:
    close = difflib.get_close_matches(key, sorted(_KEYS), n=1)
    if close:
        return f"did you mean {close[0]!r}?"
    return "known keys: " + ", ".join(sorted(_KEYS))


def _validate(key: str, value: Any, path: Path, line: int | None) -> Any:
    def fail(expected: str) -> LocpipeError:
        return LocpipeError(f"{key!r} must be {expected}, not {value!r}", path, line)

    if key == "source_locale":
        return _locale(value, path, line, key)
    if key == "locales":
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value:
            raise fail("a list of locale identifiers such as [zh_Hans]")
        return tuple(_locale(v, path, line, key) for v in value)
    if key in _DIR_KEYS:
        if not isinstance(value, str) or not value.strip():
            raise fail("a folder path")
        return value
    if key == "front_matter_keys":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail("a list of field names")
        return tuple(value)
    if key == "wrap":
        if value is False:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 20:
            raise fail("a line width of at least 20, or false")
        return value
    if key == "completeness_threshold":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
            raise fail("a number from 0 to 1")
        return float(value)
    if key == "allowed_hosts":
        if not isinstance(value, list) or not all(
                isinstance(v, str) and v.strip() and "/" not in v for v in value):
            raise fail("a list of host names such as [zh.example.org]")
        return tuple(v.strip().lower() for v in value)
    if key == "checks":
        if not isinstance(value, dict):
            raise fail("a mapping with `severity` and `ignore`")
        return value
    raise AssertionError(key)  # pragma: no cover


def _locale(value: Any, path: Path, line: int | None, key: str) -> str:
    if not isinstance(value, str):
        raise LocpipeError(f"{key!r}: locale must be text, not {value!r}", path, line)
    try:
        Locale.parse(value)
    except (ValueError, UnknownLocaleError):
        raise LocpipeError(f"{key!r}: unknown locale {value!r}", path, line,
                           "use a Babel identifier such as en, de or zh_Hans") from None
    return value


def _check_inside(root: Path, value: str, key: str, path: Path, line: int | None) -> None:
    target = (root / value).resolve()
    if target != root and root not in target.parents:
        raise LocpipeError(f"{key!r} points outside the project: {value!r}", path, line,
                           "use a folder inside the project")
