"""Notebook pages: run in their own folder, cached by data too, light and private."""

from __future__ import annotations

import re

import pytest
from lxml import html

from conftest import mkdocs_build
from pacer import mkdocs_run

pytestmark = pytest.mark.starts_early  # takes minutes (tests/conftest.py starts such files first)

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


RAN = re.compile(r"(?:Running notebook|Converting notebook \(execute=\w+\):) \S*?([\w.-]+\.py)")


def _ran(log: str) -> set[str]:
    """The notebooks a build ran: several at once ("Running notebook"), or one by mkdocs-jupyter."""
    return set(RAN.findall(log))


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
    assert _entries(project), "the notebook cache was not filled"
    source = first.site / "course2" / "01-counting" / "count" / "count.py"
    assert source.read_text(encoding="utf-8") == NOTEBOOK, "the notebook's source is not published beside its page"

    (project / "course2/01-counting/data/rows.csv").write_text("n\n1\n2\n3\n", encoding="utf-8")
    second = mkdocs_build(project, tmp_path / "second")
    assert second.returncode == 0, second.log
    assert _printed_rows(second.site) == "3", "a changed data file was served from a stale cache"

    assert len(_entries(project)) == 1, "the stale cache entry was kept"

    # Every notebook in the cache: the build does not even import the converter (nbconvert, jupyter).
    third = mkdocs_run.build(project, tmp_path / "third", env=mkdocs_run.environment(PYTHONPROFILEIMPORTTIME="1"))
    log = third.stdout + third.stderr
    assert third.returncode == 0, log
    assert not _ran(log), "an unchanged notebook was run again"
    assert "| nbconvert" not in log and "mkdocs_jupyter" not in log, "the notebook converter was imported"
    assert _printed_rows(tmp_path / "third") == "3"

    (project / "course2/_helper.py").write_text("FACTOR = 10\n", encoding="utf-8")
    fourth = mkdocs_build(project, tmp_path / "fourth")
    assert fourth.returncode == 0, fourth.log
    assert _printed_rows(fourth.site) == "30", "a changed helper module was served from a stale cache"


def _entries(project) -> list:
    """The notebook runs in the project's cache (one file each; dotfiles are locks and partial writes)."""
    folder = project / ".cache" / "pacer" / "notebooks"
    return [p for p in folder.iterdir() if not p.name.startswith(".")] if folder.is_dir() else []


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


def _counting_notebook(label: str, body: str = "") -> str:
    return f"# %% [markdown]\n# # {label}\n#\n# SYNTHETIC DATA only.\n\n# %%\nprint('{label} ran')\n{body}"


def test_notebooks_run_at_once_and_a_failing_one_is_named_with_its_cell(make_project, tmp_path):
    # One module each: a notebook's cache key covers the other files in its folder.
    folders = {"first": "01-first", "second": "02-second", "third": "03-third"}
    project = make_project({
        **{f"course2/{folder}/index.md": MODULE for folder in folders.values()},
        "course2/01-first/first.py": _counting_notebook("First"),
        "course2/02-second/second.py": _counting_notebook("Second", "raise ValueError('the second notebook is broken')\n"),
        "course2/03-third/third.py": _counting_notebook("Third"),
    })
    config = project / "mkdocs.yml"  # two at once, on a machine of any size
    config.write_text(config.read_text(encoding="utf-8").replace("      cache: true\n", "      cache: true\n      notebook_workers: 2\n"),
                      encoding="utf-8")
    failed = mkdocs_build(project, tmp_path / "failed")
    assert failed.returncode != 0, "a failing notebook passed the build"
    assert "Running notebook course2/03-third/third.py" in failed.log, "the notebooks did not run at once"
    assert "course2/02-second/second.py:1:1: BLD003" in failed.log
    assert "ValueError: the second notebook is broken" in failed.log
    assert "first.py:1:1: BLD003" not in failed.log and "third.py:1:1: BLD003" not in failed.log
    assert "Traceback (most recent call last)" not in failed.log.split("--- details ---")[0]

    # The notebooks that ran are cached: once the broken one is fixed, it alone runs.
    (project / "course2/02-second/second.py").write_text(_counting_notebook("Second"), encoding="utf-8")
    fixed = mkdocs_build(project, tmp_path / "fixed")
    assert fixed.returncode == 0, fixed.log
    assert _ran(fixed.log) == {"second.py"}, fixed.log
    for name, folder in folders.items():
        page = (tmp_path / "fixed" / "course2" / folder / name / "index.html").read_text(encoding="utf-8")
        assert f"{name.capitalize()} ran" in page
