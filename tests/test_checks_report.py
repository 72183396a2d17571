"""Reporters: the JSON document against its schema, and the escaping of GitHub commands."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from checks_support import entry, po, project, run
from locpipe.checks import CheckResult, Finding
from locpipe.checks.report import REPORTERS, github

FINDING_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["code", "name", "severity", "path", "line", "locale", "msgid", "message"],
    "additionalProperties": False,
    "properties": {
        "code": {"type": "string", "pattern": r"^[A-Z]\d{3}$"},
        "name": {"type": "string", "pattern": r"^[a-z]+(-[a-z]+)*$"},
        "severity": {"enum": ["error", "warning"]},
        "path": {"type": "string"},
        "line": {"type": "integer", "minimum": 1},
        "col": {"type": "integer", "minimum": 1},
        "locale": {"type": ["string", "null"]},
        "msgid": {"type": ["string", "null"]},
        "message": {"type": "string"},
    },
}
SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["findings", "summary"],
    "additionalProperties": False,
    "properties": {
        "findings": {"type": "array", "items": FINDING_SCHEMA},
        "summary": {
            "type": "object",
            "required": ["errors", "warnings", "files", "by_code"],
            "additionalProperties": False,
            "properties": {
                "errors": {"type": "integer", "minimum": 0},
                "warnings": {"type": "integer", "minimum": 0},
                "files": {"type": "integer", "minimum": 0},
                "by_code": {"type": "object",
                            "additionalProperties": {"type": "integer", "minimum": 1}},
                "typography": {"type": "object", "additionalProperties": {"type": "string"}},
                "baseline": {
                    "type": "object", "required": ["known", "resolved"],
                    "additionalProperties": False,
                    "properties": {"known": {"type": "integer", "minimum": 0},
                                   "resolved": {"type": "array"}},
                },
            },
        },
    },
}
_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,), "array": (list,), "string": (str,), "integer": (int,),
    "null": (type(None),),
}


def validate(value: Any, schema: dict[str, Any], where: str = "$") -> list[str]:
    """The errors of `value` against the JSON Schema subset used above."""
    import re

    kinds = schema.get("type")
    if kinds is not None:
        allowed = [t for k in ([kinds] if isinstance(kinds, str) else kinds) for t in _TYPES[k]]
        if not isinstance(value, tuple(allowed)) or isinstance(value, bool):
            return [f"{where}: {value!r} is not of type {kinds}"]
    errors: list[str] = []
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {value!r} not in {schema['enum']}")
    if "pattern" in schema and not re.search(schema["pattern"], value):
        errors.append(f"{where}: {value!r} does not match {schema['pattern']}")
    if "minimum" in schema and value < schema["minimum"]:
        errors.append(f"{where}: {value} < {schema['minimum']}")
    if isinstance(value, dict):
        errors += _validate_object(value, schema, where)
    if isinstance(value, list):
        for i, item in enumerate(value):
            errors += validate(item, schema.get("items", {}), f"{where}[{i}]")
    return errors


def _validate_object(value: dict[str, Any], schema: dict[str, Any], where: str) -> list[str]:
    errors = [f"{where}: missing {key!r}" for key in schema.get("required", [])
              if key not in value]
    properties = schema.get("properties", {})
    extra = schema.get("additionalProperties", True)
    for key, item in value.items():
        if key in properties:
            errors += validate(item, properties[key], f"{where}.{key}")
        elif extra is False:
            errors.append(f"{where}: unexpected {key!r}")
        elif isinstance(extra, dict):
            errors += validate(item, extra, f"{where}.{key}")
    return errors


def test_the_validator_rejects_what_the_schema_forbids() -> None:
    document = {"findings": [{"code": "x1", "severity": "fatal", "line": 0}], "summary": {},
                "extra": True}
    assert len(validate(document, SCHEMA)) == 13


def test_json_output_matches_the_schema(tmp_path: Path) -> None:
    catalogue = po(entry("Acupuncture.", "针炙。"), entry("Ancient wisdom", "", line=3))
    root = project(tmp_path, {"locales/zh_Hans/LC_MESSAGES/a.po": catalogue,
                              "content/a.md": "By Yin Qikan.\n"})
    result = run(root, "check", "--format", "json")
    document = json.loads(result.out)
    assert validate(document, SCHEMA) == []
    assert result.code == 1
    assert document["summary"] == {"errors": 1, "warnings": 2, "files": 2,
                                   "by_code": {"C001": 1, "G001": 1, "G006": 1},
                                   "typography": {"zh_Hans": "gb-t-15834"}}
    assert document["findings"][1] == {
        "code": "G001", "name": "forbidden-term", "severity": "error",
        "path": "locales/zh_Hans/LC_MESSAGES/a.po", "line": 9, "col": 1, "locale": "zh_Hans",
        "msgid": "Acupuncture.", "message": "forbidden form '针炙' of term acupuncture: "
                                            "write '针灸' (typo)"}


def test_json_output_without_findings(tmp_path: Path) -> None:
    document = json.loads(run(project(tmp_path, {}), "check", "--format", "json").out)
    assert validate(document, SCHEMA) == []
    assert document == {"findings": [],
                        "summary": {"errors": 0, "warnings": 0, "files": 0, "by_code": {}}}


def test_github_escapes_what_would_end_a_command() -> None:
    finding = Finding("M001", "link-url-changed", "error", "a,b:c.po", 3, 1, "zh_Hans", "x",
                      "100% wrong\nreally")
    assert list(github(CheckResult([finding], 1))) == [
        "::error file=a%2Cb%3Ac.po,line=3,col=1,title=M001 link-url-changed::"
        "100%25 wrong%0Areally"]


@pytest.mark.parametrize("name", sorted(REPORTERS))
def test_every_reporter_handles_no_findings(name: str) -> None:
    lines = list(REPORTERS[name](CheckResult([], 0)))
    assert lines == {"text": ["Found 0 errors and 0 warnings in 0 files."], "github": [],
                     "json": [json.dumps({"findings": [], "summary": {
                         "errors": 0, "warnings": 0, "files": 0, "by_code": {}}}, indent=2)],
                     }[name]
