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

The page's third-party assets (Mermaid from a CDN, an empty ``<script src="">``) are removed
in ``on_post_page``.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from contextlib import contextmanager
from functools import wraps
from importlib import metadata
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs_jupyter import convert as jupyter_convert
from mkdocs_jupyter import plugin as jupyter_plugin

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from pacer.paths import rel  # noqa: E402

OUTPUT_SHAPING_PACKAGES = ("nbconvert", "nbclient", "ipykernel", "jupytext", "pandas", "matplotlib", "mkdocs-jupyter")
IGNORED_FOR_CACHE = {".md"}  # pages beside a notebook do not change what it prints


@contextmanager
def _working_directory(path: Path):
    before = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def _failure_message(notebook: str, error: Exception) -> str:
    text = re.sub(r"\x1b\[[0-9;]*m", "", str(error))  # drop terminal colours
    last = [line for line in text.strip().splitlines() if line.strip()][-1:] or ["(no message)"]
    return (
        f"{notebook}: the notebook failed while the site was built: {last[0].strip()}\n"
        f"Open {notebook} in Jupyter (or run `python {notebook}` in its folder), fix the cell "
        f"that fails, and build again.\n--- details ---\n{text.strip()[-2000:]}"
    )


def _run_in_notebook_folder(nb2html):
    @wraps(nb2html)
    def wrapper(nb_path, *args, **kwargs):
        path = Path(nb_path).resolve()
        with _working_directory(path.parent):
            try:
                return nb2html(str(path), *args, **kwargs)
            except Exception as error:  # nbclient raises several types; all mean "fix the notebook"
                raise PluginError(_failure_message(rel(path), error)) from None
    wrapper.pacer_wrapped = True
    return wrapper


def _package_versions() -> str:
    versions = []
    for name in OUTPUT_SHAPING_PACKAGES:
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=absent")
    return f"python={sys.version_info[:3]};" + ";".join(versions)


def data_digest(notebook: Path) -> str:
    """A digest of everything beside the notebook that it may read (its data files)."""
    hasher = hashlib.sha256(_package_versions().encode())
    folder = notebook.parent
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path != notebook and path.suffix not in IGNORED_FOR_CACHE \
                and not any(part.startswith(".") or part == "__pycache__" for part in path.relative_to(folder).parts):
            hasher.update(path.relative_to(folder).as_posix().encode())
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
MERMAID_LOADER = re.compile(
    r"<script\b[^>]*type=(['\"])module\1[^>]*>(?:(?!</script>).)*mermaid(?:(?!</script>).)*</script>",
    re.IGNORECASE | re.DOTALL)


def on_post_page(output: str, page, config) -> str:
    """Drop the notebook template's CDN and empty scripts: the site loads nothing from other hosts."""
    if not page.file.src_uri.endswith(".py"):
        return output
    output = MERMAID_LOADER.sub("", output)
    return THIRD_PARTY_SCRIPT.sub("", output)
