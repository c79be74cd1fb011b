"""MkDocs hook: record which source file each built page was made from.

The link checker (scripts/check_links.py) reads the built site, but a problem is only useful
when it names the file an author edits: a Markdown page in docs/ or a course folder, a
notebook (.py), or a theme template in overrides/. After each build this hook writes that map
to ``.source-map.json`` at the top of the built site, so the map always travels with the build
it describes (a copied or downloaded site keeps it) and nothing is written into the source
tree. Pages are not changed. The file holds only page addresses and repository paths, which
each page's edit link shows already; no machine paths.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

SOURCE_MAP_NAME = ".source-map.json"  # a dotfile: MkDocs' clean step and the sitemap skip it
SOURCE_MAP_FORMAT = 1

from pacer import build


def _project_path(path: str | None, root: Path) -> str | None:
    """A source path relative to the project (the folder that holds mkdocs.yml)."""
    if not path:
        return None
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except ValueError:
        return None  # outside the project (a theme file, for example): no useful path


def on_page_context(context, page, config, nav):
    root = Path(config.config_file_path).resolve().parent
    build.state(config).sources[page.file.dest_uri] = {
        "source": _project_path(page.file.abs_src_path, root) or page.file.src_uri,
        "template": page.meta.get("template") or "main.html",
    }
    return context


def on_post_build(config) -> None:
    root = Path(config.config_file_path).resolve().parent
    theme_dir = config.theme.custom_dir
    source_map = {
        "format": SOURCE_MAP_FORMAT,
        "site_url": config.site_url or "",
        "docs_dir": _project_path(config.docs_dir, root),
        "theme": config.theme.name,
        "custom_dir": _project_path(theme_dir, root) if theme_dir else None,
        "config_file": _project_path(config.config_file_path, root),
        # Pages rendered straight from a theme template, with no source page (404.html ...).
        "static_templates": sorted(str(name) for name in config.theme.static_templates),
        "pages": dict(sorted(build.state(config).sources.items())),
    }
    target = Path(config.site_dir) / SOURCE_MAP_NAME
    partial = target.with_name(SOURCE_MAP_NAME + ".tmp")
    partial.write_text(json.dumps(source_map, indent=1) + "\n", encoding="utf-8")
    os.replace(partial, target)
