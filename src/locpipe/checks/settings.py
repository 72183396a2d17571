"""The `checks:` section of `locpipe.yaml`: its shape, its defaults, its errors.

```yaml
checks:
  severity: {T002: warning, C003: off}   # error | warning | off
  ignore: [K002]                          # same as severity off
  completeness_threshold: 0.9             # for C004; default: the top-level value
  cjk_latin_spacing: true                 # T002: require (true) or forbid (false)
  typography:                             # a profile per locale, switches on top
    zh_Hans: copywriting
    zh_Hant: {profile: zh-Hant-TW, spacing: off}
  links:
    allow_hosts: [docs.example.cn, "*.example.org"]   # S003 and build allow these
    rewrite:                                          # localised mirrors (M001, S003)
      - {from: "^https://example\\.org/", to: "https://example.cn/"}
```
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from locpipe.checks.finding import OFF, SEVERITIES
from locpipe.checks.profiles import CHOICES, PROFILES, Profile, default_profile, with_switches
from locpipe.config import Config
from locpipe.errors import LocpipeError

_KEYS = ("severity", "ignore", "completeness_threshold", "cjk_latin_spacing", "typography",
         "links")
_LINK_KEYS = ("allow_hosts", "rewrite")


@dataclass(frozen=True)
class Rewrite:
    """A project's rule for a localised mirror: `from` (a regular expression) -> `to`."""

    pattern: re.Pattern[str]
    """What to find in a source URL."""
    to: str
    """Its replacement (`\\1` for groups), giving the translation's URL."""

    def apply(self, url: str) -> str | None:
        """The rewritten URL, or None when the pattern is not in `url`."""
        return self.pattern.sub(self.to, url, count=1) if self.pattern.search(url) else None


@dataclass(frozen=True)
class LinkSettings:
    """`checks.links`: where translations may link that their sources do not."""

    allow_hosts: tuple[str, ...] = ()
    """Hosts (or `*.domain`) S003 never reports."""
    rewrite: tuple[Rewrite, ...] = ()
    """Rules that make a source URL its localised twin."""


@dataclass(frozen=True)
class CheckSettings:
    """How a project tunes `locpipe check`."""

    severity: Mapping[str, str] = field(default_factory=dict)
    """Rule code -> `error`, `warning` or `off`, overriding the rule's default."""
    ignore: frozenset[str] = frozenset()
    """Rule codes that never run."""
    completeness_threshold: float = 0.0
    """C004 reports a locale translated less than this fraction."""
    cjk_latin_spacing: bool | None = None
    """T002 wants one space between Chinese and Latin letters or digits (False: none) in
    every locale, whatever its profile says; None leaves it to the profiles."""
    typography: Mapping[str, Profile] = field(default_factory=dict)
    """Locale (normalised: `zh_hans`) -> the typography profile the project chose."""
    links: LinkSettings = LinkSettings()
    """Allowed hosts and rewrite rules for links."""

    def profile(self, locale: str | None) -> Profile | None:
        """The typography profile for `locale`; None for a locale without one."""
        if not locale:
            return None
        key = locale.replace("-", "_").lower()
        profile = self.typography.get(key) or default_profile(locale)
        if profile is not None and self.cjk_latin_spacing is not None:
            spacing = "require" if self.cjk_latin_spacing else "forbid"
            profile = with_switches(profile, {"spacing": spacing}) \
                if profile.spacing != spacing else profile
        return profile

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
        _flag(raw["cjk_latin_spacing"], where) if "cjk_latin_spacing" in raw else None,
        _typography(raw.get("typography", {}), where), _links(raw.get("links", {}), where))


def link_settings(config: Config) -> LinkSettings:
    """`checks.links` alone, validated: what `locpipe build` reads of `checks`, since
    it publishes no link that check would call foreign (`checks.security.host_check`)."""
    return _links((config.checks or {}).get("links", {}), _Where(config.config_path))


def _typography(value: Any, where: _Where) -> dict[str, Profile]:
    keys = ("checks", "typography")
    if not isinstance(value, dict):
        raise where.error("`checks.typography` must map locales to a profile name or to "
                          "`{profile: NAME, SWITCH: VALUE}`", keys)
    return {str(locale).replace("-", "_").lower(): _profile(choice, where, (*keys, str(locale)))
            for locale, choice in value.items()}


def _profile(choice: Any, where: _Where, keys: tuple[str, ...]) -> Profile:
    choice = {"profile": choice} if isinstance(choice, str) else choice
    if not isinstance(choice, dict):
        raise where.error(f"`{'.'.join(keys)}` must be a profile name or a mapping", keys)
    switches = {str(k): v for k, v in choice.items() if k != "profile"}
    name = choice.get("profile", "gb-t-15834")
    if name not in PROFILES:
        raise where.error(f"unknown typography profile {name!r}", (*keys, "profile"),
                          _suggest(str(name), PROFILES).replace(
                              "see `locpipe check --list-rules`", "known: " + ", ".join(PROFILES)))
    for key, value in switches.items():
        if key not in CHOICES:
            raise where.error(f"unknown typography switch {key!r}", (*keys, key),
                              _suggest(key, CHOICES).replace(
                                  "see `locpipe check --list-rules`",
                                  "known: " + ", ".join(CHOICES)))
        value = OFF if value is False and OFF in CHOICES[key] else value
        if value not in CHOICES[key] or isinstance(value, bool) != isinstance(CHOICES[key][0],
                                                                              bool):
            shown = " or ".join(str(c).lower() for c in CHOICES[key])
            raise where.error(f"`{'.'.join((*keys, key))}` must be {shown}, not {value!r}",
                              (*keys, key))
        switches[key] = value
    return with_switches(PROFILES[name], switches)


def _links(value: Any, where: _Where) -> LinkSettings:
    keys = ("checks", "links")
    if not isinstance(value, dict):
        raise where.error("`checks.links` must be a mapping with `allow_hosts` and `rewrite`",
                          keys)
    for key in value:
        if key not in _LINK_KEYS:
            raise where.error(f"unknown key {key!r} in `checks.links`", (*keys, str(key)),
                              "known: allow_hosts, rewrite")
    hosts = value.get("allow_hosts", [])
    if not isinstance(hosts, list) or not all(isinstance(h, str) and h for h in hosts):
        raise where.error("`checks.links.allow_hosts` must be a list of host names",
                          (*keys, "allow_hosts"))
    rules = value.get("rewrite", [])
    if not isinstance(rules, list):
        raise where.error("`checks.links.rewrite` must be a list of `{from: ..., to: ...}`",
                          (*keys, "rewrite"))
    return LinkSettings(tuple(hosts), tuple(_rewrite(r, where, (*keys, "rewrite"))
                                            for r in rules))


def _rewrite(rule: Any, where: _Where, keys: tuple[str, ...]) -> Rewrite:
    if (not isinstance(rule, dict) or set(rule) != {"from", "to"}
            or not all(isinstance(v, str) for v in rule.values())):
        raise where.error("each `checks.links.rewrite` rule must be `{from: PATTERN, to: URL}`",
                          keys)
    try:
        return Rewrite(re.compile(rule["from"]), rule["to"])
    except re.error as exc:
        raise where.error(f"`checks.links.rewrite` pattern {rule['from']!r} is not a regular "
                          f"expression: {exc}", keys) from None


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
