"""The terminology glossary: `glossary/*.yaml`, validated on load.

A file is a mapping with one key, `terms`::

    terms:
      - id: qi
        kind: term                # term | name | do-not-translate
        source: WHO IST 2007/2022
        en:                       # a Babel locale identifier
          preferred: Qi
          variants: [qi]          # accepted; {pattern: REGEX} works too
          discouraged:            # accepted, reported as a warning
            - {form: chi, reason: not the WHO transliteration; write Qi}
          forbidden:              # reported as an error
            - {form: ying and yang, reason: misspelling}
          case: exact             # insensitive (default) | exact
          exceptions: [Tai Chi]   # text in which a form is not the term
          note: vital energy; keep capitalised

An exception is matched like a form and claims its span, so no shorter form
inside it counts (`气` in `天气`). A mistake in a file is one `LocpipeError`
naming the file, the line and the term.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from babel import Locale, UnknownLocaleError

from locpipe.errors import LocpipeError
from locpipe.glossary.matcher import Matcher, Rule, RuleStatus, fold, pattern_problem

TERM_KINDS = ("term", "name", "do-not-translate")
CASE_RULES = ("insensitive", "exact")
_TOP_KEYS = ("terms",)
_TERM_KEYS = ("id", "kind", "source")
_LOCALE_KEYS = ("preferred", "variants", "discouraged", "forbidden", "case", "exceptions", "note")
_FORM_LISTS = ("variants", "discouraged", "forbidden")
_FORM_KEYS = ("form", "pattern", "reason")
# Ids become XML ids in the TBX export, so they keep to NCName characters.
_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")


@dataclass(frozen=True)
class Form:
    """One variant, discouraged or forbidden form of a term in one locale."""

    text: str
    """The form as written, or a regular expression when `pattern` is true."""
    pattern: bool = False
    """Whether `text` is a regular expression (matched case-insensitively)."""
    reason: str = ""
    """Why the form is discouraged or forbidden; required for those two lists."""


@dataclass(frozen=True)
class LocaleForms:
    """How one term is written in one locale."""

    preferred: str
    """The form to use."""
    variants: tuple[Form, ...] = ()
    """Other accepted forms (plurals, abbreviations, a byline form)."""
    discouraged: tuple[Form, ...] = ()
    """Accepted forms that are reported as warnings."""
    forbidden: tuple[Form, ...] = ()
    """Forms that are errors: misspellings, wrong script, wrong term."""
    case: str = "insensitive"
    """`insensitive`, or `exact`: an accepted form in another case is a warning."""
    exceptions: tuple[str, ...] = ()
    """Text in which a form is not the term (`天气` for `气`)."""
    note: str = ""
    """For translators: what the term means and how to write it."""

    @property
    def accepted(self) -> tuple[str, ...]:
        """The preferred form, then the literal variants."""
        return (self.preferred, *(f.text for f in self.variants if not f.pattern))


@dataclass(frozen=True)
class Term:
    """One concept or name, with its forms per locale."""

    id: str
    """Stable identifier, unique across the glossary."""
    kind: str
    """`term`, `name` or `do-not-translate`."""
    locales: Mapping[str, LocaleForms]
    """Babel locale identifier -> forms, in file order."""
    source: str = ""
    """Where the terminology comes from."""
    path: Path | None = None
    """The file the term was read from."""
    line: int | None = None
    """1-based line of the term in `path`."""

    def forms(self, locale: str) -> LocaleForms | None:
        """The forms for `locale`, else for its parents (`zh_Hans_CN` -> `zh_Hans`
        -> `zh`); a do-not-translate term falls back to its first locale."""
        parts = locale.split("_")
        for size in range(len(parts), 0, -1):
            found = self.locales.get("_".join(parts[:size]))
            if found is not None:
                return found
        if self.kind == "do-not-translate" and self.locales:
            return next(iter(self.locales.values()))
        return None


@dataclass
class Glossary:
    """Every term of the project, with one cached matcher per locale."""

    terms: tuple[Term, ...] = ()
    """Terms in file order, files sorted by name."""
    _by_id: dict[str, Term] = field(init=False, repr=False, compare=False)
    """Terms by id, for `get`."""
    _matchers: dict[str, Matcher] = field(default_factory=dict, repr=False, compare=False)
    """Matchers built so far, by locale."""

    def __post_init__(self) -> None:
        self._by_id = {term.id: term for term in self.terms}

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def get(self, term_id: str) -> Term | None:
        return self._by_id.get(term_id)

    @property
    def locales(self) -> tuple[str, ...]:
        """Every locale some term has forms for, in order of first appearance."""
        return tuple(dict.fromkeys(loc for term in self.terms for loc in term.locales))

    def rules(self, locale: str) -> list[Rule]:
        """What the matcher for `locale` looks for."""
        return [rule for term in self.terms for rule in _term_rules(term, locale)]

    def matcher(self, locale: str) -> Matcher:
        """The matcher for `locale`, built on first use."""
        if locale not in self._matchers:
            self._matchers[locale] = Matcher(self.rules(locale))
        return self._matchers[locale]


def _term_rules(term: Term, locale: str) -> Iterator[Rule]:
    forms = term.forms(locale)
    if forms is None:
        return
    exact = forms.case == "exact"
    yield Rule(term.id, forms.preferred, "preferred", exact_case=exact)
    lists: tuple[tuple[RuleStatus, tuple[Form, ...]], ...] = (
        ("variant", forms.variants), ("warning", forms.discouraged),
        ("forbidden", forms.forbidden))
    for status, items in lists:
        for form in items:
            yield Rule(term.id, form.text, status, form.reason, form.pattern, exact)
    for text in forms.exceptions:
        yield Rule(term.id, text, "exception")


# ----------------------------------------------------------------- hints

def glossary_hints(glossary: Glossary, text: str, source_locale: str,
                   target_locales: Sequence[str]) -> list[str]:
    """One `#.` hint per term mentioned in `text`, in order of first mention.

    `Glossary: Qi -> 气 (vital energy; keep capitalised)`; with several target
    locales, `Glossary: Qi -> 气 [zh_Hans], 氣 [zh_Hant] (...)`. The note is the
    source locale's. Forbidden source forms give no hint (the check reports them).
    """
    seen: dict[str, None] = {}
    for match in glossary.matcher(source_locale).find(text):
        if match.status != "forbidden":
            seen.setdefault(match.term_id)
    hints = (_hint(glossary.get(tid), source_locale, target_locales) for tid in seen)
    return [hint for hint in hints if hint]


def _hint(term: Term | None, source_locale: str, target_locales: Sequence[str]) -> str | None:
    source = term.forms(source_locale) if term else None
    if term is None or source is None:
        return None
    targets = [(loc, forms.preferred) for loc in target_locales
               if (forms := term.forms(loc)) is not None]
    if not targets:
        return None
    if len(target_locales) == 1:
        rendered = targets[0][1]
    else:
        rendered = ", ".join(f"{form} [{loc}]" for loc, form in targets)
    notes = ["do not translate"] if term.kind == "do-not-translate" else []
    notes += [source.note] if source.note else []
    suffix = f" ({'; '.join(notes)})" if notes else ""
    return f"Glossary: {source.preferred} -> {rendered}{suffix}"


# --------------------------------------------------------------- loading

def load_glossary(folder: Path) -> Glossary:
    """Read every `*.yaml` in `folder`, sorted by name; no folder, no terms."""
    if not folder.is_dir():
        return Glossary()
    return load_glossary_files(sorted(folder.glob("*.yaml")))


def load_glossary_files(paths: Sequence[Path]) -> Glossary:
    """Read and validate `paths` in order; ids must be unique across them."""
    terms: list[Term] = []
    seen: dict[str, Term] = {}
    for path in paths:
        for term, where in _load_file(path):
            first = seen.get(term.id)
            if first is not None:
                raise where.at("id").error(
                    f"duplicate id (first defined at {first.path}:{first.line})",
                    "give each term its own id")
            seen[term.id] = term
            terms.append(term)
    return Glossary(tuple(terms))


@dataclass(frozen=True)
class _Where:
    """A place in one glossary file, to name in an error."""

    path: Path
    """The file."""
    root: yaml.Node | None
    """The composed document, for line numbers."""
    keys: tuple[str | int, ...] = ()
    """Mapping keys and list indexes from the document root."""
    term: str | None = None
    """How the term is named in messages: its id, or its position."""
    locale: str | None = None
    """The locale block, if inside one."""

    def at(self, *keys: str | int) -> _Where:
        return _Where(self.path, self.root, self.keys + keys, self.term, self.locale)

    def error(self, message: str, hint: str | None = None) -> LocpipeError:
        if self.term is not None:
            where = f"term {self.term}" + (f" ({self.locale})" if self.locale else "")
            message = f"{where}: {message}"
        return LocpipeError(message, self.path, _line(self.root, self.keys), hint)


# libyaml's loader when PyYAML was built with it: the glossary is the largest YAML we read.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _line(node: yaml.Node | None, keys: Sequence[str | int]) -> int | None:
    """1-based line of the key or item that `keys` leads to (or of its nearest parent)."""
    line = node.start_mark.line + 1 if node is not None else None
    for key in keys:
        child = None
        if isinstance(node, yaml.MappingNode):
            child = next(((k, v) for k, v in node.value if k.value == str(key)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
            child = (node.value[key], node.value[key]) if key < len(node.value) else None
        if child is None:
            return line
        line, node = child[0].start_mark.line + 1, child[1]
    return line


def _load_file(path: Path) -> Iterator[tuple[Term, _Where]]:
    text = _read(path)
    try:
        root = yaml.compose(text, Loader=_LOADER)
        data = _LOADER(text).construct_document(root) if root is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise LocpipeError(f"YAML syntax error: {problem}", path,
                           mark.line + 1 if mark else None, "fix the YAML syntax") from None
    where = _Where(path, root)
    _check_duplicate_keys(root, path)
    if data is None:
        return
    if not isinstance(data, dict):
        raise where.error("expected a mapping with a `terms` list", "start with `terms:`")
    _check_keys(data, _TOP_KEYS, where)
    raw_terms = data.get("terms") or []
    if not isinstance(raw_terms, list):
        raise where.at("terms").error("`terms` must be a list of terms")
    for index, raw in enumerate(raw_terms):
        term_where = _Where(path, root, ("terms", index), _node_label(_item(root, index), index))
        yield _parse_term(raw, term_where), term_where


def _item(root: yaml.Node | None, index: int) -> yaml.Node | None:
    """The node of the `index`-th term."""
    for key, value in root.value if isinstance(root, yaml.MappingNode) else []:
        if key.value == "terms" and isinstance(value, yaml.SequenceNode):
            node = value.value[index]
            return node if isinstance(node, yaml.Node) else None
    return None


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise LocpipeError("not UTF-8 text", path, hint="save the file as UTF-8") from None
    except OSError as exc:
        raise LocpipeError(f"cannot read the file: {exc.strerror}", path) from None


def _check_duplicate_keys(root: yaml.Node | None, path: Path) -> None:
    """safe_load keeps the last of two equal keys silently; say so instead."""
    if not isinstance(root, yaml.MappingNode):
        return
    _duplicates(root, path, "", recurse=False)
    for key, value in root.value:
        if key.value == "terms" and isinstance(value, yaml.SequenceNode):
            for index, term in enumerate(value.value):
                _duplicates(term, path, f"term {_node_label(term, index)}: ")


def _duplicates(node: yaml.Node, path: Path, label: str, recurse: bool = True) -> None:
    children = node.value if isinstance(node, yaml.SequenceNode) else []
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if key.value in seen:
                raise LocpipeError(f"{label}duplicate key {key.value!r}", path,
                                   key.start_mark.line + 1, "keep one of them")
            seen.add(key.value)
            children.append(value)
    for child in children if recurse else []:
        _duplicates(child, path, label)


def _node_label(node: yaml.Node | None, index: int) -> str:
    """How an error names a term: its id, else its position in the list."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == "id" and isinstance(value, yaml.ScalarNode) and value.value:
                return repr(value.value)
    return f"#{index + 1}"


def _check_keys(data: Mapping[Any, Any], known: Sequence[str], where: _Where) -> None:
    for key in data:
        if key not in known:
            raise where.at(str(key)).error(f"unknown key {key!r}", _did_you_mean(str(key), known))


def _did_you_mean(key: str, known: Sequence[str]) -> str:
    close = difflib.get_close_matches(key, known, n=1)
    if close:
        return f"did you mean {close[0]!r}?"
    return "known keys: " + ", ".join(known)


def _parse_term(raw: Any, where: _Where) -> Term:
    if not isinstance(raw, dict):
        raise where.error("a term must be a mapping with `id`, `kind` and locales")
    term_id = raw.get("id")
    if not isinstance(term_id, str) or not _ID.fullmatch(term_id):
        raise where.at("id").error("needs an `id` of letters, digits, '-', '_' or '.'",
                                   "for example `id: qi`")
    kind = raw.get("kind")
    if kind not in TERM_KINDS:
        raise where.at("kind").error(f"`kind` must be one of {', '.join(TERM_KINDS)}, "
                                     f"not {kind!r}")
    source = _text(raw.get("source", ""), where.at("source"), "source", empty_ok=True)
    locales = {key: _parse_locale(value, _locale_where(where, key))
               for key, value in raw.items() if key not in _TERM_KEYS}
    if not locales:
        raise where.error("has no locale block", "add one such as `en: {preferred: ...}`")
    return Term(term_id, kind, locales, source, where.path, _line(where.root, where.keys))


def _locale_where(where: _Where, key: Any) -> _Where:
    """Check that a key beside `id`/`kind`/`source` is a locale, and point into it."""
    try:
        if not isinstance(key, str):
            raise ValueError(key)
        Locale.parse(key)
    except (ValueError, UnknownLocaleError):
        close = difflib.get_close_matches(str(key), _TERM_KEYS, n=1)
        hint = (f"did you mean {close[0]!r}?" if close
                else "use id, kind, source or a Babel locale such as en or zh_Hans")
        raise where.at(str(key)).error(f"unknown key {key!r}", hint) from None
    return _Where(where.path, where.root, (*where.keys, key), where.term, key)


def _parse_locale(raw: Any, where: _Where) -> LocaleForms:
    if not isinstance(raw, dict):
        raise where.error("a locale block must be a mapping with `preferred`")
    _check_keys(raw, _LOCALE_KEYS, where)
    if "preferred" not in raw:
        raise where.error("missing `preferred` form", "every locale block needs one")
    case = raw.get("case", "insensitive")
    if case not in CASE_RULES:
        raise where.at("case").error(f"`case` must be one of {', '.join(CASE_RULES)}, "
                                     f"not {case!r}")
    forms = LocaleForms(
        preferred=_form_text(raw["preferred"], where.at("preferred"), "preferred"),
        variants=_forms(raw, "variants", where, reason_needed=False),
        discouraged=_forms(raw, "discouraged", where, reason_needed=True),
        forbidden=_forms(raw, "forbidden", where, reason_needed=True),
        case=case,
        exceptions=tuple(_form_text(v, where.at("exceptions", i), "exception")
                         for i, v in enumerate(_list(raw, "exceptions", where))),
        note=_text(raw.get("note", ""), where.at("note"), "note", empty_ok=True),
    )
    _check_unique(forms, where)
    _check_exceptions(forms, where)
    return forms


def _list(raw: Mapping[str, Any], key: str, where: _Where) -> list[Any]:
    value = raw.get(key) or []
    if not isinstance(value, list):
        raise where.at(key).error(f"`{key}` must be a list")
    return value


def _forms(raw: Mapping[str, Any], key: str, where: _Where,
           reason_needed: bool) -> tuple[Form, ...]:
    return tuple(_form(item, where.at(key, i), key, reason_needed)
                 for i, item in enumerate(_list(raw, key, where)))


def _form(item: Any, where: _Where, key: str, reason_needed: bool) -> Form:
    if isinstance(item, str) and not reason_needed:
        return Form(_form_text(item, where, key))
    if not isinstance(item, dict):
        shape = "{form: ..., reason: ...}" if reason_needed else "text or {pattern: ...}"
        raise where.error(f"each of `{key}` must be {shape}, not {item!r}")
    _check_keys(item, _FORM_KEYS, where)
    if ("form" in item) == ("pattern" in item):
        raise where.error(f"each of `{key}` needs either `form` or `pattern`")
    reason = _text(item.get("reason", ""), where.at("reason"), "reason", empty_ok=True)
    if reason_needed and not reason:
        raise where.error(f"{key} form needs a `reason`", "say why and what to write instead")
    if "form" in item:
        return Form(_form_text(item["form"], where.at("form"), key), False, reason)
    pattern = _text(item["pattern"], where.at("pattern"), "pattern")
    problem = pattern_problem(pattern)
    if problem:
        raise where.at("pattern").error(f"pattern {pattern!r} {problem}")
    return Form(pattern, True, reason)


def _text(value: Any, where: _Where, what: str, empty_ok: bool = False) -> str:
    if not isinstance(value, str):
        raise where.error(f"{what} must be text, not {value!r}", "quote it")
    if not value.strip() and not empty_ok:
        raise where.error(f"{what} is empty")
    return value


def _form_text(value: Any, where: _Where, what: str) -> str:
    text = _text(value, where, what)
    if text != text.strip():
        raise where.error(f"{what} {text!r} has spaces at an end", "remove them")
    return text


def _check_unique(forms: LocaleForms, where: _Where) -> None:
    def key(text: str) -> str:
        return text if forms.case == "exact" else fold(text)

    seen: dict[str, str] = {key(forms.preferred): "preferred"}
    for list_name in _FORM_LISTS:
        for i, form in enumerate(getattr(forms, list_name)):
            k = form.text if form.pattern else key(form.text)
            if k in seen:
                raise where.at(list_name, i).error(
                    f"form {form.text!r} is listed twice ({seen[k]} and {list_name})",
                    "keep one")
            seen[k] = list_name


def _check_exceptions(forms: LocaleForms, where: _Where) -> None:
    """An exception must be a longer text around a form, or it blocks nothing."""
    literal = [fold(forms.preferred)] + [fold(f.text) for name in _FORM_LISTS
                                         for f in getattr(forms, name) if not f.pattern]
    for i, text in enumerate(forms.exceptions):
        folded = fold(text)
        if not any(form in folded and form != folded for form in literal):
            raise where.at("exceptions", i).error(
                f"exception {text!r} does not contain a form of the term",
                "an exception is a longer word around a form, like 天气 around 气")
