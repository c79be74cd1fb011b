"""Each page's search entries kept between builds, by a digest of everything they are made from.

Material's search plugin parses the HTML of every page with Python's HTML parser on every
build, and on every rebuild of ``mkdocs serve``, although most pages did not change. A page's
entries depend only on its HTML, its table of contents, its address and title, the title, tags
and search settings of its front matter, and Material's version: the digest of those picks
the stored entries, so a changed page is always parsed again. The entries live in the process
(for ``mkdocs serve``) and in ``.cache/pacer/search-entries.json`` (for the next build): see
``pacer/kept_store.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

from material import __version__ as MATERIAL_VERSION
from material.plugins.search import plugin as search_plugin

from pacer.cache import kept_store

STORE = kept_store.KeptStore(".cache/pacer/search-entries.json")


def digest(page) -> str:
    """The digest of everything Material's search plugin reads of ``page``."""
    meta = {key: page.meta.get(key) for key in ("title", "tags", "search")}
    parts = [MATERIAL_VERSION, str(search_plugin.jieba is not None), page.url, str(page.title),
             json.dumps(meta, sort_keys=True, default=str), json.dumps(_toc(page.toc)), page.content or ""]
    return kept_store.digest(parts)


def _toc(items) -> list:
    return [[item.id, item.url, _toc(item.children)] for item in items or []]


def _copies(entries: list[dict]) -> list[dict]:
    return [{key: list(value) if isinstance(value, list) else value for key, value in entry.items()}
            for entry in entries]


def load(root: Path) -> None:
    """Read the entries the last build of ``root`` stored (once per process)."""
    STORE.load(root, valid=lambda value: isinstance(value, list))


def save(root: Path) -> None:
    STORE.save(root)


def add_entry_from_context(add):
    """Material's ``SearchIndex.add_entry_from_context``, reading a page's entries from the store
    when everything they are made from is unchanged."""
    def kept_add(index, page):
        key = digest(page)
        entries = STORE.get(key)
        if entries is None:
            before = len(index.entries)
            add(index, page)
            STORE.put(key, _copies(index.entries[before:]))
        else:
            index.entries.extend(_copies(entries))
    kept_add.pacer_kept = True
    return kept_add


def install() -> None:
    """Wrap Material's search index once per process."""
    index = search_plugin.SearchIndex
    if not getattr(index.add_entry_from_context, "pacer_kept", False):
        index.add_entry_from_context = add_entry_from_context(index.add_entry_from_context)
