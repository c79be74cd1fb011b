"""MkDocs hook: make mkdocs-jupyter's notebook pages safe, private and correctly cached.

mkdocs-jupyter 0.26 (pinned) does three things this site cannot accept:

* it runs a jupytext ``.py`` notebook in the folder the build started in, not in the
  notebook's own folder, so ``pd.read_csv("data/x.csv")`` would fail. We run each
  notebook in its own folder, as a learner running it would;
* its cache key covers the notebook's bytes only, so a changed data file would be served
  stale. We add the notebook folder's other files and the versions of the packages that
  shape the output to the key;
* a failing notebook ends the build with a long traceback that does not say which file
  to fix. We stop the build with a message naming the notebook and the failing cell.

It also runs notebooks one after another. Before any page is built, ``on_files`` runs the
notebooks its cache lacks several at once, each in a worker process, and fills the cache
(scripts/pacer/notebook_run.py, which also holds the sandbox and the cache key's digest).

Each notebook page also inlines about 590 KB of JupyterLab CSS and loads Mermaid and MathJax
from CDNs (with an empty ``<script src="">``). ``on_post_page`` removes the third-party scripts
and moves the CSS into one shared stylesheet, ``assets/stylesheets/notebook.css``, which
``on_post_build`` writes with only the rules the notebook pages can use
(scripts/pacer/notebook_css.py). Notebooks therefore cannot use LaTeX maths or Mermaid.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import wraps
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url
from mkdocs_jupyter import convert as jupyter_convert
from mkdocs_jupyter import plugin as jupyter_plugin

from pacer import build, notebook_run
from pacer.notebook_css import purge_cached


def _run_in_notebook_folder(nb2html):
    @wraps(nb2html)
    def wrapper(nb_path, *args, **kwargs):
        path = Path(nb_path).resolve()
        with notebook_run.sandbox(path) as copy:
            try:
                return nb2html(str(copy), *args, **kwargs)
            except Exception as error:  # nbclient raises several types; all mean "fix the notebook"
                raise PluginError(notebook_run.failure_message(notebook_run.shown(path), error)) from None
    wrapper.pacer_wrapped = True
    return wrapper


def _cache_key_with_data(compute_cache_key):
    @wraps(compute_cache_key)
    def wrapper(nb_path, config, exec_nb):
        key = compute_cache_key(nb_path, config, exec_nb)
        return hashlib.sha256((key + notebook_run.data_digest(Path(nb_path).resolve())).encode()).hexdigest()
    wrapper.pacer_wrapped = True
    return wrapper


# Patch once per process: `mkdocs serve` reloads this hook on every rebuild.
if not getattr(jupyter_convert.nb2html, "pacer_wrapped", False):
    jupyter_convert.nb2html = _run_in_notebook_folder(jupyter_convert.nb2html)
if not getattr(jupyter_plugin._compute_cache_key, "pacer_wrapped", False):
    jupyter_plugin._compute_cache_key = _cache_key_with_data(jupyter_plugin._compute_cache_key)


# After mkdocs-jupyter's on_files (priority 0) has wrapped notebooks in its NotebookFile,
# which hides the edit link that scripts/hooks/courses.py set on the file it wraps.
@event_priority(-50)
def on_files(files, config):
    for file in files:
        if isinstance(file, jupyter_plugin.NotebookFile):
            file.edit_uri = file.file.edit_uri
    _run_uncached_notebooks(files, config)
    return files


def _run_uncached_notebooks(files, config) -> None:
    """Run the notebooks the cache does not hold several at once, before any page is rendered:
    mkdocs-jupyter then finds each one in its cache. One notebook alone, or
    PACER_NOTEBOOK_WORKERS=1, is left to mkdocs-jupyter, which runs it in this process."""
    plugin = config.plugins.get("mkdocs-jupyter")
    if plugin is None or not plugin.config["cache"] or notebook_run.workers() < 2:
        return
    jobs = [job for file in files if isinstance(file, jupyter_plugin.NotebookFile)
            and (job := _job(file, plugin.config)) is not None]
    if len(jobs) < 2:
        return
    failures = notebook_run.run_in_parallel(jobs)
    if failures:
        raise PluginError("\n\n".join(failures))


# The arguments mkdocs-jupyter 0.26 passes to nb2html (Plugin.on_pre_page), from its options.
NB2HTML_OPTIONS = ("kernel_name", "theme", "allow_errors", "show_input", "no_input", "no_prompt", "remove_tag_config",
                   "highlight_extra_classes", "include_requirejs", "custom_mathjax_url")


def _job(file, options) -> notebook_run.Job | None:
    """The notebook's run, when it is to be executed and its cache entry is missing."""
    source = Path(file.abs_src_path)
    execute = options["execute"] and not any(source.match(p) for p in options["execute_ignore"])
    if not execute:
        return None
    key = jupyter_plugin._compute_cache_key(str(source), options, execute)
    entry = jupyter_plugin._get_cache_path(options["cache_dir"], key).resolve()
    if entry.exists():
        return None
    arguments = (("execute", execute),) + tuple((name, options[name]) for name in NB2HTML_OPTIONS)
    return notebook_run.Job(str(source), notebook_run.shown(source), str(entry), arguments, options["toc_depth"])


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
    """Make a notebook page private and light: no CDN scripts, no inlined JupyterLab CSS."""
    if not isinstance(page.file, jupyter_plugin.NotebookFile):
        return output
    output = THIRD_PARTY_SCRIPT.sub("", CDN_LOADER.sub("", output))
    state = build.state(config)
    if not state.notebook_css:
        state.notebook_css.append("\n".join(STYLE_BLOCK.findall(output)))
    output = STYLE_BLOCK.sub("", output)
    output = _move_images_to_files(output, Path(page.file.abs_dest_path).parent)
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
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
        return f'<img{match.group(1)} loading="lazy" src="{name}"'

    return INLINE_IMAGE.sub(save, output)


def on_post_build(config):
    state = build.state(config)
    if not state.notebook_css:
        return
    target = Path(config.site_dir) / NOTEBOOK_CSS
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(purge_cached(state.notebook_css[0], state.notebook_pages, state.root / CACHE),
                      encoding="utf-8")
