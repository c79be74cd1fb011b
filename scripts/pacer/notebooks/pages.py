"""The notebook pages: each jupytext notebook of a course becomes a page, made from its run.

A notebook is a ``.py`` file whose name does not start with ``_`` (those are helper modules
that notebooks import). Its page comes from mkdocs-jupyter's converter run on the notebook
(``runner.py``, in a sandbox), kept in the cache's ``notebooks`` store by a key of everything
the run reads: the notebook, the converter's options, the files of its folder, the helper
modules above it, the installed packages, and the code and environment it runs with. A failing notebook stops the build naming it.

What the build does to each page: the template's third-party scripts (Mermaid and MathJax
from CDNs, an empty ``<script src="">``) are removed; its 590 KB of JupyterLab CSS moves into
one shared stylesheet with only the rules the pages use (``stylesheet.py``); raster figures
become files beside the page (base64 does not compress; a file is cached and loaded when
scrolled to); the notebook's source is published beside the page for download.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
from pathlib import Path

from mkdocs.structure.files import File
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from pacer import cache
from pacer.notebooks import runner, stylesheet

# mkdocs-jupyter's converter options (``nb2html``'s arguments) for this site.
OPTIONS = {
    "execute": True,          # run every notebook at build time: its outputs are on the page
    "kernel_name": "python3",
    "theme": "",
    "allow_errors": False,    # a cell that fails stops the build (BLD003)
    "show_input": True,
    "no_input": False,
    "no_prompt": False,
    "remove_tag_config": {},
    "highlight_extra_classes": "",
    "include_requirejs": False,
    "custom_mathjax_url": "",
}
TOC_DEPTH = 6
STORE = "notebooks"
CSS_STORE = "notebook-css"
NOTEBOOK_CSS = "assets/stylesheets/notebook.css"


class NotebookFile(File):
    """A notebook, published as a page of its own (``count.py`` -> ``count/index.html``); ``job``
    is its run, worked out once per build."""

    job: runner.Job

    def is_documentation_page(self) -> bool:
        return True


def is_notebook(src_uri: str) -> bool:
    name = src_uri.rsplit("/", 1)[-1]
    return name.endswith(".py") and not name.startswith("_")


def run_key(source: Path, packages: str | None = None) -> str:
    """The notebook, the converter's options, what the notebook may read besides itself, and
    the code and environment it runs with (``packages``: cache.installed_packages(), when the
    caller has read it already)."""
    return cache.key(source.read_bytes(), json.dumps([OPTIONS, TOC_DEPTH], sort_keys=True),
                     runner.inputs_digest(source, packages), runner.conditions())


def as_pages(files, store: cache.Store, packages: str | None = None) -> list[NotebookFile]:
    """Make every notebook in ``files`` a page with its job; the notebooks."""
    notebooks = []
    for file in [f for f in files if is_notebook(f.src_uri)]:
        page = file if isinstance(file, NotebookFile) else NotebookFile(
            file.src_uri, file.src_dir, file.dest_dir, file.use_directory_urls, inclusion=file.inclusion)
        if page is not file:
            page.abs_src_path, page.edit_uri = file.abs_src_path, file.edit_uri
            files.remove(file)
            files.append(page)
        source = Path(page.abs_src_path)
        page.job = runner.Job(str(source), runner.shown(source), str(store.path(run_key(source, packages)) or ""),
                              tuple(OPTIONS.items()), TOC_DEPTH)
        notebooks.append(page)
    return notebooks


def missing_runs(notebooks: list[NotebookFile]) -> list[runner.Job]:
    return [nb.job for nb in notebooks if not nb.job.entry or not Path(nb.job.entry).is_file()]


def read_run(page, job: runner.Job) -> None:
    """Fill ``page`` from the notebook's run in the cache."""
    fill_page(page, json.loads(Path(job.entry).read_text(encoding="utf-8")))


def fill_page(page, data: dict) -> None:
    """Fill ``page`` (content, table of contents, title) from a notebook's run."""
    page.content = data["content"]
    page.toc = get_toc(data["toc_tokens"])
    if data.get("title") is not None:
        page.title = data["title"]


def not_run_yet(page, note: str) -> None:
    """A notebook page whose run is not there yet: a plain note in its place."""
    page.content = f'<div class="admonition note"><p class="admonition-title">Not shown yet</p><p>{note}</p></div>'
    page.toc = get_toc([])


THIRD_PARTY_SCRIPT = re.compile(
    r"<script\b[^>]*\bsrc=(['\"])(?:\1|https?:|//)[^>]*>\s*</script>", re.IGNORECASE)
# Inline scripts that only make sense with Mermaid or MathJax loaded from a CDN.
CDN_LOADER = re.compile(
    r"<script\b[^>]*>(?:(?!</script>).)*(?:mermaid|MathJax)(?:(?!</script>).)*</script>",
    re.IGNORECASE | re.DOTALL)
STYLE_BLOCK = re.compile(r"<style\b[^>]*>(.*?)</style>", re.IGNORECASE | re.DOTALL)
# Raster figures only: an SVG stays inside its <img>, where it can run no script.
INLINE_IMAGE = re.compile(r"<img\b([^>]*?)\bsrc=(['\"])data:image/(png|jpeg|gif);base64,([A-Za-z0-9+/=\s]+)\2")


def finish_page(output: str, page, styles: list[str]) -> str:
    """The built notebook page made private and light; its source published beside it.
    ``styles`` collects the template's stylesheet (once) for the shared notebook.css."""
    folder = Path(page.file.abs_dest_path).parent
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(page.file.abs_src_path, folder / Path(page.file.src_uri).name)
    output = THIRD_PARTY_SCRIPT.sub("", CDN_LOADER.sub("", output))
    if not styles:
        styles.append("\n".join(STYLE_BLOCK.findall(output)))
    output = STYLE_BLOCK.sub("", output)
    output = _figures_as_files(output, folder)
    link = f'<link rel="stylesheet" href="{get_relative_url(NOTEBOOK_CSS, page.url)}">'
    return output.replace("</head>", f"{link}\n</head>", 1)


def _figures_as_files(output: str, folder: Path) -> str:
    def save(match: re.Match) -> str:
        data = base64.b64decode(re.sub(r"\s", "", match.group(4)))
        suffix = {"jpeg": "jpg"}.get(match.group(3), match.group(3))
        name = f"figure-{hashlib.sha256(data).hexdigest()[:12]}.{suffix}"
        (folder / name).write_bytes(data)
        return f'<img{match.group(1)} loading="lazy" src="{name}"'

    return INLINE_IMAGE.sub(save, output)


def write_stylesheet(site_dir: str, styles: list[str], pages: list[str], store: cache.Store) -> None:
    """notebook.css: the template's stylesheet with only the rules the notebook pages use."""
    if not styles:
        return
    classes, ids = stylesheet.vocabulary(pages)
    entry_key = cache.key(styles[0], sorted(classes), sorted(ids), Path(stylesheet.__file__), cache.versions("tinycss2"))
    css = store.get(entry_key)
    if css is None:
        css = stylesheet.purge_rules(styles[0], classes, ids).encode("utf-8")
        store.put(entry_key, css)
    target = Path(site_dir) / NOTEBOOK_CSS
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(css)


# mkdocs-jupyter's page template (not the notebook) puts its stylesheet and loader scripts before
# the first cell, and a copy button in every code cell. The first cell is searched for: a lazy
# match up to it crawled through the template's CSS.
FIRST_CELL = re.compile(r"<div[^>]*\bjp-Cell\b")
TEMPLATE_STYLE = re.compile(r"<style\b[^>]*>.*?</style>", re.DOTALL | re.IGNORECASE)
TEMPLATE_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.DOTALL | re.IGNORECASE)
COPY_BUTTON = re.compile(r"<clipboard-copy\b.*?</clipboard-copy>", re.DOTALL | re.IGNORECASE)


def split_template(content: str) -> tuple[str, str]:
    """(the template's stylesheets, the notebook's content) of a notebook page's content HTML:
    the template's own styles, scripts and copy buttons are not the notebook's content, and
    the stylesheets go on to ``finish_page``, which moves them into notebook.css."""
    first_cell = FIRST_CELL.search(content)
    if not first_cell:
        return "", content
    head = content[:first_cell.start()]
    styles = "\n".join(TEMPLATE_STYLE.findall(head))
    rest = TEMPLATE_SCRIPT.sub("", TEMPLATE_STYLE.sub("", head)) + content[first_cell.start():]
    return styles, COPY_BUTTON.sub("", rest)
