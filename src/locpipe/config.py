"""Project configuration: `locpipe.yaml`, every key optional."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from babel import Locale, UnknownLocaleError

from locpipe.errors import LocpipeError

CONFIG_NAME = "locpipe.yaml"

BANDS = ("repetitions", "100%", "95-99", "85-94", "75-84", "50-74", "no match")
"""The match bands of `locpipe analyze`, best first: what a leverage analysis counts."""
DEFAULT_WEIGHTS = (0.3, 0.3, 0.6, 0.8, 0.8, 1.0, 1.0)
"""The share of a full word's price paid per band: the usual CAT tool grid."""


@dataclass(frozen=True)
class MemorySettings:
    """`memory:` in `locpipe.yaml`: the translation memory `update` pre-fills from."""

    enabled: bool = True
    """`memory: false` turns the memory off: `update` then merges as gettext does."""
    files: tuple[str, ...] = ()
    """External memories (`.po` compendia, `.tmx` files), relative to the project."""
    min_score: float = 75.0
    """The lowest similarity (0-100) a memory match needs to pre-fill an entry."""
    accept_exact: bool = False
    """Publish exact matches (same text, same msgctxt) unreviewed; else they are fuzzy."""


@dataclass(frozen=True)
class AnalysisSettings:
    """`analysis:` in `locpipe.yaml`: how `locpipe analyze` weighs each band."""

    weights: tuple[float, ...] = DEFAULT_WEIGHTS
    """One weight per band of `BANDS`, in that order."""


CONVERSIONS = ("s2t", "s2tw", "s2twp", "s2hk")
"""OpenCC configurations a derived locale may use: Simplified to Traditional
(OpenCC's standard), to Taiwan's (with its phrases: `s2twp`) and to Hong Kong's."""
QUOTE_STYLES = ("corner", "keep")
"""`corner`: “” becomes 「」 and ‘’ becomes 『』 (Taiwan and Hong Kong house styles);
`keep`: the curly quotes of the source locale stay."""


@dataclass(frozen=True)
class Derivation:
    """How `update` writes a locale's catalogues from another locale's."""

    source: str
    """The locale whose publishable translations are converted (`from:` in the file)."""
    convert: str
    """The OpenCC configuration, one of `CONVERSIONS`."""
    quotes: str = "corner"
    """One of `QUOTE_STYLES`."""


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
    derive: dict[str, Derivation] = field(default_factory=dict)
    """Derived locales (each one of `locales`) and how each is derived."""
    dialect: str | None = None
    """The Markdown dialect the articles are written in (`markdown.dialects`); None
    when not set, which detects it from the project."""
    extensions: dict[str, bool] = field(default_factory=dict)
    """Single extensions added to (true) or removed from (false) the dialect."""
    edition_keys: dict[str, str | None] = field(default_factory=dict)
    """The front-matter key each of `EDITION_FIELDS` is written as in an edition, where
    it differs from the dialect's (`EDITION_KEYS`); None leaves the field out."""
    assets: str = "copy"
    """What becomes of the files the articles link to (`ASSET_MODES`): copied into each
    edition's folder, linked there (symbolic links), or left alone."""
    checks: dict[str, Any] = field(default_factory=dict)
    """`locpipe check` settings: `severity` (code -> level) and `ignore` (codes)."""
    memory: MemorySettings = field(default_factory=MemorySettings)
    """The translation memory: external files, the pre-fill threshold, exact matches."""
    analysis: AnalysisSettings = field(default_factory=AnalysisSettings)
    """The weights of `locpipe analyze`."""
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
    def base_locales(self) -> tuple[str, ...]:
        """The target locales that are translated, not derived."""
        return tuple(loc for loc in self.locales if loc not in self.derive)

    @property
    def all_locales(self) -> tuple[str, ...]:
        """The source locale first, then the targets."""
        return (self.source_locale, *self.locales)


FAST_PATHS = os.environ.get("LOCPIPE_FAST_PATHS", "1") != "0"
"""Whether the fast paths run: `LOCPIPE_FAST_PATHS=0` turns every one off for a run,
the Markdown ones (`markdown.fastpath`) and the editions' (`site.fastpath`) alike."""

_GFM = ("table", "strikethrough", "footnote", "tasklist", "alert")
DIALECTS: dict[str, tuple[str, ...]] = {
    "commonmark": (),
    "gfm": _GFM,
    "vitepress": (*_GFM, "container", "heading_attrs", "components"),
    "docusaurus": (*_GFM, "container", "heading_attrs", "mdx"),
    "mkdocs": ("table", "strikethrough", "footnote", "tasklist", "callout", "admonition", "tabs",
               "blocks", "attr_list", "heading_attrs", "abbreviation", "deflist", "snippet"),
    "hugo": (*_GFM, "callout", "heading_attrs", "attr_list", "shortcode", "deflist"),
    "mdbook": (*_GFM, "heading_attrs", "include"),
}
"""What each `dialect:` turns on; `markdown.dialects` makes a parser of it."""
DEFAULT_DIALECT = "gfm"
ASSET_MODES = ("copy", "link", "none")
EXTENSIONS = tuple(dict.fromkeys(name for names in DIALECTS.values() for name in names))
"""Every extension `extensions:` may add or remove."""

EDITION_FIELDS = ("lang", "translation_key", "source_lang", "completeness", "date_display",
                  "reading_time_minutes")
"""The fields locpipe writes into an edition's front matter (`site.editions`)."""
EDITION_KEYS: dict[str, dict[str, str]] = {
    # Hugo pairs the languages of a page by `translationKey`.
    "hugo": {"translation_key": "translationKey"},
}
"""Each dialect's own names for `EDITION_FIELDS`, where they are not the fields' names.
VitePress and MkDocs read `lang`; mkdocs-static-i18n pairs editions by path and reads no
key of its own, so `translation_key` stays for the site's templates."""



@dataclass(frozen=True)
class Detection:
    """The dialect a project's files say it is written in, and the file that says so."""

    dialect: str
    marker: Path
    """The file or folder that told (`mkdocs.yml`, `.vitepress/`)."""


# Hugo's settings that no other generator's `config.toml` has (Zola writes `base_url`).
_HUGO_KEYS = re.compile(r"^\s*(?:baseURL|languageCode|defaultContentLanguage|theme|"
                        r"\[(?:params|menu|markup|taxonomies|languages)[.\]])",
                        re.MULTILINE | re.IGNORECASE)


def _hugo_config(path: Path) -> bool:
    """A `config.toml` is Hugo's when it has Hugo's keys."""
    try:
        return bool(_HUGO_KEYS.search(path.read_text(encoding="utf-8", errors="replace")))
    except OSError:
        return False


_MARKERS: tuple[tuple[str, str, Callable[[Path], bool]], ...] = (
    (".vitepress", "vitepress", Path.is_dir),
    ("docusaurus.config.js", "docusaurus", Path.is_file),
    ("docusaurus.config.ts", "docusaurus", Path.is_file),
    ("docusaurus.config.mjs", "docusaurus", Path.is_file),
    ("mkdocs.yml", "mkdocs", Path.is_file),
    ("mkdocs.yaml", "mkdocs", Path.is_file),
    ("hugo.toml", "hugo", Path.is_file),
    ("hugo.yaml", "hugo", Path.is_file),
    ("hugo.json", "hugo", Path.is_file),
    ("config.toml", "hugo", _hugo_config),
    ("book.toml", "mdbook", Path.is_file),
)
"""The files each site generator keeps in its project, in the order they are asked for."""


@lru_cache(maxsize=16)  # asked once per run and process, not once per document
def detect_dialect(root: Path, content_dir: str = "content") -> Detection | None:
    """The dialect the site generator's own files name, looked for in the content folder
    and each folder above it up to the project root (VitePress keeps `docs/.vitepress/`,
    Hugo `hugo.toml` beside `content/`); None when no generator's file is there."""
    root = root.resolve()
    places = [(root / content_dir).resolve()]
    while places[-1] != root and root in places[-1].parents:
        places.append(places[-1].parent)
    if root not in places:
        places.append(root)
    for place in places:
        for name, dialect, present in _MARKERS:
            if present(place / name):
                return Detection(dialect, place / name)
    return None


def dialect_name(config: Config) -> str:
    """The project's dialect: the one set in `locpipe.yaml`, else the detected one, else
    the default."""
    if config.dialect is not None:
        return config.dialect
    found = detect_dialect(config.root, config.content_dir)
    return found.dialect if found else DEFAULT_DIALECT


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
    if "derive" in values:
        _check_derived(values["derive"], values.get("locales", Config.locales), path,
                       lines.get("derive"))
    root = path.parent.resolve()
    for key in _DIR_KEYS:
        if key in values:
            _check_inside(root, values[key], key, path, lines.get(key))
    config = Config(root=root, config_path=path, **values)
    _check_consistent(config, path, lines)
    return config


def _key_lines(path: Path) -> dict[str, int]:
    """Map each top-level key to its 1-based line, for error messages; a key given
    twice, at any depth, is an error (YAML loaders silently keep the last)."""
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    if not isinstance(node, yaml.MappingNode):
        return {}
    _check_repeats(node, path)
    return {str(k.value): k.start_mark.line + 1 for k, _ in node.value}


def _check_repeats(node: yaml.Node, path: Path) -> None:
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_repeats(item, path)
    if not isinstance(node, yaml.MappingNode):
        return
    first: dict[str, int] = {}
    for key, value in node.value:
        line = key.start_mark.line + 1
        name = str(key.value)
        if isinstance(key, yaml.ScalarNode) and name in first:
            raise LocpipeError(f"key {name!r} is given twice (first at line {first[name]})",
                               path, line, "keep one of them")
        first[name] = line
        _check_repeats(value, path)


def _check_consistent(config: Config, path: Path, lines: dict[str, int]) -> None:
    """Settings that each make sense alone but not together."""
    if config.source_locale in config.locales:
        raise LocpipeError(f"'locales' names the source locale {config.source_locale!r}",
                           path, lines.get("locales"),
                           "list only the target languages; the source has its own edition")
    folders = {key: (config.root / getattr(config, key)).resolve()
               for key in ("content_dir", "locales_dir", "output_dir")}
    for one, other in (("content_dir", "output_dir"), ("content_dir", "locales_dir"),
                       ("locales_dir", "output_dir")):
        a, b = folders[one], folders[other]
        if a == b or a in b.parents or b in a.parents:
            key = other if other in lines else one
            raise LocpipeError(f"{one!r} and {other!r} overlap: {getattr(config, one)!r} "
                               f"and {getattr(config, other)!r}", path, lines.get(key),
                               "give each its own folder, neither inside the other")


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
        repeated = [v for i, v in enumerate(value) if v in value[:i]]
        if repeated:
            raise LocpipeError(f"'locales' lists {repeated[0]!r} twice", path, line,
                               "list each locale once")
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
    if key == "derive":
        if not isinstance(value, dict):
            raise fail("a mapping such as {zh_Hant: {from: zh_Hans, convert: s2twp}}")
        return {_locale(k, path, line, key): _derivation(k, v, path, line)
                for k, v in value.items()}
    if key == "dialect":
        return _dialect(value, path, line)
    if key == "extensions":
        return _extensions(value, path, line)
    if key == "assets":
        if value not in ASSET_MODES:
            raise fail("one of " + ", ".join(ASSET_MODES))
        return value
    if key == "edition_keys":
        return _edition_keys(value, path, line)
    if key == "checks":
        if not isinstance(value, dict):
            raise fail("a mapping with `severity` and `ignore`")
        return value
    if key == "memory":
        return _memory(value, path, line)
    if key == "analysis":
        return _analysis(value, path, line)
    raise AssertionError(key)  # pragma: no cover


_DERIVE_KEYS = ("from", "convert", "quotes")


def _derivation(target: str, value: Any, path: Path, line: int | None) -> Derivation:
    where = f"'derive.{target}'"
    if not isinstance(value, dict):
        raise LocpipeError(f"{where} must be a mapping with `from` and `convert`, not {value!r}",
                           path, line, f"write {target}: {{from: zh_Hans, convert: s2twp}}")
    unknown = [k for k in value if k not in _DERIVE_KEYS]
    if unknown:
        raise LocpipeError(f"{where}: unknown key {unknown[0]!r}", path, line,
                           "known keys: " + ", ".join(_DERIVE_KEYS))
    if "from" not in value or "convert" not in value:
        raise LocpipeError(f"{where} needs both `from` and `convert`", path, line,
                           f"write {target}: {{from: zh_Hans, convert: s2twp}}")
    source = _locale(value["from"], path, line, f"derive.{target}.from")
    convert, quotes = value["convert"], value.get("quotes", "corner")
    if convert not in CONVERSIONS:
        raise LocpipeError(f"{where}: unknown OpenCC conversion {convert!r}", path, line,
                           "use one of: " + ", ".join(CONVERSIONS))
    if quotes not in QUOTE_STYLES:
        raise LocpipeError(f"{where}: `quotes` must be one of {', '.join(QUOTE_STYLES)}, "
                           f"not {quotes!r}", path, line)
    return Derivation(source, convert, quotes)


def _check_derived(derive: dict[str, Derivation], locales: tuple[str, ...], path: Path,
                   line: int | None) -> None:
    """A derived locale is a target; its source is a target that is not derived itself."""
    for target, how in derive.items():
        if target not in locales:
            raise LocpipeError(f"'derive': {target!r} is not one of `locales`", path, line,
                               f"add {target} to `locales`")
        if how.source not in locales or how.source in derive:
            raise LocpipeError(f"'derive.{target}.from': {how.source!r} must be a translated "
                               "locale of `locales`", path, line,
                               "derive from a locale that translators write")
def _dialect(value: Any, path: Path, line: int | None) -> str:
    if not isinstance(value, str) or value not in DIALECTS:
        close = difflib.get_close_matches(str(value), sorted(DIALECTS), n=1)
        hint = f"did you mean {close[0]!r}?" if close else "known: " + ", ".join(DIALECTS)
        raise LocpipeError(f"'dialect': unknown dialect {value!r}", path, line, hint)
    return value


def _extensions(value: Any, path: Path, line: int | None) -> dict[str, bool]:
    if not isinstance(value, dict) or not all(isinstance(v, bool) for v in value.values()):
        raise LocpipeError(f"'extensions' must map extension names to true or false, "
                           f"not {value!r}", path, line,
                           "write e.g. `extensions: {footnote: false}`")
    for name in value:
        if name not in EXTENSIONS:
            close = difflib.get_close_matches(str(name), sorted(EXTENSIONS), n=1)
            hint = f"did you mean {close[0]!r}?" if close else "known: " + ", ".join(EXTENSIONS)
            raise LocpipeError(f"'extensions': unknown extension {name!r}", path, line, hint)
    return dict(value)


def _edition_keys(value: Any, path: Path, line: int | None) -> dict[str, str | None]:
    if not isinstance(value, dict) or not all(
            v is False or (isinstance(v, str) and v.strip()) for v in value.values()):
        raise LocpipeError(f"'edition_keys' must map edition fields to a key name or false, "
                           f"not {value!r}", path, line,
                           "write e.g. `edition_keys: {translation_key: translationKey}`")
    for name in value:
        if name not in EDITION_FIELDS:
            close = difflib.get_close_matches(str(name), EDITION_FIELDS, n=1)
            hint = f"did you mean {close[0]!r}?" if close else "known: " + ", ".join(
                EDITION_FIELDS)
            raise LocpipeError(f"'edition_keys': unknown edition field {name!r}", path, line,
                               hint)
    return {name: None if key is False else key for name, key in value.items()}


_MEMORY_KEYS = ("enabled", "files", "min_score", "accept_exact")


def _memory(value: Any, path: Path, line: int | None) -> MemorySettings:
    """`memory: false`, `memory: [a.po, b.tmx]` or a mapping of `_MEMORY_KEYS`."""
    if value is False or value is True:
        return MemorySettings(enabled=value)
    if isinstance(value, list):
        value = {"files": value}
    if not isinstance(value, dict):
        raise LocpipeError(f"'memory' must be a list of files, false or a mapping, "
                           f"not {value!r}", path, line,
                           "write `memory: [old.po, agency.tmx]` or `memory: {min_score: 80}`")
    unknown = sorted(str(k) for k in value if k not in _MEMORY_KEYS)
    if unknown:
        raise LocpipeError(f"unknown key 'memory.{unknown[0]}'", path, line,
                           "known keys: " + ", ".join(_MEMORY_KEYS))
    enabled, accept = value.get("enabled", True), value.get("accept_exact", False)
    for name, flag in (("enabled", enabled), ("accept_exact", accept)):
        if not isinstance(flag, bool):
            raise LocpipeError(f"'memory.{name}' must be true or false, not {flag!r}", path, line)
    score = value.get("min_score", 75)
    if isinstance(score, bool) or not isinstance(score, (int, float)) or not 0 < score <= 100:
        raise LocpipeError(f"'memory.min_score' must be a number above 0 up to 100, "
                           f"not {score!r}", path, line)
    return MemorySettings(enabled, _memory_files(value.get("files", []), path, line),
                          float(score), accept)


def _memory_files(files: Any, path: Path, line: int | None) -> tuple[str, ...]:
    if not isinstance(files, list) or not all(isinstance(f, str) and f for f in files):
        raise LocpipeError(f"'memory.files' must be a list of file paths, not {files!r}",
                           path, line)
    for file in files:
        if not file.endswith((".po", ".tmx")):
            raise LocpipeError(f"'memory.files': {file!r} is neither .po nor .tmx", path, line,
                               "list gettext compendia (.po) and TMX files (.tmx)")
        _check_inside(path.parent.resolve(), file, "memory.files", path, line)
    return tuple(files)


def _analysis(value: Any, path: Path, line: int | None) -> AnalysisSettings:
    """`analysis: {weights: {repetitions: 0.3, 100%: 0.3, ...}}`: a weight per band."""
    if not isinstance(value, dict) or set(value) - {"weights"}:
        raise LocpipeError(f"'analysis' must be a mapping with `weights`, not {value!r}",
                           path, line)
    weights = value.get("weights", {})
    if not isinstance(weights, dict):
        raise LocpipeError(f"'analysis.weights' must map bands to numbers, not {weights!r}",
                           path, line, "bands: " + ", ".join(BANDS))
    chosen = dict(zip(BANDS, DEFAULT_WEIGHTS, strict=True))
    for band, weight in weights.items():
        name = _band_name(band)
        if name is None:
            raise LocpipeError(f"'analysis.weights': unknown band {band!r}", path, line,
                               "bands: " + ", ".join(BANDS))
        if isinstance(weight, bool) or not isinstance(weight, (int, float)) or weight < 0:
            raise LocpipeError(f"'analysis.weights.{name}' must be a number of at least 0, "
                               f"not {weight!r}", path, line)
        chosen[name] = float(weight)
    return AnalysisSettings(tuple(chosen[band] for band in BANDS))


def _band_name(band: Any) -> str | None:
    """A band as written in YAML (`100`, `100%`, `95–99`, `no_match`) to its name."""
    text = str(band).strip().lower().replace("\u2013", "-").replace("_", " ")
    text = {"100": "100%", "exact": "100%", "repetition": "repetitions",
            "no-match": "no match"}.get(text, text)
    return text if text in BANDS else None


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
