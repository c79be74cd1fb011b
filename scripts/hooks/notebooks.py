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

Each notebook page also inlines about 590 KB of JupyterLab CSS and loads Mermaid and MathJax
from CDNs (with an empty ``<script src="">``). ``on_post_page`` removes the third-party scripts
and moves the CSS into one shared stylesheet, ``assets/stylesheets/notebook.css``, which
``on_post_build`` writes with only the rules the notebook pages can use
(scripts/pacer/notebook_css.py). Notebooks therefore cannot use LaTeX maths or Mermaid.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import sys
import tempfile
from contextlib import contextmanager
from functools import wraps
from importlib import metadata
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url
from mkdocs_jupyter import convert as jupyter_convert
from mkdocs_jupyter import plugin as jupyter_plugin

from pacer import build
from pacer.notebook_css import purge
from pacer.paths import ROOT, rel

IGNORED_FOR_CACHE = {".md"}  # pages beside a notebook do not change what it prints


# What a notebook's kernel may see of the build's environment: no tokens, no secrets, no HOME.
KEPT_ENVIRONMENT = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "PYTHONHASHSEED", "SOURCE_DATE_EPOCH",
                    "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")


@contextmanager
def _sandbox(notebook: Path):
    """Run a notebook in a throw-away copy of its folder, with a scrubbed environment.

    The copy holds the notebook's folder (its data) and the helper modules (_*.py) of the
    folders above it, at the same relative places, so ``data/x.csv`` and ``sys.path.insert(0,
    "..")`` work as on a learner's computer. Whatever the notebook writes there is thrown
    away; a write anywhere in the repository is caught by the git check after the build
    (scripts/hooks/safety.py). HOME and Jupyter's folders are temporary, and only the
    variables in KEPT_ENVIRONMENT reach the kernel.
    """
    root = _project_root(notebook)
    before_dir, before_env = os.getcwd(), dict(os.environ)
    with tempfile.TemporaryDirectory(prefix="pacer-notebook-") as scratch:
        copy_root = Path(scratch) / "project"
        relative = notebook.parent.relative_to(root)
        shutil.copytree(notebook.parent, copy_root / relative, symlinks=False,
                        ignore=shutil.ignore_patterns(".*", "__pycache__"))
        for ancestor in notebook.parent.parents:
            if ancestor == root or root not in ancestor.parents:
                break
            for helper in ancestor.glob("_*.py"):
                target = copy_root / helper.relative_to(root)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(helper, target)
        home = Path(scratch) / "home"
        home.mkdir()
        os.environ.clear()
        os.environ.update({k: v for k, v in before_env.items() if k in KEPT_ENVIRONMENT})
        os.environ.update(HOME=str(home), JUPYTER_RUNTIME_DIR=str(home / "runtime"), MPLCONFIGDIR=str(home / "mpl"),
                          IPYTHONDIR=str(home / "ipython"), JUPYTER_CONFIG_DIR=str(home / "jupyter"))
        os.chdir(copy_root / relative)
        try:
            yield copy_root / relative / notebook.name
        finally:
            os.chdir(before_dir)
            os.environ.clear()
            os.environ.update(before_env)


def _failure_message(notebook: str, error: Exception) -> str:
    text = re.sub(r"\x1b\[[0-9;]*m", "", str(error))  # drop terminal colours
    last = [line for line in text.strip().splitlines() if line.strip()][-1:] or ["(no message)"]
    return (
        f"{notebook}:1:1: BLD003 the notebook failed while the site was built: {last[0].strip()}\n"
        f"Open {notebook} in Jupyter (or run `python {notebook}` in its folder), fix the cell "
        f"that fails, and build again.\n--- details ---\n{text.strip()[-2000:]}"
    )


def _run_in_notebook_folder(nb2html):
    @wraps(nb2html)
    def wrapper(nb_path, *args, **kwargs):
        path = Path(nb_path).resolve()
        with _sandbox(path) as copy:
            try:
                return nb2html(str(copy), *args, **kwargs)
            except Exception as error:  # nbclient raises several types; all mean "fix the notebook"
                raise PluginError(_failure_message(rel(path, _project_root(path)), error)) from None
    wrapper.pacer_wrapped = True
    return wrapper


def _package_versions() -> str:
    """Python and every installed package with its version: any of them may shape an output."""
    installed = sorted(f"{d.metadata['Name']}={d.version}" for d in metadata.distributions())
    return f"python={sys.version_info[:3]};" + ";".join(installed)


def _project_root(path: Path) -> Path:
    """The project a notebook belongs to: the nearest folder above it that holds mkdocs.yml."""
    return next((p for p in path.parents if (p / "mkdocs.yml").is_file()), ROOT)


def data_digest(notebook: Path) -> str:
    """A digest of what the notebook may read besides itself: the files in its folder (its data)
    and the helper modules (_*.py) in the folders above it, up to the repository."""
    hasher = hashlib.sha256(_package_versions().encode())
    folder = notebook.parent
    root = _project_root(notebook)
    inputs = [p for p in sorted(folder.rglob("*")) if p.is_file() and p != notebook
              and p.suffix not in IGNORED_FOR_CACHE
              and not any(part.startswith(".") or part == "__pycache__" for part in p.relative_to(folder).parts)]
    for ancestor in folder.parents:
        if ancestor == root or root not in ancestor.parents:
            break
        inputs += sorted(ancestor.glob("_*.py"))
    for path in inputs:
        hasher.update(path.relative_to(root).as_posix().encode() if root in path.parents else path.name.encode())
        hasher.update(path.read_bytes())
    return hasher.hexdigest()


def _cache_key_with_data(compute_cache_key):
    @wraps(compute_cache_key)
    def wrapper(nb_path, config, exec_nb):
        key = compute_cache_key(nb_path, config, exec_nb)
        return hashlib.sha256((key + data_digest(Path(nb_path).resolve())).encode()).hexdigest()
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
    return files


THIRD_PARTY_SCRIPT = re.compile(
    r"<script\b[^>]*\bsrc=(['\"])(?:\1|https?:|//)[^>]*>\s*</script>", re.IGNORECASE)
# Inline scripts that only make sense with Mermaid or MathJax loaded from a CDN.
CDN_LOADER = re.compile(
    r"<script\b[^>]*>(?:(?!</script>).)*(?:mermaid|MathJax)(?:(?!</script>).)*</script>",
    re.IGNORECASE | re.DOTALL)
STYLE_BLOCK = re.compile(r"<style\b[^>]*>(.*?)</style>", re.IGNORECASE | re.DOTALL)
INLINE_IMAGE = re.compile(r"<img\b([^>]*?)\bsrc=(['\"])data:image/(png|jpeg|gif|svg\+xml);base64,([A-Za-z0-9+/=\s]+)\2")
NOTEBOOK_CSS = "assets/stylesheets/notebook.css"

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
    target.write_text(purge(state.notebook_css[0], state.notebook_pages), encoding="utf-8")
