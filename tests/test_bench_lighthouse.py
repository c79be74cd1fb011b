"""The Lighthouse bench: what it says when it cannot run, and how it judges its figures."""

from __future__ import annotations

import pytest

import bench_lighthouse as bench


def _cell(project: tuple, stock: tuple) -> bench.Cell:
    """A cell with one run each: (LCP ms, TBT ms, accessibility)."""
    cell = bench.Cell()
    for site, (lcp, tbt, accessibility) in (("project", project), ("stock", stock)):
        cell.samples[site].append(bench.Sample(lcp, tbt, 90, accessibility, 100_000, 500, lcp / 2))
    return cell


def test_without_node_it_says_what_it_skipped_and_records_nothing(monkeypatch, tmp_path, capsys):
    snippet = tmp_path / "lighthouse.md"
    monkeypatch.setattr(bench, "SNIPPET", snippet)
    monkeypatch.setattr(bench.shutil, "which", lambda name: None)
    measured = []
    monkeypatch.setattr(bench, "build_sites", lambda *args: measured.append(args))
    assert bench.run(tmp_path, tmp_path, record_table=True) == []
    out = capsys.readouterr().out
    assert "Node.js (node and npm) is not installed" in out and "skipped" in out and "no table recorded" in out
    assert not measured and not snippet.exists()


def test_without_chromium_it_says_what_it_skipped_and_records_nothing(monkeypatch, tmp_path, capsys):
    snippet = tmp_path / "lighthouse.md"
    monkeypatch.setattr(bench, "SNIPPET", snippet)
    monkeypatch.setattr(bench.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(bench, "CHROMIUM", str(tmp_path / "no-chromium"))
    assert bench.run(tmp_path, tmp_path, record_table=True) == []
    out = capsys.readouterr().out
    assert "Chromium is not installed" in out and "apt-get install -y chromium" in out
    assert not snippet.exists()


BUDGETS = {"phone_lcp_to_stock_ratio_max": 1.0, "phone_tbt_sum_to_stock_ratio_max": 1.25, "lighthouse_runs_min": 5}


def test_a_slower_largest_paint_on_any_page_or_accessibility_below_100_is_a_shortfall():
    cells = {
        ("home", "mobile"): _cell((2000, 100, 100), (2500, 100, 88)),      # as fast: fine
        ("module", "mobile"): _cell((3100, 50, 100), (3000, 60, 88)),      # LCP 1.03 times stock's
        ("glossary", "mobile"): _cell((2000, 0, 100), (2500, 0, 92)),      # no blocking time on either: fine
        ("notebook", "mobile"): _cell((2000, 80, 99), (2500, 0, 93)),      # blocking time against none: only the sum counts
        ("home", "desktop"): _cell((900, 30, 100), (600, 0, 88)),          # desktop: only accessibility counts
    }
    # blocking time: 230 ms against 160 ms summed over the phone pages, 1.44 times stock's
    assert bench.shortfalls(cells, BUDGETS) == [
        "module (mobile): LCP is 1.03 times stock's (budget 1.0)",
        "notebook (mobile): accessibility score 99, not 100",
        "mobile: TBT summed over the pages is 1.44 times stock's (230 against 160 ms; budget 1.25)"]


def test_blocking_time_is_judged_summed_over_the_pages_not_page_by_page():
    cells = {
        ("home", "mobile"): _cell((2000, 74, 100), (2500, 112, 88)),
        ("course index", "mobile"): _cell((2000, 202, 100), (2500, 161, 88)),   # 1.25 times stock's on its own
        ("glossary", "mobile"): _cell((2000, 116, 100), (2500, 83, 88)),        # 1.40 times stock's on its own
    }
    assert bench.shortfalls(cells, BUDGETS) == []   # 392 against 356 ms: 1.10
    assert bench.tbt_sum_line(cells) == ("Total blocking time on the mobile preset, summed over the pages: "
                                         "392 ms, stock 356 ms (1.10).")
    cells[("module", "mobile")] = _cell((2000, 160, 100), (2500, 60, 88))
    assert bench.shortfalls(cells, BUDGETS) == [
        "mobile: TBT summed over the pages is 1.33 times stock's (552 against 416 ms; budget 1.25)"]


def test_the_budget_file_sets_the_phone_budget_and_at_least_five_runs():
    budgets = bench.load_budgets()
    assert budgets["phone_lcp_to_stock_ratio_max"] == 1.0
    assert budgets["phone_tbt_sum_to_stock_ratio_max"] == 1.25
    assert budgets["lighthouse_runs_min"] >= 5


def test_the_bench_measures_at_least_the_budgets_runs(monkeypatch, tmp_path):
    asked = []
    monkeypatch.setattr(bench, "measure", lambda project, scratch, runs: asked.append(runs) or {
        ("home", "mobile"): _cell((2000, 10, 100), (2500, 10, 88))})
    assert bench.run(tmp_path, tmp_path, runs=3, commit="abc1234") == []
    assert asked == [5]


def test_the_table_shows_both_sites_side_by_side_with_ratios():
    lines = bench.table({("module", "mobile"): _cell((3000, 150, 100), (2000, 300, 88))})
    assert lines[0].startswith("| Page | Preset | LCP s: project / stock (ratio)")
    assert lines[2] == ("| module | mobile | 3.00 / 2.00 (1.50) | 150 / 300 (0.50) | 90 / 90 | 100 / 88 | 100 / 100 "
                        "| 500 / 500 | 1.50 / 1.00 (1.50) |")


def test_the_bench_serves_text_compressed_as_github_pages_does(tmp_path):
    import gzip
    import urllib.request

    from devtools.browser import SiteServer

    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text("<p>" + "words " * 500 + "</p>", encoding="utf-8")
    (tmp_path / "favicon.png").write_bytes(b"\x89PNG not really")

    def fetch(server, path, gzip_ok):
        headers = {"Accept-Encoding": "gzip"} if gzip_ok else {}
        with urllib.request.urlopen(urllib.request.Request(server.url(path), headers=headers)) as response:
            return response.headers.get("Content-Encoding"), response.read()

    with SiteServer(tmp_path, "/site/", compressed=True) as server:
        encoding, body = fetch(server, "page/", gzip_ok=True)
        assert encoding == "gzip" and len(body) < 200
        assert gzip.decompress(body) == (tmp_path / "page" / "index.html").read_bytes()
        assert fetch(server, "page/", gzip_ok=False) == (None, (tmp_path / "page" / "index.html").read_bytes())
        assert fetch(server, "favicon.png", gzip_ok=True) == (None, b"\x89PNG not really")
        # A folder asked for without its slash is redirected first, as GitHub Pages does.
        with urllib.request.urlopen(urllib.request.Request(server.url("page"), headers={"Accept-Encoding": "gzip"})) as response:
            assert response.url == server.url("page/")


def test_stock_pages_get_the_projects_content_except_the_notebook(tmp_path):
    def page(address: str, body: str) -> None:
        (tmp_path / address).mkdir(parents=True, exist_ok=True)
        (tmp_path / address / "index.html").write_text(
            f'<html><body><article class="md-content__inner">{body}</article></body></html>', encoding="utf-8")

    for address in ("", "course2/", "course2/01-interviewing/", "glossary/"):
        page(address, f"<p>{address or 'home'}</p>")
    page("course2/01-interviewing/example/", '<div class="jupyter-wrapper">cells</div>')
    contents = bench.same_content(tmp_path)
    assert contents == {"": "<p>home</p>", "course2/": "<p>course2/</p>",
                        "course2/01-interviewing/": "<p>course2/01-interviewing/</p>", "glossary/": "<p>glossary/</p>"}


def test_the_bench_builds_the_learner_view_and_stops_naming_a_failed_build(monkeypatch, tmp_path):
    import subprocess

    asked = []
    monkeypatch.setattr(bench.mkdocs_run, "build", lambda project, site, env=None, **_: asked.append(env)
                        or subprocess.CompletedProcess([], 1, "", "ERROR - a broken page"))
    with pytest.raises(SystemExit) as stopped:
        bench.build_sites(tmp_path, tmp_path)
    assert asked[0]["PACER_VIEW"] == "learner"
    assert "the site did not build" in str(stopped.value) and "a broken page" in str(stopped.value)
