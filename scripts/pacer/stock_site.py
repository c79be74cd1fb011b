"""A stock Material for MkDocs project made from the site's own Markdown (for the benchmark).

MINIMAL STAND-IN: the same Markdown (docs/ with the course folders mounted beside it, as the
site mounts them) under Material's defaults, with none of the project's hooks, overrides,
scripts or styles. Notebooks are shown with mkdocs-jupyter without being run. A fuller
version keeps this interface: ``build_stock_project(source_root, target) -> Path``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from pacer.paths import COURSES

STOCK_CONFIG = {
    "site_name": "PaCER curriculum (stock Material)",
    "docs_dir": "docs",
    "exclude_docs": "/_data/\n/_snippets/\n_*.py\n",
    "theme": {"name": "material", "font": False},
    "plugins": ["search", {"mkdocs-jupyter": {"include": ["*.py"], "ignore": ["*.md", "_*.py"], "execute": False}}],
    "markdown_extensions": [
        "abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc",
        "pymdownx.details", "pymdownx.superfences", {"pymdownx.tabbed": {"alternate_style": True}},
        "pymdownx.tasklist", "pymdownx.highlight", "pymdownx.inlinehilite",
        {"pymdownx.snippets": {"base_path": ["docs/_snippets"], "check_paths": False}},
    ],
}


def build_stock_project(source_root: Path, target: Path) -> Path:
    """Write a plain Material project of ``source_root``'s Markdown into ``target``; return it.

    Run ``mkdocs build`` in the returned folder to build it. The site_url is the project's, so
    both sites are served under the same path.
    """
    source_root, target = Path(source_root), Path(target)
    docs = target / "docs"
    shutil.copytree(source_root / "docs", docs)
    for course in COURSES:
        if (source_root / course).is_dir():
            shutil.copytree(source_root / course, docs / course)
    with (source_root / "mkdocs.yml").open(encoding="utf-8") as handle:
        site_url = next((line.split(":", 1)[1].strip() for line in handle if line.startswith("site_url:")), None)
    config = {**STOCK_CONFIG, **({"site_url": site_url} if site_url else {})}
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return target
