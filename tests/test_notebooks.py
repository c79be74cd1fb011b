"""Notebook pages: run in their own folder, cached by data too, light and private."""

from __future__ import annotations

import re

from lxml import html

from conftest import mkdocs_build

NOTEBOOK = '''# %% [markdown]
# # Counting rows
#
# SYNTHETIC DATA only.

# %%
import sys

sys.path.insert(0, "..")
from _helper import FACTOR

with open("data/rows.csv", encoding="utf-8") as handle:
    rows = handle.read().splitlines()[1:]
print(f"ROWS={len(rows) * FACTOR}")
'''
MODULE = "---\ntitle: Counting\n---\n\nText.\n"


def _printed_rows(site) -> str:
    page = (site / "course2" / "01-counting" / "count" / "index.html").read_text(encoding="utf-8")
    return re.search(r"ROWS=(\d+)", page).group(1)


def test_notebook_runs_in_its_folder_and_reruns_when_its_data_or_helpers_change(make_project, tmp_path):
    project = make_project({
        "course2/01-counting/index.md": MODULE,
        "course2/01-counting/count.py": NOTEBOOK,
        "course2/01-counting/data/rows.csv": "n\n1\n2\n",
        "course2/_helper.py": "FACTOR = 1\n",
    })
    first = mkdocs_build(project, tmp_path / "first")
    assert first.returncode == 0, first.log
    assert _printed_rows(first.site) == "2"
    assert list((project / ".cache" / "mkdocs-jupyter").glob("*.json")), "the notebook cache was not filled"

    (project / "course2/01-counting/data/rows.csv").write_text("n\n1\n2\n3\n", encoding="utf-8")
    second = mkdocs_build(project, tmp_path / "second")
    assert second.returncode == 0, second.log
    assert _printed_rows(second.site) == "3", "a changed data file was served from a stale cache"

    third = mkdocs_build(project, tmp_path / "third")
    assert "Converting notebook" not in third.log, "an unchanged notebook was run again"
    assert _printed_rows(third.site) == "3"

    (project / "course2/_helper.py").write_text("FACTOR = 10\n", encoding="utf-8")
    fourth = mkdocs_build(project, tmp_path / "fourth")
    assert fourth.returncode == 0, fourth.log
    assert _printed_rows(fourth.site) == "30", "a changed helper module was served from a stale cache"


def test_notebook_pages_share_one_small_stylesheet(built_site):
    css = built_site.site / "assets" / "stylesheets" / "notebook.css"
    assert css.exists(), "notebook.css was not written"
    assert css.stat().st_size < 100_000, f"notebook.css is {css.stat().st_size} bytes: the purge kept too much"
    notebook_pages = [p for p in built_site.site.rglob("index.html") if "jupyter-wrapper" in p.read_text(encoding="utf-8")]
    assert notebook_pages
    for page_path in notebook_pages:
        page = html.parse(str(page_path)).getroot()
        assert not page.cssselect("style"), f"{page_path} still inlines CSS"
        links = [link.get("href") for link in page.cssselect("link[rel=stylesheet]")]
        assert any(href.endswith("assets/stylesheets/notebook.css") for href in links), links
        assert not [s for s in page.cssselect("script") if "MathJax" in (s.text or "") or "mermaid" in (s.text or "")]
