"""The exit path off MkDocs 1.6.1: ProperDocs builds the same site, strictly, from the same files.

ProperDocs is the maintained continuation of MkDocs 1.x. It reads mkdocs.yml (passed with -f,
so it does not have to guess the file name), runs MkDocs plugins and hooks (their `mkdocs`
imports are redirected to it; it finds the site's plugin by the same entry point) and the
Material theme. If this test passes, moving is a change of the command name. One build of the
learner view only: it takes as long as a normal build.
"""

from __future__ import annotations

import subprocess
import sys

from lxml import html

from conftest import ROOT
from pacer import mkdocs_run


def test_properdocs_builds_the_same_pages_strictly(built_site, tmp_path):
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml", "--site-dir", str(site)],
        cwd=ROOT, env=mkdocs_run.environment(), capture_output=True, text=True,
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, f"ProperDocs could not build the site:\n{log}"
    assert "WARNING" not in log, log

    generator = html.parse(str(site / "index.html")).getroot().cssselect("meta[name=generator]")
    assert generator and "ProperDocs" in generator[0].get("content"), "the site was not built by ProperDocs"

    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    expected = {p.relative_to(built_site.site).as_posix() for p in built_site.site.rglob("*.html")
                if not p.relative_to(built_site.site).as_posix().startswith("facilitator/")}
    assert pages == expected, (f"only with MkDocs: {sorted(expected - pages)}\n"
                               f"only with ProperDocs: {sorted(pages - expected)}")

    # The plugin ran: course pages are mounted, notebooks executed, edit links point at real files.
    notebook = next(p for p in sorted(ROOT.glob("course*/**/*.py")) if "data" not in p.parts)
    relative = notebook.relative_to(ROOT).with_suffix("")
    page = html.parse(str(site / relative / "index.html")).getroot()
    assert page.cssselect(".jp-OutputArea-output"), f"{notebook.relative_to(ROOT)} was not executed"
    edit = page.cssselect("a.md-content__button[rel=edit]")
    assert edit and edit[0].get("href").endswith("/" + notebook.relative_to(ROOT).as_posix())
