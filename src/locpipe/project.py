"""Where a project's files live: articles, templates, catalogues, editions."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from locpipe.config import Config
from locpipe.errors import LocpipeError
from locpipe.jobs.files import inside


@dataclass(frozen=True)
class Project:
    """The paths of one configured project."""

    config: Config

    def articles(self) -> list[Path]:
        """Every `*.md` under the content folder, sorted, none leading outside it."""
        folder = self.config.content_path
        if not folder.is_dir():
            raise LocpipeError("content folder not found", folder,
                               hint="create it or set `content_dir` in locpipe.yaml")
        files = sorted(p for p in folder.rglob("*.md") if p.is_file())
        for file in files:
            inside(folder, file.relative_to(folder).as_posix(), "article")
        return files

    def slug(self, article: Path) -> str:
        return article.relative_to(self.config.content_path).with_suffix("").as_posix()

    def template_path(self, slug: str) -> Path:
        return inside(self.config.locales_path, f"templates/{slug}.pot", "template")

    def catalogue_path(self, locale: str, slug: str) -> Path:
        # Checked against the whole folder: a linked locale folder must not lead out either.
        return inside(self.config.locales_path, f"{locale}/LC_MESSAGES/{slug}.po", "catalogue")

    def edition_path(self, lang: str, slug: str) -> Path:
        return inside(self.config.output_path, f"{lang}/{slug}.md", "edition")

    def templates(self) -> list[tuple[str, Path]]:
        """(slug, path) of every template, sorted."""
        folder = self.config.locales_path / "templates"
        if not folder.is_dir():
            return []
        return [(p.relative_to(folder).with_suffix("").as_posix(), p)
                for p in sorted(folder.rglob("*.pot"))]

    def target_locales(self, chosen: Sequence[str] = ()) -> tuple[str, ...]:
        """The configured target locales, or the chosen ones if they are configured."""
        known = self.config.locales
        unknown = [c for c in chosen if c not in known]
        if unknown:
            raise LocpipeError(f"locale {unknown[0]!r} is not configured",
                               self.config.config_path,
                               hint="choose one of: " + ", ".join(known))
        return tuple(chosen) or known


def lang_tag(locale: str) -> str:
    """BCP 47 tag of a Babel identifier: `zh_Hans` -> `zh-Hans`."""
    return locale.replace("_", "-")


def relative(paths: Iterable[Path], root: Path) -> list[str]:
    return [p.relative_to(root).as_posix() for p in paths]
