"""Each Markdown page's HTML kept between builds, by a digest of everything Markdown reads.

Converting the pages' Markdown was about two fifths of a `mkdocs serve` rebuild, although a save
changes one page. What MkDocs' ``Page.render`` makes (the HTML, the table of contents, the title
found in it, the anchors the page holds and the anchors it links to) depends only on:

* the page's Markdown, as the ``on_page_markdown`` handlers left it, and its address;
* the site's files (a link is rewritten, or warned about, by what it points to);
* the Markdown extensions and their settings (the glossary's abbreviations among them), the
  link validation settings, and the files the snippets extension includes;
* the installed versions of Markdown, its extensions, Pygments, MkDocs and Material, and the
  renderer's own code (MkDocs', or ProperDocs').

The digest of those picks the kept render; anything else renders the page again. A render that
logged anything (a warning about a link, say) is never kept, so it is logged again by the next
build, and a strict build fails on it as before. Anchor validation still runs after every page
is rendered, on the anchors the kept render recorded.
"""

from __future__ import annotations

import functools
import inspect
import json
import logging
from importlib import metadata
from pathlib import Path

from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from pacer.render import held_html
from pacer.cache import kept_store

STORE = kept_store.KeptStore(".cache/pacer/markdown.json")
PACKAGES = ("markdown", "pymdown-extensions", "pygments", "mkdocs", "mkdocs-material")
FIELDS = {"content", "toc", "title", "anchors", "links"}  # what _kept stores and _restore reads


def load(root: Path) -> None:
    STORE.load(root, valid=lambda value: isinstance(value, dict) and value.keys() == FIELDS)


def save(root: Path) -> None:
    STORE.save(root)


@functools.lru_cache(maxsize=1)
def _versions() -> str:
    """The packages' versions, read once per process: the code a process runs does not change.
    The file of the ``Page`` class that renders tells MkDocs from ProperDocs, which runs this
    hook with its own (tests/test_properdocs.py)."""
    return " ".join([f"{name}={metadata.version(name)}" for name in PACKAGES] + [inspect.getfile(Page)])


def site_digest(config, files) -> str | None:
    """The digest of what every page's render reads besides its own Markdown; None when the
    settings hold something that cannot be told apart from one build to the next."""
    try:
        settings = json.dumps([config["markdown_extensions"], config["mdx_configs"], str(config["validation"]),
                               config["use_directory_urls"]], sort_keys=True, default=_named)
    except TypeError:
        return None
    listing = "\n".join(f"{f.src_uri}\0{f.dest_uri}\0{f.url}\0{f.inclusion}\0{f.is_documentation_page()}"
                        for f in sorted(files, key=lambda f: f.src_uri))
    return kept_store.digest([_versions(), settings, listing, *_snippets(config["mdx_configs"])])


def _named(value) -> str:
    """A function or class in the settings (the emoji index, say), by its importable name."""
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{value.__module__}.{value.__qualname__}"
    raise TypeError(f"{type(value).__name__} in the Markdown settings")


def _snippets(settings: dict) -> list[str]:
    """The names and texts of the files the snippets extension may include."""
    folders = (settings.get("pymdownx.snippets") or {}).get("base_path") or ["."]
    texts = []
    for folder in [folders] if isinstance(folders, str) else folders:
        for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
            texts += [str(path), path.read_text(encoding="utf-8", errors="surrogateescape")]
    return texts


def keep_render(page, site: str | None) -> None:
    """Make ``page`` render from the store when its Markdown page is unchanged (a page another
    plugin renders, such as a notebook, is left alone)."""
    if site is None or getattr(page.render, "__func__", None) is not Page.render:
        return
    page.render = functools.partial(_render, page, site)


def _render(page, site: str, config, files) -> None:
    if page.markdown is None:  # MkDocs' own error
        return Page.render(page, config, files)
    key = kept_store.digest([site, page.file.src_uri, page.file.url,
                             json.dumps(held_html.parts(page.markdown), ensure_ascii=False)])
    kept = STORE.get(key)
    if kept is not None:
        _restore(page, kept, files)
        return
    with _Logged() as logged:
        Page.render(page, config, files)
    if not logged.records:
        STORE.put(key, _kept(page))


def _kept(page) -> dict:
    return {
        "content": held_html.parts(page.content),
        "toc": [_toc_token(item) for item in page.toc],
        "title": page._title_from_render,
        "anchors": sorted(page.present_anchor_ids or ()),
        "links": None if page.links_to_anchors is None
        else {file.src_uri: links for file, links in page.links_to_anchors.items()},
    }


def _toc_token(item) -> dict:
    return {"level": item.level, "id": item.id, "name": item.title, "children": [_toc_token(c) for c in item.children]}


def _restore(page, kept: dict, files) -> None:
    page.content = held_html.joined(kept["content"])
    page.toc = get_toc(kept["toc"])
    page._title_from_render = kept["title"]
    page.present_anchor_ids = set(kept["anchors"])
    if kept["links"] is not None:  # MkDocs records them unless it logs at DEBUG level
        page.links_to_anchors = {files.get_file_from_path(src): links for src, links in kept["links"].items()}


class _Logged(logging.Handler):
    """The records logged (INFO and above) while a page renders: MkDocs' own and Markdown's."""

    LOGGERS = ("mkdocs", "MARKDOWN", "")

    def __init__(self):
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def __enter__(self):
        for name in self.LOGGERS:
            logging.getLogger(name).addHandler(self)
        return self

    def __exit__(self, *exc):
        for name in self.LOGGERS:
            logging.getLogger(name).removeHandler(self)
