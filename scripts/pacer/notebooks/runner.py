"""Running notebooks for the build: in a sandbox, keyed honestly, several at once.

* ``sandbox``: a notebook runs in a throw-away copy of its folder with a scrubbed environment.
* ``data_digest``: what the notebook may read besides itself (its folder's files, the helper
  modules above it) and the installed packages, part of the notebook cache key.
* ``execute``: run one notebook with mkdocs-jupyter's converter and write its cache entry.
* ``run_in_parallel``: the notebooks the cache does not hold are run in worker processes
  before MkDocs renders any page, so rendering a page only reads its cache entry
  (scripts/hooks/notebooks.py). Each worker is a process of its own, so the
  sandbox's working folder and environment (process-wide in Python) are never shared between
  two notebooks running at once.

This module is imported once per process (``mkdocs serve`` keeps it between rebuilds); the
package versions are read again only when an installation folder changes.
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import re
import shutil
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from pacer.paths import ROOT, rel

log = logging.getLogger("mkdocs.plugins.pacer.notebooks")

IGNORED_FOR_CACHE = {".md"}  # pages beside a notebook do not change what it prints
# What a notebook's kernel may see of the build's environment: no tokens, no secrets, no HOME.
KEPT_ENVIRONMENT = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "PYTHONHASHSEED", "SOURCE_DATE_EPOCH",
                    "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
WORKERS_VARIABLE = "PACER_NOTEBOOK_WORKERS"  # how many notebooks may run at once (1: one at a time)


def project_root(path: Path) -> Path:
    """The project a notebook belongs to: the nearest folder above it that holds mkdocs.yml."""
    return next((p for p in path.parents if (p / "mkdocs.yml").is_file()), ROOT)


def helper_modules(notebook: Path, root: Path) -> list[Path]:
    """The helper modules (``_*.py``) in the folders above the notebook, up to the project."""
    found = []
    for ancestor in notebook.parent.parents:
        if ancestor == root or root not in ancestor.parents:
            break
        found += sorted(ancestor.glob("_*.py"))
    return found


@contextmanager
def sandbox(notebook: Path):
    """Run a notebook in a throw-away copy of its folder, with a scrubbed environment.

    The copy holds the notebook's folder (its data) and the helper modules (_*.py) of the
    folders above it, at the same relative places, so ``data/x.csv`` and ``sys.path.insert(0,
    "..")`` work as on a learner's computer. Whatever the notebook writes there is thrown
    away; a write anywhere in the repository is caught by the git check after the build
    (scripts/hooks/safety.py). HOME and Jupyter's folders are temporary, and only the
    variables in KEPT_ENVIRONMENT reach the kernel. The working folder and the environment
    belong to the whole process: one notebook at a time per process.
    """
    root = project_root(notebook)
    before_dir, before_env = os.getcwd(), dict(os.environ)
    with tempfile.TemporaryDirectory(prefix="pacer-notebook-") as scratch:
        copy_root = Path(scratch) / "project"
        relative = notebook.parent.relative_to(root)
        shutil.copytree(notebook.parent, copy_root / relative, symlinks=False,
                        ignore=shutil.ignore_patterns(".*", "__pycache__"))
        for helper in helper_modules(notebook, root):
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


def failure_message(notebook: str, error: Exception) -> str:
    text = re.sub(r"\x1b\[[0-9;]*m", "", str(error))  # drop terminal colours
    last = [line for line in text.strip().splitlines() if line.strip()][-1:] or ["(no message)"]
    return (
        f"{notebook}:1:1: BLD003 the notebook failed while the site was built: {last[0].strip()}\n"
        f"Open {notebook} in Jupyter (or run `python {notebook}` in its folder), fix the cell "
        f"that fails, and build again.\n--- details ---\n{text.strip()[-2000:]}"
    )


# --- the cache key ---------------------------------------------------------------------------

_versions: dict[str, str] = {}
VERSIONS_FOLDER = ".cache/pacer"


def package_versions(root: Path) -> str:
    """Python and every installed package with its version: any of them may shape an output.

    Reading every package's metadata takes a noticeable part of a build, so the answer is kept,
    in this process and in ``root``'s cache folder, by the folders on the import path and the
    times they last changed (installing, upgrading or removing a package changes its folder)."""
    folders = [(folder, os.stat(folder).st_mtime_ns) for folder in sys.path if os.path.isdir(folder)]
    key = hashlib.sha256(repr((sys.version, folders)).encode()).hexdigest()[:24]
    if key not in _versions:
        stored = Path(root) / VERSIONS_FOLDER / f"package-versions-{key}.txt"
        if stored.is_file():
            _versions[key] = stored.read_text(encoding="utf-8")
        else:
            installed = sorted(f"{d.metadata['Name']}={d.version}" for d in metadata.distributions())
            _versions[key] = f"python={sys.version_info[:3]};" + ";".join(installed)
            stored.parent.mkdir(parents=True, exist_ok=True)
            for old in stored.parent.glob("package-versions-*.txt"):  # installations change rarely
                old.unlink()
            stored.write_text(_versions[key], encoding="utf-8")
    return _versions[key]


def data_digest(notebook: Path) -> str:
    """A digest of what the notebook may read besides itself: the files in its folder (its data)
    and the helper modules (_*.py) in the folders above it, up to the repository."""
    root = project_root(notebook)
    hasher = hashlib.sha256(package_versions(root).encode())
    folder = notebook.parent
    inputs = [p for p in sorted(folder.rglob("*")) if p.is_file() and p != notebook
              and p.suffix not in IGNORED_FOR_CACHE
              and not any(part.startswith(".") or part == "__pycache__" for part in p.relative_to(folder).parts)]
    inputs += helper_modules(notebook, root)
    for path in inputs:
        hasher.update(path.relative_to(root).as_posix().encode() if root in path.parents else path.name.encode())
        hasher.update(path.read_bytes())
    return hasher.hexdigest()


# --- several notebooks at once -----------------------------------------------------------------

@dataclass(frozen=True)
class Job:
    """One notebook to run, and the cache entry it must fill."""
    source: str          # the notebook's absolute path
    shown: str           # its path as people see it, for messages
    cache_path: str      # the absolute path of its cache entry
    options: tuple       # the arguments to mkdocs-jupyter's nb2html, as (name, value) pairs
    toc_depth: int


def workers() -> int:
    """How many notebooks run at once: PACER_NOTEBOOK_WORKERS, or one per core."""
    value = os.environ.get(WORKERS_VARIABLE, "")
    return max(1, int(value)) if value.isdigit() else (os.cpu_count() or 1)


def run_in_parallel(jobs: list[Job]) -> list[str]:
    """Run the jobs in worker processes; the failure messages (BLD003), one per failed notebook."""
    count = min(workers(), len(jobs))
    for job in jobs:
        log.info(f"Running notebook {job.shown} ({count} at a time)")
    # "spawn": a fresh interpreter per worker, never a fork of a build with threads running.
    with ProcessPoolExecutor(max_workers=count, mp_context=multiprocessing.get_context("spawn")) as pool:
        results = list(pool.map(execute, jobs))
    return sorted(filter(None, results))


def execute(job: Job) -> str | None:
    """Run one notebook in its sandbox and write its cache entry; the failure message, if any."""
    from mkdocs_jupyter import convert, plugin  # imported only when a notebook runs (about a second)

    source = Path(job.source)
    try:
        with sandbox(source) as copy:
            body = convert.nb2html(str(copy), **dict(job.options))
        toc_tokens, title = plugin._get_nb_toc_tokens(job.source, job.toc_depth)
    except Exception as error:  # nbclient raises several types; all mean "fix the notebook"
        return failure_message(job.shown, error)
    entry = Path(job.cache_path)
    entry.parent.mkdir(parents=True, exist_ok=True)
    partial = entry.with_suffix(f".{os.getpid()}.partial")  # never read half-written
    partial.write_text(json.dumps({"content": body, "toc_tokens": toc_tokens, "title": title}), encoding="utf-8")
    partial.replace(entry)
    return None


def shown(path: Path) -> str:
    return rel(path, project_root(path))
