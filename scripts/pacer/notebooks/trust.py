"""Which notebooks a build may run, and how.

Notebook code from a pull request is someone else's code. Where bubblewrap runs
(scripts/pacer/safety/sandbox.py), every notebook runs inside it. Where it cannot (a Mac or
Windows laptop, a container that forbids namespaces), a notebook runs without it only when its
code and everything it reads are exactly as on ``main`` (the reviewed version): code that
differs from main would run with the rights of whoever builds (their files, their keys, their
network). Such a notebook is not run unless the build is told to (``run_unreviewed_notebooks:
true`` in mkdocs.yml, or ``PACER_RUN_UNREVIEWED_NOTEBOOKS=true``); its page says why, and the
output already in the cache, if any, is shown.

Under ``mkdocs serve`` the notebooks run in the background: the preview opens at once, their
pages say they are running, and the preview reloads by itself when each run is ready.
"""

from __future__ import annotations

import dataclasses
import logging
import subprocess
import threading
from pathlib import Path

from pacer.notebooks import runner
from pacer.safety import sandbox

log = logging.getLogger("mkdocs.plugins.pacer.notebooks")

REVIEWED_REFS = ("origin/main", "main")
RUNNING_NOTE = ("This worked analysis is running for the first time on this computer. The page will "
                "show it by itself in a minute or two.")
UNREVIEWED_NOTE = ("This worked analysis was not run here: its code differs from the reviewed version "
                   "on main, and this computer cannot run it in a sandbox ({reason}). To run it anyway, "
                   "set PACER_RUN_UNREVIEWED_NOTEBOOKS=true (only for code you have read).")
_background: dict[str, threading.Thread] = {}  # entry -> its run, for this process's serve session


def _reviewed_ref(root: Path) -> str | None:
    for ref in REVIEWED_REFS:
        found = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd=root,
                               capture_output=True, text=True)
        if found.returncode == 0:
            return ref
    return None


def reviewed(notebook: Path, root: Path) -> bool:
    """The notebook and every file it may read are as on main, with nothing untracked beside them."""
    ref = _reviewed_ref(root)
    if ref is None:
        return False
    paths = [notebook, *runner.folder_inputs(notebook)]
    relative = [p.relative_to(root).as_posix() for p in paths if root in p.parents]
    if len(relative) != len(paths):
        return False
    same = subprocess.run(["git", "diff", "--quiet", ref, "--", *relative], cwd=root, capture_output=True)
    untracked = subprocess.run(["git", "ls-files", "--others", "--exclude-standard", "--", *relative], cwd=root,
                               capture_output=True, text=True)
    return same.returncode == 0 and untracked.returncode == 0 and not untracked.stdout.strip()


def decide(jobs: list[runner.Job], root: Path, run_unreviewed: bool) -> tuple[list[runner.Job], dict[str, str]]:
    """(the jobs to run, each marked sandboxed or not; notebook source -> why its page shows no run)."""
    reason = sandbox.problem()
    if reason is None:
        return [dataclasses.replace(job, sandboxed=True) for job in jobs], {}
    allowed, not_run = [], {}
    for job in jobs:
        if run_unreviewed or reviewed(Path(job.source), root):
            allowed.append(dataclasses.replace(job, sandboxed=False))
        else:
            not_run[job.source] = UNREVIEWED_NOTE.format(reason=reason)
            log.warning(f"{job.shown}:1:1: the notebook was not run: its code differs from main, and the "
                        f"sandbox cannot run here ({reason})")
    return allowed, not_run


def run_in_background(jobs: list[runner.Job], workers: int) -> None:
    """Start the runs not already running (a serve rebuild finds them running); each writes its
    cache entry when done, which the preview watches."""
    pending = [job for job in jobs if job.entry and not (job.entry in _background and _background[job.entry].is_alive())]
    if not pending:
        return

    def work() -> None:
        for failure in runner.run_in_parallel(pending, workers)[0]:
            log.error(failure)

    thread = threading.Thread(target=work, name="pacer-notebooks", daemon=True)
    for job in pending:
        _background[job.entry] = thread
    thread.start()
