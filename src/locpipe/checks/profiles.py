"""Typography profiles: the named rule sets a Chinese translation team chooses from.

GB/T 15834-2011 and the Chinese Copywriting Guidelines agree on most things
(full-width punctuation in Chinese sentences, no space around it, `……` and `——`)
and disagree on some: the guidelines keep half-width parentheses around Latin
text (`(HTML、CSS 等)` may stay `(HTML、CSS)` when only Latin is inside, per their
"遇到完整的英文整句、特殊名词，其内容使用半角标点"). Taiwan's usage quotes with
「」. Each profile is a set of switches; a project picks one per locale and may
flip any switch (`checks.typography` in `locpipe.yaml`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

REQUIRE, FORBID, OFF = "require", "forbid", "off"
FULL_WIDTH, LATIN_HALF_WIDTH, ANY = "full-width", "latin-half-width", "any"
CURLY, CORNER = "curly", "corner"


@dataclass(frozen=True)
class Profile:
    """What the typography rules (T001-T007) ask of one locale's text."""

    name: str
    """The profile's name, as the output header shows it."""
    punctuation: bool = True
    """T001: full-width `，。；：！？` in Chinese sentences."""
    parentheses: str = FULL_WIDTH
    """T001: `full-width` always, `latin-half-width` (half-width allowed around text
    with no Chinese in it), or `any`."""
    spacing: str = REQUIRE
    """T002: one space between Chinese and Latin letters or digits: `require`,
    `forbid` or `off`."""
    quotes: str = CURLY
    """T003: `curly` (“” ‘’) or `corner` (「」 『』); ASCII quotes are reported by both."""
    repeated: bool = True
    """T004: repeated punctuation."""
    space_around: bool = True
    """T005: no space next to full-width punctuation."""
    fullwidth_alphanumerics: bool = True
    """T006: half-width Latin letters and digits."""
    ellipsis_dash: bool = True
    """T007: `……` and `——`."""
    changes: tuple[str, ...] = ()
    """The switches a project set on top of the named profile, as `name=value`."""

    @property
    def label(self) -> str:
        """`copywriting`, or `copywriting (parentheses=any)` with the project's changes."""
        return self.name + (f" ({', '.join(self.changes)})" if self.changes else "")


PROFILES: dict[str, Profile] = {
    "gb-t-15834": Profile("gb-t-15834"),
    "copywriting": Profile("copywriting", parentheses=LATIN_HALF_WIDTH),
    "zh-Hant-TW": Profile("zh-Hant-TW", quotes=CORNER),
}
"""The profiles by name."""

CHOICES: dict[str, tuple[Any, ...]] = {
    "punctuation": (True, False), "parentheses": (FULL_WIDTH, LATIN_HALF_WIDTH, ANY),
    "spacing": (REQUIRE, FORBID, OFF), "quotes": (CURLY, CORNER),
    "repeated": (True, False), "space-around": (True, False),
    "fullwidth-alphanumerics": (True, False), "ellipsis-dash": (True, False),
}
"""Each switch a project may set, by its `locpipe.yaml` name, and its values."""

_TRADITIONAL = ("zh_hant", "zh_tw", "zh_hk", "zh_mo")


def default_profile(locale: str) -> Profile | None:
    """The profile of a locale nobody configured; None where the rules do not apply."""
    key = locale.replace("-", "_").lower()
    if key.split("_")[0] != "zh":
        return None
    if key.startswith(_TRADITIONAL):
        return PROFILES["zh-Hant-TW"]
    return PROFILES["gb-t-15834"]


def with_switches(profile: Profile, switches: dict[str, Any]) -> Profile:
    """`profile` with the named switches set (names as in `CHOICES`, values valid)."""
    if not switches:
        return profile
    changes = {key.replace("-", "_"): value for key, value in switches.items()}
    shown = tuple(f"{key}={_shown(value)}" for key, value in sorted(switches.items()))
    return replace(profile, changes=shown, **changes)


def _shown(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)
