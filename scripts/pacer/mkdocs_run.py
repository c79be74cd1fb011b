"""The one way this project runs a build and reads mkdocs.yml (tests, benchmark, PDFs, offline copy).

``build`` runs ``python -m mkdocs build`` in a child process with the project's environment
(the MkDocs 2.0 banners silenced): one view. ``build_views`` builds the site as ``make build``
does: the learner view, then the facilitator view into its ``facilitator/`` folder. ``config``
reads mkdocs.yml with MkDocs' own YAML loader, which understands the file's ``!ENV`` and
``!!python/name`` tags, without loading plugins.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

from mkdocs.utils import yaml_load

from pacer.render.views import FACILITATOR_FOLDER

QUIET = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def environment(**extra: str) -> dict[str, str]:
    return {**os.environ, **QUIET, **extra}


def command(site: Path, *extra: str, strict: bool = True) -> list[str]:
    """The command line of a build into ``site``."""
    return [sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else []), "--site-dir", str(site), *extra]


def build(project: Path, site: Path, *extra: str, strict: bool = True, env: dict | None = None) -> subprocess.CompletedProcess:
    """Build ``project`` into ``site``; the result keeps the exit status and the whole log."""
    return subprocess.run(command(site, *extra, strict=strict), cwd=project, env=env or environment(),
                          capture_output=True, text=True)


def build_views(project: Path, site: Path, *extra: str, strict: bool = True,
                env: dict | None = None) -> subprocess.CompletedProcess:
    """Both views of ``project`` into ``site``, as `make build` makes them; one result, both logs.
    When the learner view failed, the facilitator view is still built, so its links can be
    checked, but quietly and not strictly: it would only report the same problems again."""
    env = env or environment()
    learner = build(project, site, *extra, strict=strict, env=env)
    quiet = ("--quiet",) if learner.returncode else ()
    facilitator = build(project, Path(site) / FACILITATOR_FOLDER, *extra, *quiet, strict=strict and not quiet,
                        env={**env, "PACER_VIEW": "facilitator"})
    return subprocess.CompletedProcess(learner.args, learner.returncode or facilitator.returncode,
                                       learner.stdout + facilitator.stdout, learner.stderr + facilitator.stderr)


def problems(log: str) -> str:
    """The warning and error lines of a build log (or its end, when it has none)."""
    lines = [line for line in log.splitlines() if line.startswith(("WARNING", "ERROR")) or "Error" in line]
    return "\n".join(lines[-30:]) or log[-3000:]


def config(project: Path) -> dict:
    """mkdocs.yml as MkDocs reads it (before validation), or {} when there is none."""
    path = Path(project) / "mkdocs.yml"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as handle:
        return yaml_load(handle) or {}


def site_prefix(project: Path) -> str:
    """The path the site is published under (from site_url), e.g. ``/pacer-curriculum/``."""
    path = urlparse(config(project).get("site_url") or "/").path or "/"
    return path if path.endswith("/") else path + "/"
