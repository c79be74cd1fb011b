"""Running notebooks for the build: in a sandbox, keyed honestly, several at once.

* ``inputs_digest``: what a notebook may read besides itself (its folder's files, the helper
  modules above it) and the installed packages; ``conditions``: the code that runs it and the
  environment it is given. Both are part of its cache key.
* ``execute``: run one notebook and write its run (the page's HTML, table of contents and
  title) where the cache wants it. The notebook runs in a throw-away copy of its folder with
  the helper modules above it at the same relative places, so ``data/x.csv`` and
  ``sys.path.insert(0, "..")`` work as on a learner's computer; inside bubblewrap
  (scripts/pacer/safety/sandbox.py) when ``sandboxed``. Its output comes back only as the
  converter's answer on standard output (``convert.py``); nothing it writes survives.
* ``run_in_parallel``: the notebooks the cache lacks run in worker processes, before any page
  is rendered.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from pacer import cache
from pacer.paths import ROOT, rel
from pacer.rules import message
from pacer.safety import sandbox

log = logging.getLogger("mkdocs.plugins.pacer.notebooks")

IGNORED_FOR_CACHE = {".md"}  # pages beside a notebook do not change what it prints
TIME_LIMIT = 600             # seconds for one notebook, start to end
LEFT_RUNNING = 86            # convert.py's exit status when the notebook left a process behind
# Tells the course helpers (course2/_display.py) that their output goes onto the site, whose
# stylesheet draws it and whose Content-Security-Policy allows no inline style. Anywhere else
# (a learner's computer) their output carries its own styles.
SITE_OUTPUT = {"PACER_OUTPUT": "site"}


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


def folder_inputs(notebook: Path) -> list[Path]:
    """The files a notebook may read besides itself: its folder's files and the helpers above."""
    folder = notebook.parent
    inputs = [p for p in sorted(folder.rglob("*")) if p.is_file() and p != notebook
              and p.suffix not in IGNORED_FOR_CACHE
              and not any(part.startswith(".") or part == "__pycache__" for part in p.relative_to(folder).parts)]
    return inputs + helper_modules(notebook, project_root(notebook))


def inputs_digest(notebook: Path, packages: str | None = None) -> str:
    """A digest of what the notebook may read besides itself, and of the installed packages."""
    root = project_root(notebook)
    named = [(p.relative_to(root).as_posix() if root in p.parents else p.name, p.read_bytes())
             for p in folder_inputs(notebook)]
    return cache.key(packages if packages is not None else cache.installed_packages(), named)


def conditions() -> list:
    """What a run depends on besides the notebook and what it reads: the code that runs it (what
    the converter prints, convert.py; the folder and the environment the notebook runs in, this
    module and safety/sandbox.py) and the variables it is given from the build's environment."""
    here = Path(__file__)
    return [here.with_name("convert.py"), here, Path(sandbox.__file__),
            sorted(SITE_OUTPUT.items()), sorted(sandbox.kept_environment().items())]


def failure_message(notebook: str, detail: str) -> str:
    text = re.sub(r"\x1b\[[0-9;]*m", "", detail)  # drop terminal colours
    last = [line for line in text.strip().splitlines() if line.strip()][-1:] or ["(no message)"]
    return (
        f"{notebook}:1:1: BLD003 the notebook failed while the site was built: {last[0].strip()}\n"
        f"Open {notebook} in Jupyter (or run `python {notebook}` in its folder), fix the cell "
        f"that fails, and build again.\n--- details ---\n{text.strip()[-2000:]}"
    )


@dataclass(frozen=True)
class Job:
    """One notebook to run, and where its run goes."""
    source: str          # the notebook's absolute path
    shown: str           # its path as people see it, for messages
    entry: str           # where the run is written (the cache's entry), "" when the cache is off
    options: tuple       # the arguments to mkdocs-jupyter's nb2html, as (name, value) pairs
    toc_depth: int
    sandboxed: bool = True


def _copy(notebook: Path, scratch: Path) -> Path:
    """The throw-away copy of the notebook's folder and helpers; the notebook's path in it."""
    root = project_root(notebook)
    relative = notebook.parent.relative_to(root)
    shutil.copytree(notebook.parent, scratch / relative, symlinks=False,
                    ignore=shutil.ignore_patterns(".*", "__pycache__"))
    for helper in helper_modules(notebook, root):
        target = scratch / helper.relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(helper, target)
    return scratch / relative / notebook.name


def execute(job: Job) -> tuple[str | None, dict | None]:
    """Run one notebook; (the failure message or None, the run)."""
    source = Path(job.source)
    with tempfile.TemporaryDirectory(prefix="pacer-notebook-") as scratch:
        copy = _copy(source, Path(scratch) / "project")
        argv = [sys.executable, "-m", "pacer.notebooks.convert", copy.name,
                json.dumps({"options": dict(job.options), "toc_depth": job.toc_depth, "sandboxed": job.sandboxed})]
        scripts = str(Path(__file__).resolve().parents[2])  # where pacer is, for pacer.notebooks.convert
        if job.sandboxed:
            command = sandbox.command(argv, copy.parent, [Path(scratch) / "project", Path(scripts)],
                                      {**sandbox.environment(python_path=scripts), **SITE_OUTPUT})
            env, preexec = None, sandbox.limits
        else:  # a notebook the build may trust (scripts/pacer/notebooks/trust.py): no namespaces
            command = argv
            env = {**sandbox.environment(home=str(Path(scratch) / "home"), python_path=scripts), **SITE_OUTPUT}
            preexec = None
        try:
            result = subprocess.run(command, cwd=copy.parent, env=env, preexec_fn=preexec, capture_output=True,
                                    text=True, timeout=TIME_LIMIT, start_new_session=True)
        except subprocess.TimeoutExpired:
            return failure_message(job.shown, f"the notebook ran for more than {TIME_LIMIT} seconds and was stopped"), None
    if result.returncode == LEFT_RUNNING:
        return f"{job.shown}:1:1: BLD022 " + message("BLD022", "the notebook left a process running after its last cell"), None
    if result.returncode != 0:
        return failure_message(job.shown, result.stderr or result.stdout), None
    try:
        run = json.loads(result.stdout)
    except ValueError:
        return failure_message(job.shown, "the notebook's run gave no readable answer: " + result.stdout[-500:]), None
    if job.entry:
        Path(job.entry).parent.mkdir(parents=True, exist_ok=True)
        partial = Path(job.entry).with_name(f".partial-{os.getpid()}-{Path(job.entry).name}")
        partial.write_text(json.dumps(run), encoding="utf-8")
        partial.replace(job.entry)
    return None, run


def run_in_parallel(jobs: list[Job], workers: int) -> tuple[list[str], dict[str, dict]]:
    """Run the jobs, ``workers`` at a time: the failure messages (BLD003), one per failed notebook,
    and the runs by notebook (the pages of a build without the cache are filled from them).
    Each job is a process of its own, so threads are enough to wait for them."""
    count = max(1, min(workers, len(jobs)))
    for job in jobs:
        log.info(f"Running notebook {job.shown} ({count} at a time{', in its sandbox' if job.sandboxed else ''})")
    with ThreadPoolExecutor(max_workers=count) as pool:
        results = list(pool.map(execute, jobs))
    failures = sorted(failure for failure, _run in results if failure)
    return failures, {job.source: run for job, (_failure, run) in zip(jobs, results) if run is not None}


def shown(path: Path) -> str:
    return rel(path, project_root(path))
