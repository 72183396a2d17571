"""The `checks:` section of `locpipe.yaml`: its shape, its defaults, its errors.

```yaml
checks:
  severity: {T002: warning, C003: off}   # error | warning | off
  ignore: [K002]                          # same as severity off
  completeness_threshold: 0.9             # for C004; default: the top-level value
  cjk_latin_spacing: true                 # T002: require (true) or forbid (false)
```
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from locpipe.checks.finding import OFF, SEVERITIES
from locpipe.config import Config
from locpipe.errors import LocpipeError

_KEYS = ("severity", "ignore", "completeness_threshold", "cjk_latin_spacing")


@dataclass(frozen=True)
class CheckSettings:
    """How a project tunes `locpipe check`."""

    severity: Mapping[str, str] = field(default_factory=dict)
    """Rule code -> `error`, `warning` or `off`, overriding the rule's default."""
    ignore: frozenset[str] = frozenset()
    """Rule codes that never run."""
    completeness_threshold: float = 0.0
    """C004 reports a locale translated less than this fraction."""
    cjk_latin_spacing: bool = True
    """T002 wants one space between Chinese and Latin letters or digits (False: none)."""

    def disabled(self) -> frozenset[str]:
        return self.ignore | {code for code, level in self.severity.items() if level == OFF}


def load_settings(config: Config, codes: Mapping[str, str]) -> CheckSettings:
    """Validate `config.checks`; `codes` maps every rule name and code to its code."""
    raw = config.checks or {}
    where = _Where(config.config_path)
    for key in raw:
        if key not in _KEYS:
            raise where.error(f"unknown key {key!r} in `checks`", ("checks", str(key)),
                              _suggest(str(key), _KEYS))
    severity = _severity(raw.get("severity", {}), codes, where)
    ignore = frozenset(_code(c, codes, where, ("checks", "ignore", str(c)))
                       for c in _list(raw.get("ignore", []), where))
    return CheckSettings(
        severity, ignore,
        _threshold(raw.get("completeness_threshold", config.completeness_threshold), where),
        _flag(raw.get("cjk_latin_spacing", True), where))


def _severity(value: Any, codes: Mapping[str, str], where: _Where) -> dict[str, str]:
    keys = ("checks", "severity")
    if not isinstance(value, dict):
        raise where.error("`checks.severity` must map rule codes to error, warning or off",
                          keys)
    levels: dict[str, str] = {}
    for code, level in value.items():
        # YAML reads a bare `off` as False.
        level = OFF if level is False else level
        if level not in (*SEVERITIES, OFF):
            raise where.error(f"severity of {code} must be error, warning or off, "
                              f"not {level!r}", (*keys, str(code)))
        levels[_code(code, codes, where, (*keys, str(code)))] = level
    return levels


def _list(value: Any, where: _Where) -> list[Any]:
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",")]
    if not isinstance(value, list):
        raise where.error("`checks.ignore` must be a list of rule codes", ("checks", "ignore"))
    return value


def _code(code: Any, codes: Mapping[str, str], where: _Where, keys: tuple[str, ...]) -> str:
    if str(code) in codes:
        return codes[str(code)]
    raise where.error(f"unknown rule {code!r} in `checks`", keys, _suggest(str(code), codes))


def _threshold(value: Any, where: _Where) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise where.error(f"`checks.completeness_threshold` must be a number from 0 to 1, "
                          f"not {value!r}", ("checks", "completeness_threshold"))
    return float(value)


def _flag(value: Any, where: _Where) -> bool:
    if not isinstance(value, bool):
        raise where.error(f"`checks.cjk_latin_spacing` must be true or false, not {value!r}",
                          ("checks", "cjk_latin_spacing"))
    return value


def _suggest(word: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, sorted(known), n=1)
    if close:
        return f"did you mean {close[0]!r}?"
    return "see `locpipe check --list-rules`"


class _Where:
    """Finds the line of a nested key in the configuration file, for error messages."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._lines: dict[tuple[str, ...], int] | None = None

    def error(self, message: str, keys: tuple[str, ...], hint: str | None = None
              ) -> LocpipeError:
        return LocpipeError(message, self.path or "locpipe.yaml", self.line(keys), hint)

    def line(self, keys: tuple[str, ...]) -> int | None:
        if self._lines is None:
            self._lines = _key_lines(self.path)
        while keys and keys not in self._lines:
            keys = keys[:-1]
        return self._lines.get(keys)


def _key_lines(path: Path | None) -> dict[tuple[str, ...], int]:
    if path is None or not path.is_file():
        return {}
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    lines: dict[tuple[str, ...], int] = {}
    _walk(node, (), lines)
    return lines


def _walk(node: yaml.Node | None, keys: tuple[str, ...], lines: dict[tuple[str, ...], int]
          ) -> None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            path = (*keys, str(key.value))
            lines[path] = key.start_mark.line + 1
            _walk(value, path, lines)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            if isinstance(item, yaml.ScalarNode):
                path = (*keys, str(item.value))
                lines[path] = item.start_mark.line + 1
