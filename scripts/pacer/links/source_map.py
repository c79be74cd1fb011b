"""Which source file each built page was made from, for the link checker and for previews.

The link checker (scripts/check_links.py) reads the built site, but a problem is only useful
when it names the file an author edits: a Markdown page in docs/ or a course folder, a notebook
(.py), or a theme template in overrides/. After each build the plugin writes that map to
``.source-map.json`` at the top of the built site, so the map travels with the build it
describes (a copied or downloaded site keeps it) and nothing is written into the source tree.
It holds only page addresses, titles and repository paths, which each page shows already, and
for each page the glossary terms it defines at their first use and the bibliography keys it
cites: a pull request's preview (scripts/preview_pages.py) reads them to tell which pages a
change to docs/_data/glossary.yml or bibliography.yml reaches.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from pacer.links.sources import SOURCE_MAP_NAME

SOURCE_MAP_FORMAT = 2  # 2: each page's title, glossary terms and cited keys


def project_path(path: str | None, root: Path) -> str | None:
    """A source path relative to the project (the folder that holds mkdocs.yml)."""
    if not path:
        return None
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except ValueError:
        return None  # outside the project (a theme file, for example): no useful path


def page_entry(page, root: Path, uses: dict | None = None) -> dict:
    """A built page's entry; ``uses``: the glossary terms ("terms") and keys ("cites") it shows."""
    uses = uses or {}
    return {"source": project_path(page.file.abs_src_path, root) or page.file.src_uri,
            "template": page.meta.get("template") or "main.html",
            "title": str(page.meta.get("title") or page.title or ""),
            "terms": list(uses.get("terms") or []),
            "cites": list(uses.get("cites") or [])}


def cited_keys(meta: dict, cited: list[str]) -> list[str]:
    """The bibliography keys a page shows: its front matter's references and its citations."""
    return sorted(set(meta.get("references") or []) | set(cited))


def write(config, root: Path, pages: dict) -> None:
    theme_dir = config.theme.custom_dir
    source_map = {
        "format": SOURCE_MAP_FORMAT,
        "site_url": config.site_url or "",
        "docs_dir": project_path(config.docs_dir, root),
        "theme": config.theme.name,
        "custom_dir": project_path(theme_dir, root) if theme_dir else None,
        "config_file": project_path(config.config_file_path, root),
        # Pages rendered straight from a theme template, with no source page (404.html ...).
        "static_templates": sorted(str(name) for name in config.theme.static_templates),
        "pages": dict(sorted(pages.items())),
    }
    target = Path(config.site_dir) / SOURCE_MAP_NAME
    partial = target.with_name(SOURCE_MAP_NAME + ".tmp")
    partial.write_text(json.dumps(source_map, indent=1) + "\n", encoding="utf-8")
    os.replace(partial, target)
