"""Print the reading grade (Flesch-Kincaid) and word counts of the site's pages.

Usage: python scripts/readability.py [PATH ...]   (default: docs/ and the three courses)

Columns: grade of all prose, words of teaching text (outside activity, reflection and other
blocks), words in blocks, and the page. The thresholds the tests enforce are in
scripts/pacer/readability_limits.py.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pacer.checks import prose
from pacer.paths import COURSES, DOCS, ROOT, rel


def pages(paths: list[Path]) -> list[Path]:
    found = []
    for path in paths:
        found += sorted(path.rglob("*.md")) if path.is_dir() else [path]
    return [p for p in found if "_data" not in p.parts and "_snippets" not in p.parts]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="pages or folders (default: the whole site)")
    args = parser.parse_args(argv)
    targets = args.paths or [DOCS, *(ROOT / c for c in COURSES)]
    missing = [str(p) for p in targets if not p.exists()]
    if missing:
        print(f"readability: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    print(f"{'grade':>5}  {'teaching':>8}  {'blocks':>6}  page")
    for page in pages(targets):
        try:
            text = prose.extract(page.read_text(encoding="utf-8"))
        except Exception as error:  # report and go on: one bad page should not hide the others
            print(f"{'-':>5}  {'-':>8}  {'-':>6}  {rel(page)} (could not read: {error})")
            continue
        print(f"{prose.grade(text.all):5.1f}  {prose.words(text.teaching):8d}  {prose.words(text.blocks):6d}  {rel(page)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
