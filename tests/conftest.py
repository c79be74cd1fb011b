"""Shared fixtures: the real site built once per test session, and tiny throw-away projects."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BUILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


@dataclass
class Build:
    returncode: int
    log: str
    site: Path


def mkdocs_build(project: Path, site: Path, *extra: str) -> Build:
    """Run a strict `mkdocs build` of ``project`` into ``site`` and keep its log."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site), *extra],
        cwd=project, env=BUILD_ENV, capture_output=True, text=True,
    )
    return Build(result.returncode, result.stdout + result.stderr, site)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Build:
    """The real site, built once for the whole test session."""
    build = mkdocs_build(ROOT, tmp_path_factory.mktemp("site") / "site")
    assert build.returncode == 0, f"the site did not build:\n{build.log}"
    return build


def _config_without_nav(text: str) -> str:
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("nav:"))
    end = next((i for i in range(start + 1, len(lines)) if lines[i] and not lines[i][0].isspace()), len(lines))
    return "\n".join(lines[:start] + lines[end:]) + "\n"


def _project_maker(folder: Path):
    def make(files: dict[str, str] | None = None, nav: str | None = None) -> Path:
        project = folder / "project"
        shutil.copytree(ROOT / "scripts", project / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copytree(ROOT / "overrides", project / "overrides")
        if (ROOT / "docs" / "_data").exists():
            shutil.copytree(ROOT / "docs" / "_data", project / "docs" / "_data")
        if (ROOT / "docs" / "_snippets").exists():
            shutil.copytree(ROOT / "docs" / "_snippets", project / "docs" / "_snippets")
        skeleton = {
            "docs/index.md": "# Home\n",
            **{f"{c}/index.md": f"---\ntitle: {c}\n---\n\nAbout {c}.\n" for c in ("course1", "course2", "course3")},
        }
        for path, text in {**skeleton, **(files or {})}.items():
            target = project / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        config = _config_without_nav((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
        config += nav or (
            "nav:\n  - Home: index.md\n  - Course 1: course1/index.md\n"
            "  - Course 2: course2/index.md\n  - Course 3: course3/index.md\n"
        )
        (project / "mkdocs.yml").write_text(config, encoding="utf-8")
        return project

    return make


@pytest.fixture
def make_project(tmp_path):
    """A small copy of the project (config, hooks, theme, data) with pages you choose.

    ``make_project({"course1/01-x/index.md": "..."})`` writes those files over a minimal
    skeleton (a home page and an index per course) and returns the project folder.
    """
    return _project_maker(tmp_path)


@pytest.fixture(scope="module")
def make_module_project(tmp_path_factory):
    """``make_project`` for module-scoped fixtures: one project built once for a module's tests."""
    return _project_maker(tmp_path_factory.mktemp("module-project"))


def source_snapshot() -> dict[str, bytes]:
    """Every file git tracks or would track (ignored build output excluded), with its bytes."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT, capture_output=True, check=True,
    ).stdout.decode().split("\0")
    return {name: (ROOT / name).read_bytes() for name in listed if name and (ROOT / name).is_file()}
