"""Trace a link found in the built site back to the file an author edits, and its line.

The build writes ``.source-map.json`` into the site (links/source_map.py): built page
-> source file (Markdown page, notebook .py) and the theme template that wrapped it. A link in
a page's own content is looked up in that source file by its text; a link in the header,
navigation, footer or <head> (or one the source does not contain) is looked up in the theme
overrides, then mkdocs.yml, then the theme's own templates.
"""

from __future__ import annotations

import bisect
import importlib.util
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pacer.links.built import Finding, Link

SOURCE_MAP_NAME = ".source-map.json"  # written by the plugin (scripts/pacer/links/source_map.py)


@dataclass
class SourceMap:
    pages: dict[str, dict] = field(default_factory=dict)
    site_url: str = ""
    custom_dir: str | None = None
    config_file: str | None = "mkdocs.yml"
    docs_dir: str | None = "docs"
    theme: str = ""
    static_templates: list[str] = field(default_factory=list)
    found: bool = False
    views: list[str] = field(default_factory=list)  # folders of views built inside the site ("facilitator/")

    def same_in_every_view(self, address: str) -> str:
        """An address inside a nested view, as it is in the main view (one fault, one report)."""
        return next((address[len(view):] for view in self.views if address.startswith(view)), address)


def load_source_map(site: Path) -> SourceMap:
    """The map the build left in the site, or an empty one when it is missing or unreadable.

    A view built inside the site (the facilitator view in ``facilitator/``) leaves its own map
    there; its pages are added under that folder's name."""
    found = _load_one(site)
    for nested in sorted(site.glob(f"*/{SOURCE_MAP_NAME}")):
        inner = _load_one(nested.parent)
        prefix = nested.parent.name + "/"
        found.pages.update({prefix + page: source for page, source in inner.pages.items()})
        found.static_templates += [prefix + name for name in inner.static_templates]
        found.views.append(prefix)
    return found


def _load_one(site: Path) -> SourceMap:
    try:
        data = json.loads((site / SOURCE_MAP_NAME).read_text(encoding="utf-8"))
        return SourceMap(
            pages={str(k): v for k, v in dict(data.get("pages") or {}).items() if isinstance(v, dict)},
            site_url=str(data.get("site_url") or ""),
            custom_dir=data.get("custom_dir"),
            config_file=data.get("config_file") or "mkdocs.yml",
            docs_dir=data.get("docs_dir") or "docs",
            theme=str(data.get("theme") or ""),
            static_templates=[str(name) for name in data.get("static_templates") or []],
            found=True,
        )
    except (OSError, ValueError, TypeError, AttributeError):
        return SourceMap()


def needles(link: Link, in_page_source: bool = True, base_path: str = "/") -> list[str]:
    """Texts to look for in a source file, from the most to the least exact.

    In a page's own source a link may be written differently from how it was built
    (``other.md#part`` becomes ``../other/#part``; a citation ``[@key]`` becomes
    ``../references/#key``), so the fragment and the last part of the path are tried too.
    Templates and mkdocs.yml are searched only for the address or a file name, which are
    specific enough not to match something unrelated.
    """
    value = link.value.strip()
    if not value:
        return [f'{link.attribute}=""', f"{link.attribute}=''", f"{link.attribute}="]
    found = [value]
    if "&" in value:
        found.append(value.replace("&", "&amp;"))
    path, _, fragment = value.partition("#")
    if base_path != "/" and path.startswith(base_path):
        path = path[len(base_path):]  # a root-relative address, as in 404.html
    core = re.sub(r"^(?:\.\.?/)+", "", path).lstrip("/")
    if core and core != value and ("/" in core.rstrip("/") or "." in core):
        found.append(core)
    last = path.rstrip("/").rsplit("/", 1)[-1]
    if in_page_source:
        if fragment:
            found += ["#" + fragment, "@" + fragment, fragment]
        if len(last) >= 3 and last not in ("index.html", ".."):
            found.append(last)
    elif "." in last and last not in ("index.html", "..", "."):
        found.append(last)
    return list(dict.fromkeys(found))


class Locator:
    """Finds the source file, line and column of each link; reads each file at most once."""

    def __init__(self, root: Path, source_map: SourceMap, base_path: str = "/"):
        self.root = root
        self.base_path = base_path
        self.map = source_map
        self._texts: dict[str, tuple[str, list[int]] | None] = {}
        self._overrides: list[str] | None = None
        self._data: list[str] | None = None
        self._matches: dict[tuple[str, str], list[tuple[int, int]]] = {}
        self._seen: Counter = Counter()
        self._theme_files: list[str] | None = None

    # -- files ---------------------------------------------------------------------------------
    def _read(self, path: str) -> tuple[str, list[int]] | None:
        """A file's text and the offset at which each line starts."""
        if path not in self._texts:
            if path.startswith("material/templates/"):
                file = self._theme_root() / path[len("material/templates/"):]
            else:
                file = self.root / path
            try:
                text = file.read_text(encoding="utf-8", errors="replace")
            except OSError:
                self._texts[path] = None
            else:
                starts = [0] + [match.end() for match in re.finditer("\n", text)]
                self._texts[path] = (text, starts)
        return self._texts[path]

    def _find(self, path: str, needle: str) -> list[tuple[int, int]]:
        key = (path, needle)
        if key not in self._matches:
            hits = []
            read = self._read(path)
            if read:
                text, starts = read
                offset = text.find(needle)
                while offset >= 0:
                    line = bisect.bisect_right(starts, offset)
                    hits.append((line, offset - starts[line - 1] + 1))
                    offset = text.find(needle, offset + 1)
            self._matches[key] = hits
        return self._matches[key]

    def _search(self, path: str, link: Link, occurrence: int = 0,
                in_page_source: bool = True) -> tuple[str, int, int] | None:
        for needle in needles(link, in_page_source, self.base_path):
            hits = self._find(path, needle)
            if hits:
                line, column = hits[min(occurrence, len(hits) - 1)]
                return path, line, column
        return None

    def _data_files(self) -> list[str]:
        """The YAML data the build renders into pages (bibliography, glossary): docs/_data/."""
        if self._data is None:
            folder = self.root / (self.map.docs_dir or "docs") / "_data"
            self._data = sorted(p.relative_to(self.root).as_posix() for p in folder.glob("*.y*ml")) \
                if folder.is_dir() else []
        return self._data

    @staticmethod
    def _theme_root() -> Path:
        spec = importlib.util.find_spec("material")
        return Path(spec.origin).parent / "templates" if spec and spec.origin else Path("/nonexistent")

    def _template_files(self, first: str) -> list[str]:
        """Override templates (the page's own template first), mkdocs.yml, then the theme's templates."""
        files = []
        if self._overrides is None:
            folder = self.root / self.map.custom_dir if self.map.custom_dir else None
            self._overrides = sorted(p.relative_to(self.root).as_posix() for p in folder.rglob("*.html")) \
                if folder and folder.is_dir() else []
        if self._overrides:
            overrides = self._overrides
            own = f"{self.map.custom_dir}/{first}"
            files += ([own] if own in overrides else []) + [f for f in overrides if f != own]
        if self.map.config_file:
            files.append(self.map.config_file)
        if self._theme_files is None:
            self._theme_files = []
            if self.map.theme == "material" and self._theme_root().is_dir():
                theme = self._theme_root()
                names = sorted(p.relative_to(theme).as_posix() for p in theme.rglob("*.html"))
                self._theme_files = [f"material/templates/{name}" for name in names]
        own_theme = f"material/templates/{first}"
        return files + sorted(self._theme_files, key=lambda name: name != own_theme)

    # -- the answer ----------------------------------------------------------------------------
    def source_of(self, page: str) -> str | None:
        return (self.map.pages.get(page) or {}).get("source")

    def is_generated(self, page: str) -> bool:
        """A page the build made up (a course's print page): its source is not a file."""
        source = self.source_of(page)
        return bool(source) and not (self.root / source).is_file()

    def template_of(self, page: str) -> str:
        if page in self.map.static_templates:
            return page
        return (self.map.pages.get(page) or {}).get("template") or "main.html"

    def locate(self, finding: Finding, site_label: str) -> tuple[str, int, int]:
        """(path, line, column) of the place to fix, relative to the project."""
        link = finding.link
        occurrence = self._seen[(link.page, link.attribute, link.value)]
        self._seen[(link.page, link.attribute, link.value)] += 1
        source = self.source_of(link.page)
        if not self.map.found or self.is_generated(link.page):
            return f"{site_label}/{link.page}", link.line, 1
        if source and not link.in_template:
            hit = self._search(source, link, occurrence)
            if hit:
                return hit
            for path in self._data_files():  # a reference list rendered from the bibliography ...
                hit = self._search(path, link, in_page_source=False)
                if hit:
                    return hit
        template = self.template_of(link.page)
        for path in self._template_files(template):
            hit = self._search(path, link, in_page_source=False)
            if hit:
                return hit
        if source and not link.in_template:
            return source, 1, 1
        if self.map.custom_dir and (self.root / self.map.custom_dir / template).is_file():
            return f"{self.map.custom_dir}/{template}", 1, 1
        return (f"material/templates/{template}" if self.map.theme == "material" else f"{site_label}/{link.page}"), 1, 1
