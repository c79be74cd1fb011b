"""Print each course's printable page (courseN/print/) to a PDF with headless Chromium.

Usage: python scripts/make_pdfs.py [--site SITE_DIR] [--out OUT_DIR]

Without --site the site is built first (strictly) into a temporary folder. The PDFs are
written to OUT_DIR (default dist/pdf/) as course1.pdf, course2.pdf, ... with bookmarks
(the PDF outline) for every module and section, and tags for screen readers.
Needs Debian's Chromium (`apt-get install chromium`).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from pacer import mkdocs_run
from pacer.paths import COURSES, ROOT, rel



def build_site(site: Path) -> None:
    result = mkdocs_run.build(ROOT, site)
    if result.returncode:
        raise SystemExit(f"make_pdfs: the site did not build; run `make build` to see why.\n{mkdocs_run.problems(result.stderr)}")


def make_pdfs(site: Path, out: Path, browser=None) -> list[Path]:
    """One PDF per course from the built site in ``site``; returns the PDF paths.

    ``browser`` is a running Playwright Chromium to reuse (the tests pass theirs); without it
    one is started and closed here.
    """
    from devtools.browser import SiteServer, launch_chromium, site_prefix

    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            chromium = launch_chromium(playwright)
            try:
                return make_pdfs(site, out, chromium)
            finally:
                chromium.close()
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with SiteServer(site, site_prefix()) as server:
        page = browser.new_page()
        try:
            for course in COURSES:
                if not (site / course / "print" / "index.html").exists():
                    raise SystemExit(f"make_pdfs: {course}/print/index.html is missing from the built site: "
                                     "is the pacer plugin listed under plugins in mkdocs.yml?")
                page.goto(server.url(f"{course}/print/"), wait_until="load")
                page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
                page.emulate_media(media="print")
                target = out / f"{course}.pdf"
                page.pdf(path=str(target), format="A4", print_background=False, outline=True, tagged=True,
                         margin={"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"})
                written.append(target)
        finally:
            page.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an already built site folder (default: build one)")
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / "pdf", help="where to write the PDFs")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temporary:
        site = args.site or Path(temporary) / "site"
        if not args.site:
            build_site(site)
        for pdf in make_pdfs(site, args.out):
            print(f"{rel(pdf)}  {pdf.stat().st_size / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
