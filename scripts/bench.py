"""Benchmark the site: build times, checker and test times, page weights, scaling.

Usage: python scripts/bench.py [--skip-tests] [--skip-serve] [--skip-scaling] [--skip-lighthouse]

Works on a copy of the committed files in a temporary folder (the working tree and its
caches are never touched), prints one table, checks the budgets in docs/_snippets/budgets.yml,
and exits 1 when a budget is exceeded. With --record it also writes the table to
docs/_snippets/benchmark.md, which the maintainers' page includes. Times are wall-clock seconds on this machine; compare
them as ratios within one run, not across machines.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml
from lxml import html

import bench_lighthouse
from pacer import mkdocs_run, sanitize, views, workbook_files
from pacer.paths import COURSES, ROOT

ENV = mkdocs_run.environment()
PY = sys.executable


def timed(command: list[str], cwd: Path, ok: tuple[int, ...] = (0,), env: dict | None = None) -> float:
    """Run a command and return its wall-clock time; stop the benchmark if it fails."""
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env or ENV, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode not in ok:
        sys.exit(f"bench: `{' '.join(command)}` failed in {cwd}:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    return elapsed


def copy_project(target: Path) -> Path:
    """The committed and untracked-but-not-ignored files, copied without caches or builds."""
    names = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
                           cwd=ROOT, capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, names):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    (target / "overrides").mkdir(exist_ok=True)  # the theme folder must exist even when empty
    subprocess.run(["git", "init", "-q"], cwd=target, check=True)  # the git-dates plugin reads history
    subprocess.run(["git", "add", "-A"], cwd=target, check=True)
    subprocess.run(["git", "-c", "user.name=bench", "-c", "user.email=bench@localhost", "commit", "-qm", "bench"],
                   cwd=target, check=True)
    return target


def build(project: Path, site: Path, one_view: bool = False, workbook: bool = True) -> float:
    """Seconds for a strict build: both views, or (one_view) the learner view alone; without
    ``workbook`` the workbook's downloads are not made (to measure what they cost)."""
    env = mkdocs_run.environment(**({views.VIEWS_VARIABLE: views.LEARNER} if one_view else {}),
                                 **({} if workbook else {workbook_files.SWITCH: "off"}))
    return timed(mkdocs_run.command(site), project, env=env)


def workbook_rows(project: Path, scratch: Path, clean: float, warm: float) -> list[tuple[str, str]]:
    """The workbook's share of the build (clean and warm, both views, same run), the seconds its
    hook reports (scripts/hooks/workbook.py), and the size of its downloads."""
    kept = shutil.move(project / workbook_files.CACHE, scratch / "workbook-cache")  # for the later figures
    own_clean = _workbook_seconds(project, scratch / "workbook-clean")  # notebooks warm, workbook cold
    own_warm = _workbook_seconds(project, scratch / "workbook-clean")
    shutil.rmtree(project / ".cache")
    clean_off = build(project, scratch / "no-workbook", workbook=False)
    warm_off = build(project, scratch / "no-workbook", workbook=False)
    shutil.rmtree(project / workbook_files.CACHE, ignore_errors=True)
    shutil.move(kept, project / workbook_files.CACHE)
    downloads = [p for p in (scratch / "site" / workbook_files.workbook.DOWNLOADS).glob("*") if p.is_file()]
    zips = sum(p.stat().st_size for p in downloads if p.suffix == ".zip")
    files = sum(p.stat().st_size for p in downloads if p.suffix != ".zip")
    return [("build with / without the workbook's downloads: clean, warm (both views)",
             f"{clean / clean_off:.2f}, {warm / warm_off:.2f} ({clean:.1f} / {clean_off:.1f} s, {warm:.1f} / {warm_off:.1f} s)"),
            ("workbook's own time in a build (both views): files made, from the cache, s", f"{own_clean:.2f}, {own_warm:.2f}"),
            ("workbook downloads in one view: files, KB; zips, KB", f"{len(downloads)}: {files / 1000:.0f}; {zips / 1000:.0f}")]


def _workbook_seconds(project: Path, site: Path) -> float:
    """The seconds the workbook hook reports for one strict build (both views)."""
    result = subprocess.run(mkdocs_run.command(site), cwd=project, env=ENV, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"bench: the build for the workbook's figures failed:\n{result.stderr[-3000:]}")
    return sum(float(seconds) for seconds in re.findall(r"workbook: .* in ([\d.]+) s", result.stderr))


def sanitizer_seconds(site: Path) -> float:
    """Seconds the sanitizer spends on the built pages' content (finding and removing)."""
    contents = [html.tostring(article, encoding="unicode") for page in site.rglob("*.html")
                for article in html.parse(str(page)).getroot().cssselect("article.md-content__inner")]
    start = time.perf_counter()
    for content in contents:
        sanitize.removed(content)
        sanitize.clean(content)
    return time.perf_counter() - start


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 9))


def first_load(site: Path, page: Path) -> tuple[int, int, int]:
    """(HTML bytes, HTML gzip bytes, first-load gzip bytes incl. CSS, JS, images; requests)."""
    raw = page.read_bytes()
    tree = html.fromstring(raw)
    page_url = page.relative_to(site).as_posix()
    assets = {e.get("href") for e in tree.xpath("//link[@rel='stylesheet' or contains(@rel,'icon')]")}
    assets |= {e.get("src") for e in tree.xpath("//script[@src] | //img[@src]")}
    config = tree.xpath("//script[@id='__config']/text()")
    if config:  # Material starts its search worker at load time (the index it fetches is excluded)
        worker = json.loads(config[0]).get("search")
        if worker:
            assets.add(worker)
    total, requests = gz(raw), 1
    for asset in filter(None, assets):
        if asset.startswith("data:") or urlsplit(asset).netloc:
            continue
        path = site / urljoin(page_url, urlsplit(asset).path)
        if path.is_file():
            total += gz(path.read_bytes())
            requests += 1
    return len(raw), gz(raw), total, requests


def page_of_type(site: Path) -> dict[str, Path]:
    """A typical page of each kind: the median module page and the heaviest notebook page."""
    by_weight = lambda pages: sorted(pages, key=lambda p: gz(p.read_bytes()))  # noqa: E731
    modules = by_weight(site.glob("course*/[0-9][0-9]-*/index.html"))
    notebooks = by_weight(p for p in site.glob("course*/**/index.html") if "jupyter-wrapper" in p.read_text(encoding="utf-8"))
    return {"home": site / "index.html", "module (median)": modules[len(modules) // 2] if modules else None,
            "notebook (heaviest)": notebooks[-1] if notebooks else None, "glossary": site / "glossary" / "index.html"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve_latency(project: Path) -> float:
    """Seconds from saving a module to `mkdocs serve` serving the rebuilt page."""
    port = free_port()
    server = subprocess.Popen([PY, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    module = sorted((project / "course2").glob("0[1-9]-*/index.md"))[0]
    # `mkdocs serve` serves the site under the path of site_url, as it will be published.
    base = mkdocs_run.site_prefix(project)
    url = f"http://127.0.0.1:{port}{base.rstrip('/')}/{module.parent.relative_to(project).as_posix()}/"
    try:
        _wait_for(url, lambda body: True, 300)
        marker = f"bench-marker-{time.time_ns()}"
        start = time.perf_counter()
        module.write_text(module.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
        _wait_for(url, lambda body: marker in body, 300)
        return time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_for(url: str, ready, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if ready(response.read().decode("utf-8", "replace")):
                    return
        except OSError:
            pass
        time.sleep(0.1)
    sys.exit(f"bench: {url} was not ready within {timeout} s")


def scale_courses(project: Path, factor: int) -> int:
    """Copy every module `factor` times over (renumbered). Returns the module count."""
    count = 0
    for course in COURSES:
        modules = sorted(p for p in (project / course).iterdir() if p.is_dir() and p.name[:2].isdigit())
        number = len(modules)
        for copy in range(1, factor):
            for module in modules:
                number += 1
                shutil.copytree(module, project / course / f"{number:02d}{module.name[2:]}-copy{copy}")
        count += number
    return count


def pages_in(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-tests", action="store_true", help="do not time the test suite")
    parser.add_argument("--skip-serve", action="store_true", help="do not time the `mkdocs serve` rebuild")
    parser.add_argument("--skip-scaling", action="store_true", help="do not build the 10x copy")
    parser.add_argument("--skip-lighthouse", action="store_true", help="do not compare with stock Material in Lighthouse")
    parser.add_argument("--record", action="store_true", help="write the table to docs/_snippets/benchmark.md")
    args = parser.parse_args(argv)
    budgets = yaml.safe_load((ROOT / "docs" / "_snippets" / "budgets.yml").read_text(encoding="utf-8"))
    rows: list[tuple[str, str]] = []
    failures: list[str] = []

    with tempfile.TemporaryDirectory(prefix="pacer-bench-") as scratch:
        scratch = Path(scratch)
        project = copy_project(scratch / "project")
        site = scratch / "site"
        clean_one = build(project, scratch / "one-view", one_view=True)
        shutil.rmtree(project / ".cache")
        clean = build(project, site)
        warm = build(project, site)
        warm_one = build(project, scratch / "one-view", one_view=True)
        sanitizing = sanitizer_seconds(site)
        rows += workbook_rows(project, scratch, clean, warm)
        rows += [("clean build (no caches), both views, s", f"{clean:.2f}"),
                 ("clean build, learner view only, s", f"{clean_one:.2f}"),
                 ("warm build (notebook cache filled), both views, s", f"{warm:.2f}"),
                 ("warm build, learner view only, s", f"{warm_one:.2f}"),
                 ("both views / learner view only: clean, warm", f"{clean / clean_one:.2f}, {warm / warm_one:.2f}"),
                 ("warm / clean: both views, learner view only", f"{warm / clean:.2f}, {warm_one / clean_one:.2f}"),
                 ("sanitizer time / warm build time (both views)", f"{sanitizing / warm:.3f}")]
        # The notebook cache's effect, measured on one view (the second view is built warm in both).
        if warm_one / clean_one > budgets["warm_to_clean_build_ratio_max"]:
            failures.append(f"warm build is {warm_one / clean_one:.2f} of the clean build, learner view "
                            f"(budget {budgets['warm_to_clean_build_ratio_max']})")
        if not args.skip_serve:
            rows.append(("save module -> page rebuilt under mkdocs serve, s", f"{serve_latency(project):.2f}"))
            subprocess.run(["git", "checkout", "-q", "--", "."], cwd=project, check=True)
        for name, command in (("module checker", [PY, "scripts/check_modules.py"]),
                              ("link checker", [PY, "scripts/check_links.py", str(site)])):
            if (project / command[1]).exists():
                # Exit 1 means "found problems": still a complete run to time.
                rows.append((f"{name}, s", f"{timed(command, project, ok=(0, 1)):.2f}"))
        if not args.skip_tests:
            rows.append(("test suite (pytest), s", f"{timed([PY, '-m', 'pytest', '-q', '-p', 'no:cacheprovider'], ROOT):.2f}"))

        weights = {}
        for kind, page in page_of_type(site).items():
            if page is None or not page.exists():
                rows.append((f"{kind} page", "missing"))
                continue
            raw, packed, load, requests = first_load(site, page)
            weights[kind] = packed
            rows.append((f"{kind} page: HTML / gzip / first load gzip, KB; requests",
                         f"{raw / 1000:.1f} / {packed / 1000:.1f} / {load / 1000:.1f}; {requests}"))
        # A course's printable page holds the whole course on purpose: it has its own budget.
        for label, pages, budget in (
                ("heaviest first load", [p for p in site.rglob("*.html") if p.parent.name != "print"], "first_load_kb_max"),
                ("heaviest printable course page", list(site.glob("course*/print/index.html")), "print_page_first_load_kb_max")):
            if not pages:
                continue
            load, page = max((first_load(site, p)[2], p) for p in pages)
            rows.append((f"{label}, KB gzip", f"{load / 1000:.1f} ({page.relative_to(site).as_posix()})"))
            if load > budgets[budget] * 1000:
                failures.append(f"{page.relative_to(site)} loads {load / 1000:.1f} KB (budget {budgets[budget]} KB)")
        if "notebook (heaviest)" in weights and "module (median)" in weights:
            ratio = weights["notebook (heaviest)"] / weights["module (median)"]
            rows.append(("heaviest notebook / median module page, gzip", f"{ratio:.2f}"))
            if ratio > budgets["notebook_to_module_ratio_max"]:
                failures.append(f"a notebook page weighs {ratio:.2f} times a module page (budget {budgets['notebook_to_module_ratio_max']})")
        index = (site / "search" / "search_index.json").read_bytes()
        rows.append(("search index, KB / gzip KB", f"{len(index) / 1000:.1f} / {gz(index) / 1000:.1f}"))
        if gz(index) > budgets["search_index_kb_max"] * 1000:
            failures.append(f"the search index is {gz(index) / 1000:.1f} KB gzip (budget {budgets['search_index_kb_max']} KB)")

        if not args.skip_scaling:
            pages_1x = pages_in(site)
            big = copy_project(scratch / "big")
            shutil.copytree(project / ".cache", big / ".cache")  # same notebooks and data: warm cache
            modules = scale_courses(big, 10)
            build(big, scratch / "big-site")  # fills nothing new but notebook copies' pages
            big_time = build(big, scratch / "big-site")
            pages_10x = pages_in(scratch / "big-site")
            rows += [("pages at 1x / 10x", f"{pages_1x} / {pages_10x} ({modules} modules at 10x)"),
                     ("warm build per page at 1x / 10x, ms", f"{warm / pages_1x * 1000:.1f} / {big_time / pages_10x * 1000:.1f}")]

        if not args.skip_lighthouse:  # its own table (docs/_snippets/lighthouse.md); shortfalls count as budgets
            failures += bench_lighthouse.run(project, scratch, record_table=args.record)

    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    for failure in failures:
        print(f"OVER BUDGET: {failure}")
    print("budgets: " + ("all met" if not failures else f"{len(failures)} exceeded"))
    if args.record:
        record(rows, failures)
    return 1 if failures else 0


def record(rows: list[tuple[str, str]], failures: list[str]) -> None:
    """Write the table as Markdown for the maintainers' page (docs/maintainers/index.md)."""
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    lines = [f"Measured on {time.strftime('%d %B %Y').lstrip('0')} at commit `{commit}`, "
             f"Python {sys.version.split()[0]}, {os.cpu_count()} cores.", "",
             "| Figure | Value |", "| --- | --- |"]
    lines += [f"| {name} | {value.replace('|', '/')} |" for name, value in rows]
    lines += ["", "Budgets: " + ("all met." if not failures else "; ".join(failures) + ".")]
    target = ROOT / "docs" / "_snippets" / "benchmark.md"
    target.parent.mkdir(exist_ok=True)
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"recorded in {target.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
