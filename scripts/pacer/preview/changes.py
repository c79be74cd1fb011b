"""Which pages of the site a pull request changes, worked out from the files it changes.

The build's source map (``.source-map.json``, scripts/pacer/links/source_map.py) says which
source file made each page, the glossary terms each page defines at their first use and the
bibliography keys it cites. From the list of changed files (``git diff --name-status``):

- a page's Markdown or a notebook (.py) changes that page;
- a file in a module's folder that is not a page (its ``data/``, images, a notebook's helper
  module) changes the pages of that module that name it, and for data and helpers the module's
  notebooks and their worksheets; the module's page when none does;
- a module page whose front matter changed also changes its course's page and the pages made
  from every module's front matter (its table of modules, the SPOR coverage);
- ``docs/_data/glossary.yml`` changes the glossary page and the pages that use a term whose
  entry changed; ``docs/_data/bibliography.yml`` the references page and the pages that cite a
  key whose entry changed (without the old file: every page that uses any);
- another file in ``docs/_snippets/`` or ``docs/_data/`` changes the pages that include it by
  name, or use a generated block made from it (site.MARKERS names its file);
- the theme, the build's code and its configuration can change every page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Callable

import yaml

from pacer.links.sources import SourceMap
from pacer.model.frontmatter import FrontMatterError, split as split_front_matter
from pacer.paths import COURSES
from pacer.render import site
from pacer.render.views import FACILITATOR_FOLDER

GLOSSARY = "docs/_data/glossary.yml"
BIBLIOGRAPHY = "docs/_data/bibliography.yml"
SHARED_FOLDERS = ("docs/_snippets/", "docs/_data/")
# Files that can change every page: the theme, the build's own code and its configuration.
EVERY_PAGE = ("overrides/", "scripts/pacer/", "mkdocs.yml", "requirements.txt", "pyproject.toml")
# Pages made from every module's front matter.
FROM_EVERY_MODULE = ("docs/spor/coverage.md",)
MODULE_FOLDER = re.compile(r"^(course\d+/\d\d-[^/]+)/")
OWN_CHANGE = {"page", "new-page", "notebook"}    # reasons that are the page's own file


@dataclass(frozen=True)
class Change:
    path: str             # repository path, forward slashes
    status: str = "M"     # git's letter: A added, M modified, D deleted


@dataclass(frozen=True, order=True)
class PageChange:
    address: str          # the page's address in the built site: course2/01-interviewing/
    title: str
    reason: str           # page | new-page | notebook | module-file | front-matter | glossary | bibliography | shared-file
    detail: str           # the changed file, glossary term or bibliography key


@dataclass
class ChangedPages:
    pages: list[PageChange] = field(default_factory=list)
    every_page: list[str] = field(default_factory=list)    # changed files that can change every page
    removed: list[str] = field(default_factory=list)       # page sources the pull request deletes
    not_pages: list[str] = field(default_factory=list)     # changed files no page is made from


def parse_name_status(text: str) -> list[Change]:
    """``git diff --name-status --no-renames`` output as changes (blank lines skipped)."""
    changes = []
    for line in text.splitlines():
        status, _, path = line.partition("\t")
        if path.strip():
            changes.append(Change(path.strip(), status.strip()[:1] or "M"))
    return changes


def address(built: str) -> str:
    """A built file's address: course2/01-interviewing/index.html -> course2/01-interviewing/."""
    return built[: -len("index.html")] if built.endswith("index.html") else built


class Pages:
    """The built pages of a source map, by source; a page in the learner view comes first."""

    def __init__(self, source_map: SourceMap):
        self.by_source: dict[str, list[tuple[str, dict]]] = {}
        in_views = sorted(source_map.pages.items(), key=lambda item: (item[0].startswith(FACILITATOR_FOLDER + "/"), item[0]))
        for built, entry in in_views:
            self.by_source.setdefault(str(entry.get("source") or ""), []).append((built, entry))

    def of(self, source: str) -> tuple[str, dict] | None:
        """The page made from ``source`` (its learner page when it has one), or None."""
        found = self.by_source.get(source)
        return found[0] if found else None

    def sources(self) -> list[str]:
        return sorted(self.by_source)

    def using(self, kind: str, names: set[str] | None) -> list[tuple[str, dict, list[str]]]:
        """Pages (one per source) whose entry lists any of ``names`` under ``kind`` (every name when None)."""
        found = []
        for source in self.sources():
            built, entry = self.by_source[source][0]
            used = [str(n) for n in entry.get(kind) or [] if names is None or str(n) in names]
            if used:
                found.append((built, entry, used))
        return found


def changed_pages(changes: list[Change], source_map: SourceMap, root: Path,
                  old_text: Callable[[str], str | None] = lambda path: None) -> ChangedPages:
    """The pages ``changes`` reach. ``root`` holds the pull request's files (to read pages and
    data); ``old_text(path)`` gives a file as it was before the pull request, or None."""
    pages = Pages(source_map)
    result = ChangedPages()
    found: dict[str, PageChange] = {}

    def add(built: str, entry: dict, reason: str, detail: str) -> None:
        """One line per page: its own change first, else the first thing found that reaches it."""
        where = address(built)
        if where not in found or (reason in OWN_CHANGE and found[where].reason not in OWN_CHANGE):
            found[where] = PageChange(where, str(entry.get("title") or where), reason, detail)

    def add_source(source: str, reason: str, detail: str) -> bool:
        page = pages.of(source)
        if page:
            add(*page, reason, detail)
        return page is not None

    for change in changes:
        path = change.path
        if path.startswith(EVERY_PAGE) or path in EVERY_PAGE:
            result.every_page.append(path)
        elif change.status == "D":
            (result.removed if _is_page_source(path) else result.not_pages).append(path)
        elif path == GLOSSARY:
            _data_entries(path, "term", "terms", "glossary", site.GLOSSARY_PAGE, pages, root, old_text, add, add_source)
        elif path == BIBLIOGRAPHY:
            _data_entries(path, "key", "cites", "bibliography", site.REFERENCES_PAGE, pages, root, old_text, add, add_source)
        elif pages.of(path):
            add_source(path, "new-page" if change.status == "A" else "notebook" if path.endswith(".py") else "page", path)
            if _front_matter_changed(change, root, old_text):
                course = path.split("/", 1)[0]
                for other in (f"{course}/index.md", *FROM_EVERY_MODULE):
                    add_source(other, "front-matter", path)
        elif MODULE_FOLDER.match(path):
            if not _module_file(path, pages, root, add_source):
                result.not_pages.append(path)
        elif path.startswith(SHARED_FOLDERS):
            if not _shared_file(path, pages, root, add_source):
                result.not_pages.append(path)
        else:
            result.not_pages.append(path)
    # the pages the pull request edits first, then the others in the order found: each changed
    # file's own page (the glossary's, say) before the pages it reaches
    result.pages = sorted(found.values(), key=lambda p: p.reason not in OWN_CHANGE)
    return result


def _is_page_source(path: str) -> bool:
    top = path.split("/", 1)[0]
    return (top == "docs" and path.endswith(".md") and not path.startswith(SHARED_FOLDERS)) or \
        (top in COURSES and (path.endswith(".md") or (path.endswith(".py") and not PurePosixPath(path).name.startswith("_"))))


def _read(root: Path, source: str) -> str:
    try:
        return (root / source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _front_matter(text: str) -> object:
    try:
        return split_front_matter(text).meta
    except FrontMatterError:  # unreadable: the build reports it; here the text stands for it
        return text


def _front_matter_changed(change: Change, root: Path, old_text) -> bool:
    """A module page that is new, or whose front matter differs from before (when known)."""
    path = change.path
    if not (MODULE_FOLDER.match(path) and path.endswith("/index.md") and path.count("/") == 2):
        return False
    before = old_text(path)
    if before is None:
        return change.status == "A"
    return _front_matter(before) != _front_matter(_read(root, path))


def _module_file(path: str, pages: Pages, root: Path, add_source) -> bool:
    """A module's data, image or helper: the module's pages that name it, and for data and
    helpers its notebooks and their worksheets; else the module's page."""
    folder = MODULE_FOLDER.match(path).group(1)
    name = PurePosixPath(path).name
    feeds_notebooks = "/data/" in path or (name.startswith("_") and name.endswith(".py"))
    hit = False
    for source in pages.sources():
        if not source.startswith(folder + "/"):
            continue
        stem = PurePosixPath(source).name
        notebook_side = source.endswith(".py") or stem.startswith("worksheet-")
        if (feeds_notebooks and notebook_side) or name in _read(root, source):
            hit = add_source(source, "module-file", path) or hit
    return hit or add_source(folder + "/index.md", "module-file", path)


def _shared_file(path: str, pages: Pages, root: Path, add_source) -> bool:
    """A snippet or data file: the pages that include it by name, or use a generated block
    made from it (the block's description in site.MARKERS names the file)."""
    inside = path.split("/", 2)[2] if path.count("/") >= 2 else path
    markers = [name for name, what in site.MARKERS.items() if path in what]
    patterns = [re.escape(inside)] + [rf"<!--\s*generated:\s*{re.escape(m)}\b" for m in markers]
    wanted = re.compile("|".join(patterns))
    hit = False
    for source in pages.sources():
        if wanted.search(_read(root, source)):
            hit = add_source(source, "shared-file", path) or hit
    return hit


def _entries(text: str | None, field_name: str) -> dict[str, object] | None:
    """A YAML list of entries by their ``field_name`` (None when the text is missing or unreadable)."""
    if text is None:
        return None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return None
    if not isinstance(data, list):
        return None
    return {str(e[field_name]): e for e in data if isinstance(e, dict) and field_name in e}


def changed_entries(before: str | None, after: str | None, field_name: str) -> set[str] | None:
    """The ids of entries added, removed or changed between two versions, or None when either
    version cannot be read (then every entry counts as changed)."""
    old, new = _entries(before, field_name), _entries(after, field_name)
    if old is None or new is None:
        return None
    return {key for key in old.keys() | new.keys() if old.get(key) != new.get(key)}


def _data_entries(path, field_name, kind, reason, page_src, pages, root, old_text, add, add_source) -> None:
    """The glossary or the bibliography: its own page, and the pages that use a changed entry."""
    changed = changed_entries(old_text(path), _read(root, path) or None, field_name)
    add_source(f"docs/{page_src}", reason, _some(sorted(changed)) if changed else path)
    for built, entry, used in pages.using(kind, changed):
        add(built, entry, reason, _some(used))


def _some(names: list[str]) -> str:
    return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
