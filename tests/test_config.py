"""`locpipe.yaml`: the dialect detected from the project, and the edition keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from locpipe.config import Config, detect_dialect, dialect_name, load_config
from locpipe.errors import LocpipeError
from locpipe.jobs.cache import settings_fingerprint
from locpipe.markdown.dialects import dialect_of
from pipeline_support import invoke, write_files

HUGO_CONFIG = 'baseURL = "https://example.org/"\nlanguageCode = "en-us"\ntitle = "Site"\n'
ZOLA_CONFIG = 'base_url = "https://example.org"\ntitle = "Site"\n'


@pytest.mark.parametrize(("files", "dialect", "marker"), [
    ({".vitepress/config.mts": "export default {}\n"}, "vitepress", ".vitepress"),
    ({"docusaurus.config.js": "module.exports = {};\n"}, "docusaurus", "docusaurus.config.js"),
    ({"docusaurus.config.ts": "export default {};\n"}, "docusaurus", "docusaurus.config.ts"),
    ({"mkdocs.yml": "site_name: Site\n"}, "mkdocs", "mkdocs.yml"),
    ({"hugo.toml": HUGO_CONFIG}, "hugo", "hugo.toml"),
    ({"config.toml": HUGO_CONFIG}, "hugo", "config.toml"),
    ({"book.toml": "[book]\ntitle = \"Book\"\n"}, "mdbook", "book.toml"),
])
def test_the_dialect_is_detected_from_the_generator_s_file(
        tmp_path: Path, files: dict[str, str], dialect: str, marker: str) -> None:
    root = write_files(tmp_path, {**files, "content/a.md": "# A\n"})
    found = detect_dialect(root)
    assert found is not None and (found.dialect, found.marker) == (dialect, root / marker)
    config = Config(root=root)
    assert dialect_name(config) == dialect == dialect_of(config).name


@pytest.mark.parametrize("files", [
    {},
    {"config.toml": ZOLA_CONFIG},        # Zola's config.toml has none of Hugo's keys
    {".vitepress": "not a folder\n"},    # a file named like VitePress's folder
    {"site/mkdocs.yml": "site_name: Site\n"},  # beside neither the content nor the root
])
def test_no_generator_s_file_is_the_default(tmp_path: Path, files: dict[str, str]) -> None:
    root = write_files(tmp_path, {**files, "content/a.md": "# A\n"})
    assert detect_dialect(root) is None
    assert dialect_name(Config(root=root)) == "gfm"


def test_the_folder_of_the_content_is_asked_first(tmp_path: Path) -> None:
    root = write_files(tmp_path, {"docs/.vitepress/config.mts": "export default {}\n",
                                  "docs/guide/a.md": "# A\n", "mkdocs.yml": "site_name: S\n"})
    found = detect_dialect(root, "docs/guide")
    assert found is not None and (found.dialect, found.marker) == \
        ("vitepress", root / "docs/.vitepress")


def test_a_set_dialect_wins_over_the_detected_one(tmp_path: Path) -> None:
    root = write_files(tmp_path, {"mkdocs.yml": "site_name: S\n", "content/a.md": "# A\n"})
    assert dialect_name(Config(root=root, dialect="commonmark")) == "commonmark"


def test_the_detected_dialect_enters_the_cache_fingerprint(tmp_path: Path) -> None:
    root = write_files(tmp_path, {"content/a.md": "# A\n"})
    before = settings_fingerprint(Config(root=root))
    write_files(root, {"mkdocs.yml": "site_name: S\n"})
    detect_dialect.cache_clear()
    assert settings_fingerprint(Config(root=root)) != before


def test_one_info_line_says_what_was_detected(tmp_path: Path) -> None:
    root = write_files(tmp_path, {"locpipe.yaml": "locales: [zh_Hans]\n",
                                  "mkdocs.yml": "site_name: S\n", "content/a.md": "# A\n"})
    run = invoke(root, "extract")
    assert run.code == 0
    assert run.err.splitlines() == ["info: dialect mkdocs, detected from mkdocs.yml (set "
                                    "`dialect` in locpipe.yaml to choose another)"]
    write_files(root, {"locpipe.yaml": "locales: [zh_Hans]\ndialect: mkdocs\n"})
    assert invoke(root, "extract").err == ""


def test_a_detected_dialect_segments_with_its_grammar(tmp_path: Path) -> None:
    root = write_files(tmp_path, {
        "locpipe.yaml": "locales: [zh_Hans]\n", "mkdocs.yml": "site_name: S\n",
        "content/a.md": '!!! note "Title"\n\n    Body of the note.\n'})
    assert invoke(root, "extract").code == 0
    pot = (root / "locales/templates/a.pot").read_text(encoding="utf-8")
    assert 'msgid "Body of the note."' in pot and "!!!" not in pot


@pytest.mark.parametrize(("setting", "message"), [
    ("edition_keys: {translation_key: translationKey, lang: false}", None),
    ("edition_keys: {translation: translationKey}", "unknown edition field 'translation'"),
    ("edition_keys: {lang: 3}", "must map edition fields to a key name or false"),
    ("edition_keys: {lang: ''}", "must map edition fields to a key name or false"),
    ("edition_keys: [lang]", "must map edition fields to a key name or false"),
])
def test_edition_keys_are_validated(tmp_path: Path, setting: str, message: str | None) -> None:
    path = write_files(tmp_path, {"locpipe.yaml": f"locales: [zh_Hans]\n{setting}\n"}) \
        / "locpipe.yaml"
    if message is None:
        assert load_config(path).edition_keys == {"translation_key": "translationKey",
                                                  "lang": None}
        return
    with pytest.raises(LocpipeError) as caught:
        load_config(path)
    assert (caught.value.line, message in caught.value.message) == (2, True)
