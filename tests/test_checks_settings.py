"""The `checks:` section of locpipe.yaml: shape, defaults and errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks_support import project, run
from locpipe.checks.rules import BY_KEY
from locpipe.checks.settings import CheckSettings, load_settings
from locpipe.config import load_config
from locpipe.errors import LocpipeError

CODES = {key: rule.code for key, rule in BY_KEY.items()}


def settings(tmp_path: Path, yaml_text: str) -> CheckSettings:
    (tmp_path / "locpipe.yaml").write_text(yaml_text, encoding="utf-8")
    return load_settings(load_config(tmp_path / "locpipe.yaml"), CODES)


def test_defaults_without_a_config_file(tmp_path: Path) -> None:
    assert load_settings(load_config(None, cwd=tmp_path), CODES) == CheckSettings()


def test_full_shape(tmp_path: Path) -> None:
    found = settings(tmp_path, "completeness_threshold: 0.4\nchecks:\n"
                     "  severity: {T002: error, obsolete: off, K001: false}\n"
                     "  ignore: K002, same-as-source\n  cjk_latin_spacing: false\n")
    assert found == CheckSettings({"T002": "error", "C003": "off", "K001": "off"},
                                  frozenset({"K002"}), 0.4, False)
    assert found.disabled() == {"C003", "K001", "K002"}


def test_own_threshold_wins_over_the_build_threshold(tmp_path: Path) -> None:
    found = settings(tmp_path, "completeness_threshold: 0.4\nchecks:\n"
                     "  completeness_threshold: 0.9\n")
    assert found.completeness_threshold == 0.9


@pytest.mark.parametrize(("body", "message"), [
    ("checks:\n  severty: {}\n",
     "locpipe.yaml:2: error: unknown key 'severty' in `checks` (did you mean 'severity'?)"),
    ("checks:\n  severity:\n    T001: error\n    T099: warning\n",
     "locpipe.yaml:4: error: unknown rule 'T099' in `checks` "
     "(see `locpipe check --list-rules`)"),
    ("checks:\n  ignore:\n    - C001\n    - untranslatd\n",
     "locpipe.yaml:4: error: unknown rule 'untranslatd' in `checks` "
     "(did you mean 'untranslated'?)"),
    ("checks:\n  severity: {T001: fatal}\n",
     "locpipe.yaml:2: error: severity of T001 must be error, warning or off, not 'fatal'"),
    ("checks:\n  severity: [T001]\n",
     "locpipe.yaml:2: error: `checks.severity` must map rule codes to error, warning or off"),
    ("checks:\n  ignore: {T001: yes}\n",
     "locpipe.yaml:2: error: `checks.ignore` must be a list of rule codes"),
    ("checks:\n  completeness_threshold: 90\n",
     "locpipe.yaml:2: error: `checks.completeness_threshold` must be a number from 0 to 1, "
     "not 90"),
    ("checks:\n  cjk_latin_spacing: sometimes\n",
     "locpipe.yaml:2: error: `checks.cjk_latin_spacing` must be true or false, "
     "not 'sometimes'"),
    ("checks:\n  typography:\n    zh_Hans: gbt\n",
     "locpipe.yaml:3: error: unknown typography profile 'gbt' (known: gb-t-15834, "
     "copywriting, zh-Hant-TW)"),
    ("checks:\n  typography:\n    zh_Hans: {profile: copywriting, spaces: off}\n",
     "locpipe.yaml:3: error: unknown typography switch 'spaces' (did you mean 'spacing'?)"),
    ("checks:\n  typography:\n    zh_Hans:\n      parentheses: half\n",
     "locpipe.yaml:4: error: `checks.typography.zh_Hans.parentheses` must be full-width or "
     "latin-half-width or any, not 'half'"),
    ("checks:\n  typography:\n    zh_Hans:\n      repeated: 1\n",
     "locpipe.yaml:4: error: `checks.typography.zh_Hans.repeated` must be true or false, "
     "not 1"),
    ("checks:\n  typography: [copywriting]\n",
     "locpipe.yaml:2: error: `checks.typography` must map locales to a profile name or to "
     "`{profile: NAME, SWITCH: VALUE}`"),
    ("checks:\n  links:\n    allow: [a.b]\n",
     "locpipe.yaml:3: error: unknown key 'allow' in `checks.links` (known: allow_hosts, "
     "rewrite)"),
    ("checks:\n  links:\n    allow_hosts: a.b\n",
     "locpipe.yaml:3: error: `checks.links.allow_hosts` must be a list of host names"),
    ("checks:\n  links:\n    rewrite:\n      - {from: '(', to: x}\n",
     "locpipe.yaml:3: error: `checks.links.rewrite` pattern '(' is not a regular expression: "
     "missing ), unterminated subpattern at position 0"),
    ("checks:\n  links:\n    rewrite:\n      - {from: a}\n",
     "locpipe.yaml:3: error: each `checks.links.rewrite` rule must be `{from: PATTERN, to: URL}`"),
], ids=["key", "code", "ignore-name", "level", "severity-shape", "ignore-shape", "threshold",
        "spacing", "profile", "switch", "switch-value", "switch-bool", "typography-shape",
        "links-key", "allow-hosts", "rewrite-pattern", "rewrite-shape"])
def test_mistakes_name_the_file_and_line(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(LocpipeError) as caught:
        settings(tmp_path, body)
    assert caught.value.format().replace(str(tmp_path) + "/", "") == message


def test_profiles_and_links(tmp_path: Path) -> None:
    found = settings(tmp_path, "checks:\n  typography:\n    zh-Hans: copywriting\n"
                     "    zh_Hant: {profile: zh-Hant-TW, spacing: off, repeated: false}\n"
                     "  links:\n    allow_hosts: [docs.example.cn]\n    rewrite:\n"
                     "      - {from: '^https://a\\.org/', to: 'https://a.cn/'}\n")
    zh_hans, zh_hant = found.profile("zh_Hans"), found.profile("zh-Hant")
    assert zh_hans is not None and zh_hans.label == "copywriting"
    assert zh_hant is not None and zh_hant.label == "zh-Hant-TW (repeated=false, spacing=off)"
    assert (zh_hant.spacing, zh_hant.repeated, zh_hant.quotes) == ("off", False, "corner")
    assert found.profile("zh_TW") is not None and found.profile("de") is None
    assert found.links.allow_hosts == ("docs.example.cn",)
    assert found.links.rewrite[0].apply("https://a.org/x") == "https://a.cn/x"
    assert found.links.rewrite[0].apply("https://b.org/x") is None


def test_cli_reports_a_bad_config_with_exit_two(tmp_path: Path) -> None:
    result = run(project(tmp_path, {}, "checks:\n  ignore: [X001]\n"), "check")
    assert result.code == 2
    assert result.err == (f"{tmp_path}/locpipe.yaml:2: error: unknown rule 'X001' in `checks` "
                          "(did you mean 'V001'?)\n")
