"""The benchmark refuses figures it cannot trust, and compares like with like."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

import bench


from pacer import mkdocs_run
from devtools.stock_site import build_stock_project, built_content

from conftest import ROOT


# --- the benchmark's statistics --------------------------------------------------------------

def test_a_figure_is_the_median_with_its_spread_and_a_busy_machine_is_named():
    assert bench.spread([1.0, 1.2, 1.1]) == "1.10 (1.00-1.20)"
    assert bench.spread([1.0, 1.6, 1.1]) == "1.10 (1.00-1.60; loaded machine)"
    assert bench.spread([]) == "FAILED"


def test_the_marginal_cost_per_page_is_the_slope_not_a_division():
    # 2 s to start, then 10 ms a page: dividing at 100 pages would say 30 ms a page.
    points = [(pages, 2.0 + 0.010 * pages) for pages in (100, 500, 1000)]
    slope, intercept = bench.least_squares(points)
    assert slope == pytest.approx(0.010) and intercept == pytest.approx(2.0)


def test_pairs_alternate_which_side_runs_first():
    order = []
    first, second = bench.Series("a"), bench.Series("b")
    bench.paired(first, second, 4, lambda: order.append("a") or bench.Sample(1, 1),
                 lambda: order.append("b") or bench.Sample(1, 2))
    assert order == ["a", "b", "b", "a", "a", "b", "b", "a"]
    assert bench.ratios(first, second, "cpu") == [0.5] * 4


def test_figures_from_failed_runs_are_never_recorded(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(bench, "ROOT", tmp_path)
    table = bench.Table()
    table.timed(bench.Series("warm build", [bench.Sample(1.0, 1.0), bench.Sample(9.9, 9.9, False, "exit 1: BLD003")]))
    assert bench.finish(table, argparse.Namespace(record=True, quick=False, runs=5)) == 2
    assert "nothing is recorded" in capsys.readouterr().err
    assert not (tmp_path / "docs" / "_snippets" / "benchmark.md").exists()

    table = bench.Table()
    table.timed(bench.Series("warm build", [bench.Sample(1.0, 1.0), bench.Sample(1.1, 1.1)]))
    assert bench.finish(table, argparse.Namespace(record=True, quick=True, runs=3)) == 0
    recorded = (tmp_path / "docs" / "_snippets" / "benchmark.md").read_text(encoding="utf-8")
    assert "| warm build: wall, CPU, s | 1.05 (1.00-1.10); 1.05 (1.00-1.10) |" in recorded
    assert not (tmp_path / "docs" / "_snippets" / "preview-time.md").exists(), "no preview was timed"


def test_the_instructors_preview_time_is_written_from_the_timed_rebuilds(tmp_path, monkeypatch):
    monkeypatch.setattr(bench, "ROOT", tmp_path)
    table = bench.Table()
    table.preview = (bench.Series("ours", [bench.Sample(2.0, 1.5), bench.Sample(2.4, 1.7), bench.Sample(9.0, 9.0)]),
                     bench.Series("stock", [bench.Sample(1.9, 1.2), bench.Sample(1.8, 1.4), bench.Sample(1.9, 1.3)]))
    assert bench.finish(table, argparse.Namespace(record=True, quick=False, runs=3)) == 0
    sentence = (tmp_path / "docs" / "_snippets" / "preview-time.md").read_text(encoding="utf-8")
    assert "shown again 2.4 seconds after the save: 1.7 seconds of the computer's work, against 1.3" in sentence
    assert "a quiet computer" in sentence and "load average" not in sentence, "instructors read this: plain words"


def test_scaled_copies_leave_out_notebooks_and_their_worksheets(tmp_path):
    module = tmp_path / "course1" / "01-first"
    module.mkdir(parents=True)
    for name in ("index.md", "example.md", "counts.py", "_helpers.py", "worksheet-counts.md"):
        (module / name).write_text("x\n", encoding="utf-8")
    for course in ("course2", "course3"):
        (tmp_path / course).mkdir()
    assert bench.scale_courses(tmp_path, 2) == 2
    copied = sorted(p.name for p in (tmp_path / "course1" / "02-first-copy1").iterdir())
    assert copied == ["_helpers.py", "example.md", "index.md"]


def test_the_stock_project_builds_the_same_markdown_with_plain_material(tmp_path):
    stock = build_stock_project(ROOT, tmp_path / "stock")
    pages = {p.relative_to(stock / "docs").as_posix() for p in (stock / "docs").rglob("*.md")}
    assert "index.md" in pages and "course2/01-interviewing/index.md" in pages
    assert not any(p.startswith(("_data/", "_snippets/")) for p in pages)
    config = mkdocs_run.config(stock)
    assert config["theme"]["name"] == "material" and "custom_dir" not in config["theme"]
    assert config["plugins"] == ["search"] and "hooks" not in config
    result = mkdocs_run.build(stock, tmp_path / "site", strict=False)
    assert result.returncode == 0, result.stderr[-3000:]
    assert (tmp_path / "site" / "course2" / "01-interviewing" / "index.html").is_file()


def test_the_stock_project_for_lighthouse_shows_the_notebooks_without_running_them(tmp_path):
    stock = build_stock_project(ROOT, tmp_path / "stock", notebooks=True)
    notebooks = sorted(p.relative_to(stock / "docs").as_posix() for p in (stock / "docs").rglob("*.py"))
    assert notebooks and not any(Path(n).name.startswith("_") for n in notebooks), notebooks
    result = mkdocs_run.build(stock, tmp_path / "site", strict=False)
    assert result.returncode == 0, result.stderr[-3000:]
    # the notebook page Lighthouse compares (bench_lighthouse.PAGES) exists in both sites
    for notebook in notebooks:
        page = tmp_path / "site" / Path(notebook).with_suffix("") / "index.html"
        assert "jupyter-wrapper" in page.read_text(encoding="utf-8"), page


def test_stock_pages_for_lighthouse_hold_the_projects_built_content(tmp_path):
    built = tmp_path / "glossary.html"
    built.write_text('<html><body><div class="md-content"><article class="md-content__inner md-typeset">'
                     '<a class="md-content__button" href="edit">Edit</a><h1>Glossary</h1><dl><dt id="term-a">A</dt>'
                     '<dd>Made by a hook</dd></dl><h2 id="letter-b">B_*{x}* <a class="headerlink" href="#letter-b">¶</a></h2>'
                     '<h2 id="letter-c">C</h2><aside class="md-source-file">5 December 2026</aside></article></div>'
                     '<nav class="md-nav md-nav--secondary"><a class="md-nav__link" href="#letter-b">B</a></nav>'
                     '</body></html>', encoding="utf-8")
    content = built_content(built)
    # the headings in the page's table of contents as Markdown, so stock's lists them; the rest as built
    assert content == ('# Glossary\n\n<dl><dt id="term-a">A</dt><dd>Made by a hook</dd></dl>\n\n'
                       '## B\\_\\*\\{x\\}\\* {#letter-b}\n\n<h2 id="letter-c">C</h2>')
    stock = build_stock_project(ROOT, tmp_path / "stock", contents={"glossary/": content, "": "<p>Home</p>"})
    glossary = (stock / "docs" / "glossary.md").read_text(encoding="utf-8")
    assert glossary.startswith("---\ntitle: Glossary\n") and glossary.endswith("\n" + content + "\n")
    assert "generated: glossary" not in glossary
    assert (stock / "docs" / "index.md").read_text(encoding="utf-8").endswith("\n<p>Home</p>\n")
    with pytest.raises(ValueError, match='no Markdown page at the address "no-such-page/"'):
        build_stock_project(ROOT, tmp_path / "again", contents={"no-such-page/": content})
    built.write_text("<html><body><p>no article</p></body></html>", encoding="utf-8")
    with pytest.raises(ValueError, match="expected one article"):
        built_content(built)
