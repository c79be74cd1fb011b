"""What keeps builds fast stays correct, and the benchmark refuses figures it cannot trust."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

import bench
from jinja2 import Environment, FileSystemLoader
from material.plugins.search.plugin import SearchIndex

from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.pages import Page

from pacer import mkdocs_run
from pacer.speed import git_dates
from pacer.render import held_html
from pacer.speed import kept_markdown
from pacer.notebooks import runner, stylesheet
from pacer.speed import search_entries
from pacer.cache import template_cache
from pacer.cache.kept_store import KeptStore
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


# --- caches kept by their inputs -------------------------------------------------------------

def test_package_versions_are_read_again_when_an_installation_folder_changes(tmp_path, monkeypatch):
    folder = tmp_path / "site-packages"
    folder.mkdir()
    monkeypatch.setattr(sys, "path", [*sys.path, str(folder)])
    calls = []
    real = runner.metadata.distributions
    monkeypatch.setattr(runner.metadata, "distributions", lambda: calls.append(1) or real())
    first = runner.package_versions(tmp_path)
    assert runner.package_versions(tmp_path) == first and len(calls) == 1
    runner._versions.clear()  # a new process: the answer comes from the cache folder
    assert runner.package_versions(tmp_path) == first and len(calls) == 1
    (folder / "new_package-1.0.dist-info").mkdir()
    os.utime(folder, ns=(1, 1))  # a change to the folder, whatever the clock's resolution
    runner.package_versions(tmp_path)
    assert len(calls) == 2, "a changed installation folder was not read again"


def test_the_purged_notebook_stylesheet_is_kept_by_its_input(tmp_path):
    css = ".used { color: red } .unused { color: blue } #anchor { margin: 0 }"
    page = '<div class="used"></div>'
    assert stylesheet.purge_cached(css, [page], tmp_path) == stylesheet.purge(css, [page])
    assert list(tmp_path.glob("notebook-css-*.css"))
    other = '<div class="unused" id="anchor"></div>'
    assert "blue" in stylesheet.purge_cached(css, [other], tmp_path), "a different page got a stale stylesheet"
    stylesheet._purged.clear()
    assert stylesheet.purge_cached(css, [page], tmp_path) == stylesheet.purge(css, [page])


def _git_plugin(head: str, dates: dict) -> SimpleNamespace:
    return SimpleNamespace(config={"enabled": True, "enable_parallel_processing": True, "type": "custom"},
                           util=SimpleNamespace(ignored_commits=[]), cached_head_commit=head,
                           last_revision_commits=dict(dates), cached_source_paths={})


def test_git_dates_are_kept_by_commit_and_only_for_files_git_knows(tmp_path):
    built = _git_plugin("abc", {"/p/a.md": ("c1", "1700000000"), "/p/new.md": ("", "")})
    git_dates.keep(SimpleNamespace(plugins={git_dates.PLUGIN: built}), tmp_path)
    same_commit = _git_plugin("abc", {})
    git_dates.restore(SimpleNamespace(plugins={git_dates.PLUGIN: same_commit}), tmp_path)
    assert same_commit.last_revision_commits == {"/p/a.md": ("c1", "1700000000")}
    other_commit = _git_plugin("def", {})
    git_dates.restore(SimpleNamespace(plugins={git_dates.PLUGIN: other_commit}), tmp_path)
    assert other_commit.last_revision_commits == {}, "dates read at another commit were reused"



def test_tags_are_listed_once_per_build_and_read_fresh(tmp_path):
    def git(*args: str) -> str:
        return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@localhost", *args], cwd=tmp_path,
                              check=True, capture_output=True, text=True).stdout.strip()
    git("init", "-q")
    (tmp_path / "a.md").write_text("a\n", encoding="utf-8")
    git("add", "a.md")
    git("commit", "-qm", "one")
    first = git("rev-parse", "HEAD")
    git("tag", "-a", "v1", "-m", "annotated")
    git("tag", "a-light")
    (tmp_path / "a.md").write_text("b\n", encoding="utf-8")
    git("commit", "-qam", "two")
    second = git("rev-parse", "HEAD")
    # what `git tag --points-at` gives first, for each commit
    assert git_dates._tags(tmp_path) == {first: "a-light"}
    built = _git_plugin("h", {"/p/a.md": (first, "1700000000"), "/p/b.md": (second, "1700000001")})
    git_dates.keep(SimpleNamespace(plugins={git_dates.PLUGIN: built}), tmp_path)
    again = _git_plugin("h", {})
    again.util.tag_cache = {}
    git_dates.restore(SimpleNamespace(plugins={git_dates.PLUGIN: again}), tmp_path)
    assert again.util.tag_cache == {first: "a-light", second: ""}
    git("tag", "v2", second)  # a new tag, HEAD unchanged: seen on the next build
    later = _git_plugin("h", {})
    later.util.tag_cache = {}
    git_dates.restore(SimpleNamespace(plugins={git_dates.PLUGIN: later}), tmp_path)
    assert later.util.tag_cache[second] == "v2"


def test_compiled_templates_are_kept_and_an_edited_template_is_compiled_again(tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.html").write_text("one {{ value }}", encoding="utf-8")

    def render() -> str:  # a fresh environment, as every build makes
        env = template_cache.keep_compiled(Environment(loader=FileSystemLoader(str(templates))), tmp_path)
        return env.get_template("page.html").render(value="x")

    assert render() == "one x"
    assert list((tmp_path / template_cache.FOLDER).iterdir()), "nothing was kept"
    (templates / "page.html").write_text("two {{ value }}", encoding="utf-8")
    assert render() == "two x", "a stale compiled template was used"


def _search_page(content: str, title: str = "A page") -> SimpleNamespace:
    heading = SimpleNamespace(id="part", url="#part", children=[])
    return SimpleNamespace(url="course1/a/", title=title, meta={"tags": ["ethics"]}, toc=[heading],
                           content=f'<h1 id="a-page">{title}</h1><p>Intro</p><h2 id="part">Part</h2>{content}')


def test_search_entries_are_kept_by_page_and_made_again_when_anything_they_read_changes(tmp_path, monkeypatch):
    monkeypatch.setattr(search_entries, "STORE", KeptStore(search_entries.STORE.file))
    parsed = []

    def material(index, page):
        parsed.append(page.title)
        SearchIndex.add_entry_from_context(index, page)

    kept = search_entries.add_entry_from_context(material)

    def entries(page) -> list[dict]:
        index = SearchIndex()
        kept(index, page)
        plain = SearchIndex()
        SearchIndex.add_entry_from_context(plain, page)
        assert index.entries == plain.entries, "the kept entries differ from Material's own"
        return index.entries

    first = entries(_search_page("<p>honorarium</p>"))
    assert entries(_search_page("<p>honorarium</p>")) == first and parsed == ["A page"]
    assert "stipend" in entries(_search_page("<p>stipend</p>"))[-1]["text"] and len(parsed) == 2
    assert entries(_search_page("<p>stipend</p>", title="Renamed"))[0]["title"] == "Renamed" and len(parsed) == 3
    excluded = _search_page("<p>stipend</p>")
    excluded.meta["search"] = {"exclude": True}
    assert entries(excluded) == [] and len(parsed) == 4

    search_entries.save(tmp_path)  # the next build's process starts with what this one stored
    monkeypatch.setattr(search_entries, "STORE", KeptStore(search_entries.STORE.file))
    search_entries.load(tmp_path)
    assert entries(_search_page("<p>honorarium</p>")) == first and len(parsed) == 4


def test_a_damaged_store_is_ignored_and_values_it_does_not_expect_are_left_out(tmp_path):
    store = KeptStore(".cache/pacer/kept.json")
    (tmp_path / store.file).parent.mkdir(parents=True)
    (tmp_path / store.file).write_text("{not json", encoding="utf-8")
    store.load(tmp_path)
    assert store.kept == {}
    (tmp_path / store.file).write_text('{"a": [1], "b": "text"}', encoding="utf-8")
    fresh = KeptStore(store.file)
    fresh.load(tmp_path, valid=lambda value: isinstance(value, list))
    assert fresh.kept == {"a": [1]}


def test_held_blocks_go_back_in_their_place_and_a_page_cannot_name_one():
    held = held_html.Held()
    header, footer = held.hold('<div class="header">H</div>'), held.hold("<footer>F</footer>")
    assert held.hold("  \n") == "  \n", "an empty block needs no placeholder"
    forged = "<!--pacer-held-0123456789abcdef-0-->"
    content = f"{header}\n<p>body {forged}</p>\n{footer}"
    assert held.restore(content) == f'<div class="header">H</div>\n<p>body {forged}</p>\n<footer>F</footer>'


def test_a_held_block_placeholder_survives_a_store_and_text_a_page_wrote_never_becomes_one():
    held = held_html.Held()
    forged = "<!--pacer-held-0123456789abcdef-0-->"
    text = f"{held.hold('<div>H</div>')}\n<p>{forged}</p>"
    pieces = held_html.parts(text)
    assert pieces == ["", 0, f"\n<p>{forged}</p>"]
    assert held_html.joined(pieces) == text and held.restore(held_html.joined(pieces)).startswith("<div>H</div>")


# --- each Markdown page's render, kept ------------------------------------------------------------

MARKDOWN_PROJECT = {
    "mkdocs.yml": "site_name: Kept\nvalidation:\n  anchors: warn\nmarkdown_extensions:\n  - toc\n"
                  "  - pymdownx.snippets:\n      base_path: [snippets]\n      check_paths: true\n",
    "docs/index.md": "# Home\n\nSee [the part](other.md#part).\n\n## Here\n\n--8<-- \"note.md\"\n",
    "docs/other.md": "# Other\n\n## Part\n",
    "snippets/note.md": "A note.\n",
}


def _kept_page(project: Path, renders: list, uri: str = "index.md") -> Page:
    """One build's render of ``uri`` through the store, as scripts/hooks/build_speed.py does it."""
    config = load_config(str(project / "mkdocs.yml"))
    files = get_files(config)
    page = Page(None, files.get_file_from_path(uri), config)
    page.read_source(config)
    kept_markdown.keep_render(page, kept_markdown.site_digest(config, files))
    before = len(renders)
    page.render(config, files)
    page.rendered = len(renders) > before
    return page


def test_a_markdown_page_is_rendered_again_only_when_anything_its_render_reads_changed(tmp_path, monkeypatch, caplog):
    for path, text in MARKDOWN_PROJECT.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # the snippets' folder is relative to it, as in a build
    monkeypatch.setattr(kept_markdown, "STORE", KeptStore(kept_markdown.STORE.file))
    renders, render = [], Page.render
    monkeypatch.setattr(Page, "render", lambda page, config, files: (renders.append(page.file.src_uri),
                                                                      render(page, config, files))[1])

    first = _kept_page(tmp_path, renders)
    again = _kept_page(tmp_path, renders)
    assert first.rendered and not again.rendered, "an unchanged page was rendered again"
    for name in ("content", "_title_from_render", "present_anchor_ids"):
        assert getattr(again, name) == getattr(first, name), name
    assert str(again.toc) == str(first.toc) and "A note." in again.content
    assert {f.src_uri: links for f, links in again.links_to_anchors.items()} == {"other.md": {"part": "other.md#part"}}

    (tmp_path / "snippets/note.md").write_text("Another note.\n", encoding="utf-8")
    assert "Another note." in (changed := _kept_page(tmp_path, renders)).content and changed.rendered

    (tmp_path / "docs/other.md").unlink()  # what the link points to is gone: the page must warn again
    for _ in range(2):
        caplog.clear()
        assert _kept_page(tmp_path, renders).rendered, "a page whose render warned was kept"
        assert "other.md#part" in caplog.text, "the warning about the broken link was not logged again"

    kept_markdown.save(tmp_path)  # the next process reads what this one kept
    monkeypatch.setattr(kept_markdown, "STORE", KeptStore(kept_markdown.STORE.file))
    kept_markdown.load(tmp_path)
    assert kept_markdown.STORE.kept, "the stored renders were not read back"
    (tmp_path / "docs/other.md").write_text(MARKDOWN_PROJECT["docs/other.md"], encoding="utf-8")
    assert not _kept_page(tmp_path, renders).rendered
    assert _kept_page(tmp_path, renders, "other.md").rendered


def test_a_stored_render_missing_a_field_is_not_read(tmp_path, monkeypatch):
    monkeypatch.setattr(kept_markdown, "STORE", KeptStore(kept_markdown.STORE.file))
    (tmp_path / kept_markdown.STORE.file).parent.mkdir(parents=True)
    (tmp_path / kept_markdown.STORE.file).write_text('{"a": {"content": ["<p>x</p>"]}}', encoding="utf-8")
    kept_markdown.load(tmp_path)
    assert kept_markdown.STORE.kept == {}


def test_settings_that_cannot_be_told_apart_between_builds_keep_nothing(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: Kept\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    config["mdx_configs"] = {"toc": {"slugify": object()}}
    assert kept_markdown.site_digest(config, get_files(config)) is None
    page = SimpleNamespace(render=Page.render.__get__(SimpleNamespace()))
    kept_markdown.keep_render(page, None)
    assert page.render.__func__ is Page.render
