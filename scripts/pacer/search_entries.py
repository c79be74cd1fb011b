"""Each page's search entries kept between builds, by a digest of everything they are made from.

Material's search plugin parses the HTML of every page with Python's HTML parser on every
build, and on every rebuild of ``mkdocs serve``, although most pages did not change. A page's
entries depend only on its HTML, its table of contents, its address and title, the title, tags
and search settings of its front matter, and Material's version: the digest of those picks
the stored entries, so a changed page is always parsed again. The entries live in the process
(for ``mkdocs serve``) and in ``.cache/pacer/search-entries.json`` (for the next build), which
holds only the pages of the last build; it is replaced whole, never written in place.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from material import __version__ as MATERIAL_VERSION
from material.plugins.search import plugin as search_plugin

FILE = ".cache/pacer/search-entries.json"
_kept: dict[str, list[dict]] = {}      # digest -> the page's entries, for the life of the process
_used: set[str] = set()                # the digests the builds of this process asked for
_loaded: set[Path] = set()             # the projects whose stored file this process has read


def digest(page) -> str:
    """The digest of everything Material's search plugin reads of ``page``."""
    meta = {key: page.meta.get(key) for key in ("title", "tags", "search")}
    parts = [MATERIAL_VERSION, str(search_plugin.jieba is not None), page.url, str(page.title),
             json.dumps(meta, sort_keys=True, default=str), json.dumps(_toc(page.toc)), page.content or ""]
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(hashlib.sha256(part.encode("utf-8", "surrogatepass")).digest())
    return hasher.hexdigest()


def _toc(items) -> list:
    return [[item.id, item.url, _toc(item.children)] for item in items or []]


def _copies(entries: list[dict]) -> list[dict]:
    return [{key: list(value) if isinstance(value, list) else value for key, value in entry.items()}
            for entry in entries]


def load(root: Path) -> None:
    """Read the entries the last build of ``root`` stored (once per process; a damaged file is ignored)."""
    root = Path(root)
    if root in _loaded:
        return
    _loaded.add(root)
    try:
        stored = json.loads((root / FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    if isinstance(stored, dict):
        _kept.update({key: value for key, value in stored.items() if isinstance(value, list)})


def save(root: Path) -> None:
    """Store the entries of the pages this process built (a temporary file moved into place)."""
    path = Path(root) / FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps({key: _kept[key] for key in sorted(_used) if key in _kept}, ensure_ascii=False)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".search-entries-")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(data)
    os.replace(temporary, path)


def add_entry_from_context(add):
    """Material's ``SearchIndex.add_entry_from_context``, reading a page's entries from the store
    when everything they are made from is unchanged."""
    def kept_add(index, page):
        key = digest(page)
        _used.add(key)
        if key not in _kept:
            before = len(index.entries)
            add(index, page)
            _kept[key] = _copies(index.entries[before:])
        else:
            index.entries.extend(_copies(_kept[key]))
    kept_add.pacer_kept = True
    return kept_add


def install() -> None:
    """Wrap Material's search index once per process."""
    index = search_plugin.SearchIndex
    if not getattr(index.add_entry_from_context, "pacer_kept", False):
        index.add_entry_from_context = add_entry_from_context(index.add_entry_from_context)
