"""MkDocs hook: the notebook pages, rendered with mkdocs-jupyter's converter, safe, private and
correctly cached.

Each jupytext notebook (a ``.py`` file whose name does not start with ``_``; those are helper
modules that notebooks import) becomes a page of its own. Its HTML comes from mkdocs-jupyter's
converter (``mkdocs_jupyter.convert.nb2html``, its page template and toc), with the options in
``OPTIONS``. This hook does the rest, which mkdocs-jupyter's own plugin did not do as this site
needs (scripts/pacer/runner.py):

* a notebook runs in a sandbox: a copy of its own folder, so ``pd.read_csv("data/x.csv")``
  works as it does for a learner, with a scrubbed environment;
* the cache key covers the notebook, its folder's other files, the helper modules above it
  and the versions of the installed packages, so a changed data file is never served stale;
* a failing notebook stops the build with a message naming the notebook and the failing cell;
* the notebooks the cache lacks run several at once, each in a worker process, before any
  page is rendered;
* mkdocs-jupyter is imported only when a notebook has to run: with every notebook in the cache
  (a warm build, a `mkdocs serve` rebuild), the import of nbconvert and jupytext (about a
  second) is not paid at all.

Each notebook page also inlines about 590 KB of JupyterLab CSS and loads Mermaid and MathJax
from CDNs (with an empty ``<script src="">``). ``on_post_page`` removes the third-party scripts
and moves the CSS into one shared stylesheet, ``assets/stylesheets/notebook.css``, which
``on_post_build`` writes with only the rules the notebook pages can use
(scripts/pacer/notebook_css.py). Notebooks therefore cannot use LaTeX maths or Mermaid.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from pacer import build
from pacer.notebooks import runner
from pacer.notebooks.stylesheet import purge_cached

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
CACHE_FOLDER = ".cache/mkdocs-jupyter"  # one JSON entry per notebook run, named by its key


class NotebookFile(File):
    """A notebook, published as a page of its own (``count.py`` -> ``count/index.html``); ``job``
    is its run and cache entry, worked out once per build in ``on_files``."""

    job: runner.Job

    def is_documentation_page(self) -> bool:
        return True


def is_notebook(src_uri: str) -> bool:
    name = src_uri.rsplit("/", 1)[-1]
    return name.endswith(".py") and not name.startswith("_")


# After scripts/hooks/courses.py (50) has added the course folders and scripts/hooks/views.py (40)
# has left out what the view does not show.
@event_priority(0)
def on_files(files, config):
    for file in [f for f in files if is_notebook(f.src_uri) and not isinstance(f, NotebookFile)]:
        page = NotebookFile(file.src_uri, file.src_dir, file.dest_dir, file.use_directory_urls, inclusion=file.inclusion)
        page.abs_src_path, page.edit_uri = file.abs_src_path, file.edit_uri
        files.remove(file)
        files.append(page)
    for file in files:
        if isinstance(file, NotebookFile):
            file.job = _job(file, config)
    _run_uncached_notebooks(files)
    return files


def _job(file, config) -> runner.Job:
    source = Path(file.abs_src_path)
    entry = Path(config.config_file_path).resolve().parent / CACHE_FOLDER / f"{_cache_key(source)}.json"
    return runner.Job(str(source), runner.shown(source), str(entry), tuple(OPTIONS.items()), TOC_DEPTH)


def _cache_key(source: Path) -> str:
    """The notebook, the converter's options, and what the notebook may read besides itself."""
    hasher = hashlib.sha256(source.read_bytes())
    hasher.update(json.dumps([OPTIONS, TOC_DEPTH], sort_keys=True).encode())
    hasher.update(runner.data_digest(source).encode())
    return hasher.hexdigest()


def _run_uncached_notebooks(files) -> None:
    """Run the notebooks the cache does not hold several at once, before any page is rendered.
    One notebook alone, or PACER_NOTEBOOK_WORKERS=1, runs when its page is rendered."""
    jobs = [file.job for file in files if isinstance(file, NotebookFile) and not Path(file.job.cache_path).exists()]
    if len(jobs) < 2 or runner.workers() < 2:
        return
    failures = runner.run_in_parallel(jobs)
    if failures:
        raise PluginError("\n\n".join(failures))


def on_pre_build(config):
    build.state(config).notebook_entries.clear()


def on_pre_page(page, config, files):
    if isinstance(page.file, NotebookFile):
        page.render = lambda config, files: _render(page, page.file.job, build.state(config))
    return page


def _render(page, job: runner.Job, state) -> None:
    """The notebook's page from its cache entry, after running it here if the entry is missing."""
    entry = Path(job.cache_path)
    if not entry.exists():
        failure = runner.execute(job)
        if failure:
            raise PluginError(failure)
    state.notebook_entries.add(entry)
    cached = json.loads(entry.read_text(encoding="utf-8"))
    page.content = cached["content"]
    page.toc = get_toc(cached["toc_tokens"])
    if cached.get("title") is not None:
        page.title = cached["title"]


THIRD_PARTY_SCRIPT = re.compile(
    r"<script\b[^>]*\bsrc=(['\"])(?:\1|https?:|//)[^>]*>\s*</script>", re.IGNORECASE)
# Inline scripts that only make sense with Mermaid or MathJax loaded from a CDN.
CDN_LOADER = re.compile(
    r"<script\b[^>]*>(?:(?!</script>).)*(?:mermaid|MathJax)(?:(?!</script>).)*</script>",
    re.IGNORECASE | re.DOTALL)
STYLE_BLOCK = re.compile(r"<style\b[^>]*>(.*?)</style>", re.IGNORECASE | re.DOTALL)
INLINE_IMAGE = re.compile(r"<img\b([^>]*?)\bsrc=(['\"])data:image/(png|jpeg|gif|svg\+xml);base64,([A-Za-z0-9+/=\s]+)\2")
NOTEBOOK_CSS = "assets/stylesheets/notebook.css"
CACHE = ".cache/pacer"  # the purged notebook stylesheet, kept between builds

def on_post_page(output: str, page, config) -> str:
    """Make a notebook page private and light: no CDN scripts, no inlined JupyterLab CSS; and
    publish the notebook's source beside it, for learners to download."""
    if not isinstance(page.file, NotebookFile):
        return output
    folder = Path(page.file.abs_dest_path).parent
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(page.file.abs_src_path, folder / Path(page.file.src_uri).name)
    output = THIRD_PARTY_SCRIPT.sub("", CDN_LOADER.sub("", output))
    state = build.state(config)
    if not state.notebook_css:
        state.notebook_css.append("\n".join(STYLE_BLOCK.findall(output)))
    output = STYLE_BLOCK.sub("", output)
    output = _move_images_to_files(output, folder)
    link = f'<link rel="stylesheet" href="{get_relative_url(NOTEBOOK_CSS, page.url)}">'
    output = output.replace("</head>", f"{link}\n</head>", 1)
    state.notebook_pages.append(output)
    return output


def _move_images_to_files(output: str, folder: Path) -> str:
    """Save each inline (base64) figure as a file beside the page: base64 does not compress,
    and a file is cached and loaded only when scrolled to."""

    def save(match: re.Match) -> str:
        data = base64.b64decode(re.sub(r"\s", "", match.group(4)))
        suffix = {"svg+xml": "svg", "jpeg": "jpg"}.get(match.group(3), match.group(3))
        name = f"figure-{hashlib.sha256(data).hexdigest()[:12]}.{suffix}"
        (folder / name).write_bytes(data)
        return f'<img{match.group(1)} loading="lazy" src="{name}"'

    return INLINE_IMAGE.sub(save, output)


def on_post_build(config):
    state = build.state(config)
    _evict_unused_entries(Path(config.config_file_path).resolve().parent / CACHE_FOLDER, state.notebook_entries)
    if not state.notebook_css:
        return
    target = Path(config.site_dir) / NOTEBOOK_CSS
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(purge_cached(state.notebook_css[0], state.notebook_pages, state.root / CACHE),
                      encoding="utf-8")


def _evict_unused_entries(folder: Path, used: set) -> None:
    """Remove the cache entries this build did not read (runs of notebooks since changed), so the
    cache holds one entry per notebook. A build that rendered no notebook removes nothing."""
    if not used:
        return
    for entry in folder.glob("*.json"):
        if entry.resolve() not in {path.resolve() for path in used}:
            entry.unlink()
