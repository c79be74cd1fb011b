"""A plain Material for MkDocs project made from this site's Markdown: the benchmark's baseline.

What "stock" means here, so that comparisons with it are fair:

* the same Markdown: every ``.md`` page of ``docs/`` (without ``_data/`` and ``_snippets/``)
  and of the course folders, under one ``docs_dir`` (the courses at ``course1/`` ...), with
  the images beside them; the snippets in a folder of their own, as the project has them;
* the same theme settings (Material, its features, palette and icons) and the same Markdown
  extensions, snippets included, since they need none of the project's plugin;
* Material's search plugin, the one plugin every Material site has;
* not the project's plugin, no git dates, no notebooks: the ``.py`` notebooks are left out
  (stock Material cannot show them, and the project's warm build reads them from its cache),
  the navigation is MkDocs' own (every page, by folder), and links are not validated strictly.

With ``notebooks=True`` (the Lighthouse comparison, which has a notebook page in its set) the
notebooks are kept and shown by mkdocs-jupyter with its defaults, without being run: the
stock notebook page has no outputs, so it is lighter than the project's.

With ``contents`` (the Lighthouse comparison too) the pages it names hold the project's built
content in place of their Markdown body. Much of what a learner reads is made by the project's
plugin from the Markdown: the glossary's entries, a course's table of modules, a module's header,
footer and self-checks, citations as links. A stock site's author would write that content into
the pages by hand; without it the stock glossary is two paragraphs, and the comparison would
weigh different pages. ``built_content`` takes it from a built page: the article, without what
Material's template adds around it (the edit button, the page's dates), which stock adds again,
and with the headings of the page's table of contents in Markdown, so stock lists them too.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml
from lxml import html as lxml_html

from pacer import mkdocs_run
from pacer.paths import COURSES

IMAGES = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"}
SKIPPED_DOCS = ("_data", "_snippets")
STOCK_PLUGINS = ["search"]
STOCK_NOTEBOOKS = {"mkdocs-jupyter": {"include": ["*.py"], "ignore": ["*.md", "_*.py"], "execute": False}}
# What Material's template puts in the article around a page's content (stock makes its own).
TEMPLATE_PARTS = ".md-content__button, .md-source-file"
TOC_LINKS = "nav.md-nav--secondary a.md-nav__link[href^='#']"
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
MARKDOWN_SPECIAL = re.compile(r"[\\`*_{}\[\]<>#|!]")
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


def build_stock_project(source_root: Path, target: Path, notebooks: bool = False,
                        contents: dict[str, str] | None = None) -> Path:
    """Write a plain Material project of ``source_root``'s Markdown (and, with ``notebooks``,
    its notebooks) into ``target``; return it. ``contents`` maps a page's address in the
    site ("" for the home page, "course2/" ...) to what its body is replaced with (from
    ``built_content``)."""
    source_root, target = Path(source_root), Path(target)
    docs = target / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    _copy_pages(source_root / "docs", docs, skip=SKIPPED_DOCS)
    for course in COURSES:
        if (source_root / course).is_dir():
            _copy_pages(source_root / course, docs / course, notebooks=notebooks)
    snippets = source_root / "docs" / "_snippets"
    if snippets.is_dir():
        shutil.copytree(snippets, target / "snippets", dirs_exist_ok=True)
    (target / "mkdocs.yml").write_text(_config(source_root, target, notebooks), encoding="utf-8")
    for address, html in (contents or {}).items():
        _replace_body(_page_source(docs, address), html)
    return target


def built_content(page: Path) -> str:
    """The content of a built page (its ``index.html``), as the body of a stock page: the
    article's HTML, without the parts Material's template adds to every article. The headings
    the page's table of contents lists become Markdown headings with their ids, so stock's table
    of contents lists them too (a heading inside raw HTML is not in a table of contents)."""
    root = lxml_html.parse(str(page)).getroot()
    articles = root.cssselect("article.md-content__inner")
    if len(articles) != 1:
        raise ValueError(f"{page}: expected one article (article.md-content__inner), found {len(articles)}")
    for part in articles[0].cssselect(TEMPLATE_PARTS):
        part.drop_tree()
    listed = {link.get("href")[1:] for link in root.cssselect(TOC_LINKS)}
    return "\n\n".join(_heading(child) if child.tag in HEADINGS and (child.tag == "h1" or child.get("id") in listed)
                       else lxml_html.tostring(child, encoding="unicode").strip() for child in articles[0])


def _heading(heading) -> str:
    for link in heading.cssselect(".headerlink"):  # the permalink: stock's toc adds its own
        link.drop_tree()
    text = MARKDOWN_SPECIAL.sub(r"\\\g<0>", " ".join(heading.text_content().split()))
    anchor = f" {{#{heading.get('id')}}}" if heading.get("id") else ""
    return "#" * int(heading.tag[1]) + " " + text + anchor


def _page_source(docs: Path, address: str) -> Path:
    """The stock project's Markdown file shown at ``address`` (MkDocs' directory URLs)."""
    stem = address.strip("/")
    for candidate in ([docs / stem / "index.md", docs / f"{stem}.md"] if stem else [docs / "index.md"]):
        if candidate.is_file():
            return candidate
    raise ValueError(f"the stock project has no Markdown page at the address \"{address}\"")


def _replace_body(source: Path, html: str) -> None:
    """Keep the page's front matter (its title and summary); its body becomes ``html``."""
    front = FRONT_MATTER.match(source.read_text(encoding="utf-8"))
    source.write_text((front.group(0) if front else "") + "\n" + html + "\n", encoding="utf-8")


def _copy_pages(source: Path, target: Path, skip: tuple[str, ...] = (), notebooks: bool = False) -> None:
    kept = {".md", *IMAGES, *((".py",) if notebooks else ())}
    for path in sorted(source.rglob("*")):
        parts = path.relative_to(source).parts
        if not path.is_file() or parts[0] in skip or any(p.startswith((".", "_")) for p in parts):
            continue
        if path.suffix.lower() in kept:
            (target / path.relative_to(source)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target / path.relative_to(source))


def _config(source_root: Path, target: Path, notebooks: bool = False) -> str:
    project = mkdocs_run.config(source_root)
    theme = {k: v for k, v in (project.get("theme") or {"name": "material"}).items() if k != "custom_dir"}
    config = {
        "site_name": project.get("site_name", "Stock Material"),
        "site_url": project.get("site_url"),
        "docs_dir": "docs",
        "theme": theme,
        "plugins": STOCK_PLUGINS + ([STOCK_NOTEBOOKS] if notebooks else []),
        "markdown_extensions": [_stock_extension(e, target) for e in project.get("markdown_extensions") or []],
    }
    return yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True)


def _stock_extension(extension, target: Path):
    """The project's extension settings, with the snippets read from the stock project's folder."""
    if isinstance(extension, dict) and "pymdownx.snippets" in extension:
        options = dict(extension["pymdownx.snippets"] or {})
        options["base_path"] = [str(target / "snippets")]
        return {"pymdownx.snippets": options}
    return extension


class _Dumper(yaml.SafeDumper):
    """Writes back the ``!!python/name:`` values (emoji index and generator) MkDocs' loader read."""


def _python_name(dumper: yaml.SafeDumper, value) -> yaml.Node:
    return dumper.represent_scalar(f"tag:yaml.org,2002:python/name:{value.__module__}.{value.__qualname__}", "")


_Dumper.add_multi_representer(type(len), _python_name)
_Dumper.add_multi_representer(type(_python_name), _python_name)
