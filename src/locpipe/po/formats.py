"""Format strings of `c-format` and `python-format` entries, compared as GNU
`msgfmt --check-format` compares them: a translation must take the same arguments,
of the same kinds, as its source, or the program that formats it fails.

locpipe writes no format flag of its own (articles are not program messages),
but a translator's tool or a catalogue shared with code may carry them.
"""

from __future__ import annotations

import re

_C = re.compile(r"%(?:(?P<pos>\d+)\$)?[-+ #0']*(?:\d+|\*)?(?:\.(?:\d+|\*))?"
                r"(?P<size>hh|h|ll|l|L|q|j|z|t)?(?P<conv>[diouxXeEfFgGaAcspn%])")
_PYTHON = re.compile(r"%(?:\((?P<name>[^)]*)\))?[-+ #0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?"
                     r"[hlL]?(?P<conv>[diouxXeEfFgGcrsa%])")
_KINDS = {**dict.fromkeys("di", "integer"), **dict.fromkeys("ouxX", "unsigned"),
          **dict.fromkeys("eEfFgGaA", "float"), "c": "character", "s": "string",
          "r": "string", "p": "pointer", "n": "count"}
_PY_KINDS = {**dict.fromkeys("diouxX", "integer"), **dict.fromkeys("eEfFgG", "float"),
             "c": "character", **dict.fromkeys("rsa", "string")}


def format_problem(flags: list[str], msgid: str, msgstr: str) -> str | None:
    """Why `msgstr` does not take the arguments `msgid` takes, or None. A msgid that
    is no valid format string is not judged, as msgfmt does not judge it."""
    if "c-format" in flags and "no-c-format" not in flags:
        read = _c_arguments
    elif "python-format" in flags and "no-python-format" not in flags:
        read = _python_arguments
    else:
        return None
    source = read(msgid)
    if source is None:
        return None
    translation = read(msgstr)
    if translation is None:
        return "the msgstr is not a valid format string, unlike the msgid"
    return _compare(source, translation)


def _c_arguments(text: str) -> dict[str, str] | None:
    """Argument (its position, counted from 1) -> kind of value it formats; None if the
    string mixes numbered and plain directives or skips a number."""
    found: dict[str, str] = {}
    directives = [m for m in _C.finditer(text) if m["conv"] != "%"]
    if len({m["pos"] is None for m in directives}) > 1:
        return None
    for number, match in enumerate(directives):
        position = match["pos"] or str(number + 1)
        kind = (match["size"] or "") + _KINDS[match["conv"]]
        if found.get(position, kind) != kind:
            return None
        found[position] = kind
    if found and sorted(map(int, found)) != list(range(1, len(found) + 1)):
        return None
    return found


def _python_arguments(text: str) -> dict[str, str] | None:
    """Argument (its name, or its position among the unnamed) -> kind of value; None if
    the string mixes named and unnamed directives."""
    found: dict[str, str] = {}
    directives = [m for m in _PYTHON.finditer(text) if m["conv"] != "%"]
    if len({m["name"] is None for m in directives}) > 1:
        return None
    for number, match in enumerate(directives):
        name = match["name"] if match["name"] is not None else f"#{number + 1}"
        kind = _PY_KINDS[match["conv"]]
        if found.get(name, kind) != kind:
            return None
        found[name] = kind
    return found
def _compare(source: dict[str, str], translation: dict[str, str]) -> str | None:
    for argument, kind in source.items():
        if argument not in translation:
            return f"argument {argument.lstrip('#')} of the msgid is missing from the msgstr"
        if translation[argument] != kind:
            return (f"argument {argument.lstrip('#')} is a {kind} in the msgid but a "
                    f"{translation[argument]} in the msgstr")
    extra = [argument for argument in translation if argument not in source]
    if extra:
        return f"argument {extra[0].lstrip('#')} of the msgstr is not in the msgid"
    return None
