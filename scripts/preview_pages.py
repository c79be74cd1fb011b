"""Which pages a pull request changes, and what its checks found: the preview's report.

Usage:
  python scripts/preview_pages.py SITE --pr 12 --base main [--checks DIR] [--out report.json]
  python scripts/preview_pages.py SITE --pr 12 --changed course2/01-interviewing/index.md ...

SITE is the built preview (`make preview PR=12` builds site-preview/); its source map says which
file made each page (scripts/pacer/preview/changes.py explains how a change reaches a page).
With --base, the changed files are those between that commit and HEAD (`git diff`), and the
glossary and bibliography are compared entry by entry with their versions there; with --changed,
the files are given, and any change to those two counts for every entry. --checks names a folder
of check outputs (<check>.log and <check>.status for module-checker, build and links).
It prints the comment the pull request would get, and writes the report to --out.
Exit status: 0 done, 2 it could not run (no such commit, no built site).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Callable

from pacer.links.sources import load_source_map
from pacer.paths import ROOT, rel
from pacer.preview import changes, comment, report

EXIT_CANNOT_RUN = 2


class CannotRun(Exception):
    pass


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)


def changes_since(root: Path, base: str) -> tuple[list[changes.Change], Callable[[str], str | None]]:
    """The files changed between ``base`` and HEAD, and a reader of files as they were at ``base``."""
    diff = _git(root, "diff", "--name-status", "--no-renames", base, "HEAD")
    if diff.returncode != 0:
        raise CannotRun(f"git cannot compare {base} with HEAD ({diff.stderr.strip()}). Fetch that commit, "
                        f"or give the changed files with --changed.")

    def old_text(path: str) -> str | None:
        shown = _git(root, "show", f"{base}:{path}")
        return shown.stdout if shown.returncode == 0 else None
    return changes.parse_name_status(diff.stdout), old_text


def given_changes(root: Path, paths: list[str]) -> list[changes.Change]:
    return [changes.Change(path, "M" if (root / path).exists() else "D") for path in paths]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the built preview (site-preview/)")
    parser.add_argument("--pr", type=int, required=True, help="the pull request's number")
    given = parser.add_mutually_exclusive_group()
    given.add_argument("--base", help="the commit the pull request starts from (main, or HEAD^1 of a merge)")
    given.add_argument("--changed", nargs="*", default=[], metavar="PATH", help="the changed files")
    parser.add_argument("--checks", type=Path, help="the folder with each check's .log and .status")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project (default: this one)")
    parser.add_argument("--out", type=Path, help="write the report (JSON) here")
    options = parser.parse_args(argv)
    try:
        if options.base:
            found, old_text = changes_since(options.root, options.base)
        else:
            found, old_text = given_changes(options.root, options.changed), (lambda path: None)
        source_map = load_source_map(options.site)
        if not source_map.found and _build_passed(options.checks):
            raise CannotRun(f"{rel(options.site)}: no built site with a source map here. Build it first: make preview PR={options.pr}")
        changed = changes.changed_pages(found, source_map, options.root, old_text) if source_map.found else None
    except CannotRun as error:
        print(f"preview_pages.py: {error}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    result = report.report(options.pr, options.checks, changed, options.root)
    if options.out:
        options.out.parent.mkdir(parents=True, exist_ok=True)
        options.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    preview_url = source_map.site_url if source_map.site_url.startswith("https://") else "https://example.org/"
    sys.stdout.write(comment.render(result, preview_url.rstrip("/") + "/", _head(options.root)))
    return 0


def _build_passed(checks: Path | None) -> bool:
    """Whether the build passed (or, without check outputs, is taken to have)."""
    if checks is None:
        return True
    return report.check_result("build", checks, ROOT)["status"] == "passed"


def _head(root: Path) -> str:
    return _git(root, "rev-parse", "HEAD").stdout.strip()


if __name__ == "__main__":
    sys.exit(main())
