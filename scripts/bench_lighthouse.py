"""Lighthouse on a slow phone and on a desktop: the site against stock Material, same content.

Usage: python scripts/bench_lighthouse.py [--commit REV] [--runs 5] [--record]

Builds the learner view of the committed files (or of REV) and a stock Material project of the
same Markdown (pacer/stock_site.py) in a temporary folder, the measured pages of which hold the
project's built content (what its plugin generates), serves both on 127.0.0.1 (text
gzip-compressed, as GitHub Pages serves it), and runs
Lighthouse (npm `lighthouse`, pinned below, installed into .cache/lighthouse/) against Debian's
Chromium on a fixed set of pages, mobile and desktop presets. Runs are interleaved page by page
(project, stock, then stock, project, ...) and the table shows medians. The phone budget
(docs/_snippets/budgets.yml): on the mobile preset, each page's largest contentful paint at most
stock's, and total blocking time summed over the pages at most 1.25 times stock's sum (a single
page's blocking time is tens of milliseconds that swing with the machine's load); accessibility
100 on every page. With --record the table goes to docs/_snippets/lighthouse.md, which the
maintainers' page includes.

Without Node.js or Chromium it says what is missing and what it skipped, and records nothing.
`make bench` runs it through scripts/bench.py (--skip-lighthouse leaves it out).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from pacer import mkdocs_run
from pacer.render import views
from devtools.browser import CHROMIUM, CHROMIUM_ARGS, SiteServer
from pacer.paths import ROOT
from devtools.stock_site import build_stock_project, built_content

LIGHTHOUSE_VERSION = "12.8.2"   # 13.x needs Node 22; Debian's Node is 20
CACHE = ROOT / ".cache" / "lighthouse"
SNIPPET = ROOT / "docs" / "_snippets" / "lighthouse.md"
BUDGETS = ROOT / "docs" / "_snippets" / "budgets.yml"
PRESETS = ("mobile", "desktop")
SITES = ("project", "stock")
# The fixed set of pages: a label and how to find the page in the built site.
PAGES = {
    "home": lambda site: "",
    "course index": lambda site: "course2/",
    "module": lambda site: "course2/01-interviewing/",
    "notebook": lambda site: _first_notebook(site),
    "glossary": lambda site: "glossary/",
}


def load_budgets() -> dict:
    """The performance budgets (docs/_snippets/budgets.yml), shared with scripts/bench.py."""
    return yaml.safe_load(BUDGETS.read_text(encoding="utf-8"))


class Skipped(Exception):
    """Lighthouse cannot run here; the message says what is missing and what was skipped."""


@dataclass
class Sample:
    lcp_ms: float
    tbt_ms: float
    performance: float
    accessibility: float
    bytes: float
    dom: float
    main_thread_ms: float   # all the page's main-thread work in the run, at the preset's CPU slowdown


@dataclass
class Cell:
    samples: dict[str, list[Sample]] = field(default_factory=lambda: {s: [] for s in SITES})

    def median(self, site: str, name: str) -> float:
        return statistics.median(getattr(s, name) for s in self.samples[site])


def _is_notebook_page(page: Path) -> bool:
    return "jupyter-wrapper" in page.read_text(encoding="utf-8")


def _first_notebook(site: Path) -> str:
    for page in sorted(site.glob("course*/**/index.html")):
        if _is_notebook_page(page):
            return page.parent.relative_to(site).as_posix() + "/"
    raise Skipped("no notebook page in the built site")


# --- Lighthouse itself ---------------------------------------------------------------------------

def lighthouse_cli() -> Path:
    """The pinned Lighthouse CLI, installed into .cache/lighthouse/ with npm on first use."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not (node and npm):
        raise Skipped("Node.js (node and npm) is not installed, so the Lighthouse comparison was skipped "
                      "(no table recorded). Install Node.js 18 or newer (Debian: sudo apt-get install nodejs npm) and run again.")
    if not Path(CHROMIUM).exists():
        raise Skipped(f"Chromium is not installed (looked for {CHROMIUM}), so the Lighthouse comparison was skipped "
                      "(no table recorded). Run: sudo apt-get install -y chromium")
    cli = CACHE / "node_modules" / "lighthouse" / "cli" / "index.js"
    installed = CACHE / "node_modules" / "lighthouse" / "package.json"
    if not installed.is_file() or json.loads(installed.read_text())["version"] != LIGHTHOUSE_VERSION:
        CACHE.mkdir(parents=True, exist_ok=True)
        (CACHE / "package.json").write_text('{"private": true}\n', encoding="utf-8")
        print(f"installing lighthouse@{LIGHTHOUSE_VERSION} into {CACHE.relative_to(ROOT)}/ ...", flush=True)
        result = subprocess.run([npm, "install", "--no-audit", "--no-fund", "--silent", f"lighthouse@{LIGHTHOUSE_VERSION}"],
                                cwd=CACHE, capture_output=True, text=True)
        if result.returncode != 0 or not cli.is_file():
            raise Skipped(f"npm could not install lighthouse@{LIGHTHOUSE_VERSION} (no table recorded):\n"
                          f"{(result.stderr or result.stdout)[-1500:]}")
    return cli


def run_lighthouse(cli: Path, url: str, preset: str) -> Sample:
    command = ["node", str(cli), url, "--output=json", "--output-path=stdout", "--quiet",
               "--only-categories=performance,accessibility", f"--chrome-path={CHROMIUM}",
               f"--chrome-flags={' '.join(CHROMIUM_ARGS)}", *(["--preset=desktop"] if preset == "desktop" else [])]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        sys.exit(f"bench: Lighthouse failed on {url} ({preset}):\n{result.stderr[-2000:]}")
    if report.get("runtimeError"):
        sys.exit(f"bench: Lighthouse could not load {url} ({preset}): {report['runtimeError'].get('message')}")
    audits, categories = report["audits"], report["categories"]
    return Sample(lcp_ms=audits["largest-contentful-paint"]["numericValue"],
                  tbt_ms=audits["total-blocking-time"]["numericValue"],
                  performance=round(categories["performance"]["score"] * 100),
                  accessibility=round(categories["accessibility"]["score"] * 100),
                  bytes=audits["total-byte-weight"]["numericValue"],
                  dom=audits["dom-size"]["numericValue"] if "dom-size" in audits else float("nan"),
                  main_thread_ms=audits["mainthread-work-breakdown"]["numericValue"])


# --- the two sites -------------------------------------------------------------------------------

def export_commit(commit: str, target: Path) -> Path:
    """The files of one commit in ``target``, as a git repository (the page dates read history)."""
    target.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", commit], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    for command in (["init", "-q"], ["add", "-A"],
                    ["-c", "user.name=bench", "-c", "user.email=bench@localhost", "commit", "-qm", "bench"]):
        subprocess.run(["git", *command], cwd=target, check=True)
    if (ROOT / ".cache" / "mkdocs-jupyter").is_dir():  # keyed on content: a warm cache is still right
        shutil.copytree(ROOT / ".cache" / "mkdocs-jupyter", target / ".cache" / "mkdocs-jupyter")
    return target


def build_sites(project: Path, scratch: Path) -> dict[str, Path]:
    """The learner view of ``project`` and the stock Material build of the same Markdown, whose
    measured pages hold the same content as the project's (see pacer/stock_site.py)."""
    sites = {"project": scratch / "project-site", "stock": scratch / "stock-site"}
    result = mkdocs_run.build(project, sites["project"], env=mkdocs_run.environment(PACER_VIEW=views.LEARNER))
    if result.returncode != 0:
        sys.exit(f"bench: the site did not build:\n{mkdocs_run.problems(result.stdout + result.stderr)}")
    stock = build_stock_project(project, scratch / "stock-project", notebooks=True, contents=same_content(sites["project"]))
    result = mkdocs_run.build(stock, sites["stock"], strict=False)
    if result.returncode != 0:
        sys.exit(f"bench: the stock Material build failed:\n{mkdocs_run.problems(result.stdout + result.stderr)}")
    return sites


def same_content(site: Path) -> dict[str, str]:
    """The built content of each measured Markdown page, by address, for the stock site. The
    notebook page is left out: stock shows its notebook with mkdocs-jupyter, without outputs."""
    pages = {address: site / address / "index.html" for address in (find(site) for find in PAGES.values())}
    return {address: built_content(page) for address, page in pages.items() if not _is_notebook_page(page)}


def measure(project: Path, scratch: Path, runs: int = 5, presets=PRESETS, pages=None) -> dict[tuple[str, str], Cell]:
    """Build both sites from ``project`` and run Lighthouse on each page, interleaved."""
    cli = lighthouse_cli()
    sites = build_sites(project, scratch)
    prefix = mkdocs_run.site_prefix(project)
    cells: dict[tuple[str, str], Cell] = {}
    with SiteServer(sites["project"], prefix, compressed=True) as ours, SiteServer(sites["stock"], prefix, compressed=True) as stock:
        servers = {"project": ours, "stock": stock}
        for label in pages or PAGES:
            path = PAGES[label](sites["project"])
            missing = [s for s in SITES if not (sites[s] / path / "index.html").is_file()]
            if missing:
                sys.exit(f"bench: the {label} page ({path}) is missing from the {' and '.join(missing)} site")
            for preset in presets:
                cell = cells.setdefault((label, preset), Cell())
                for run in range(runs):
                    for site in (SITES if run % 2 == 0 else SITES[::-1]):  # neither site always goes first
                        cell.samples[site].append(run_lighthouse(cli, servers[site].url(path), preset))
                print(f"  {label}, {preset}: done", flush=True)
    return cells


# --- the table -----------------------------------------------------------------------------------

def _ratio(ours: float, theirs: float) -> float:
    if theirs == 0:
        return 1.0 if ours == 0 else float("inf")
    return ours / theirs


def table(cells: dict[tuple[str, str], Cell]) -> list[str]:
    lines = ["| Page | Preset | LCP s: project / stock (ratio) | TBT ms: project / stock (ratio) "
             "| Performance: project / stock | Accessibility: project / stock | Bytes KB: project / stock "
             "| DOM elements: project / stock | Main-thread work s: project / stock (ratio) |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for (label, preset), cell in cells.items():
        m = cell.median
        lines.append(
            f"| {label} | {preset} "
            f"| {m('project', 'lcp_ms') / 1000:.2f} / {m('stock', 'lcp_ms') / 1000:.2f} ({_ratio(m('project', 'lcp_ms'), m('stock', 'lcp_ms')):.2f}) "
            f"| {m('project', 'tbt_ms'):.0f} / {m('stock', 'tbt_ms'):.0f} ({_ratio(m('project', 'tbt_ms'), m('stock', 'tbt_ms')):.2f}) "
            f"| {m('project', 'performance'):.0f} / {m('stock', 'performance'):.0f} "
            f"| {m('project', 'accessibility'):.0f} / {m('stock', 'accessibility'):.0f} "
            f"| {m('project', 'bytes') / 1000:.0f} / {m('stock', 'bytes') / 1000:.0f} "
            f"| {m('project', 'dom'):.0f} / {m('stock', 'dom'):.0f} "
            f"| {m('project', 'main_thread_ms') / 1000:.2f} / {m('stock', 'main_thread_ms') / 1000:.2f} "
            f"({_ratio(m('project', 'main_thread_ms'), m('stock', 'main_thread_ms')):.2f}) |")
    return lines


def phone_tbt_sums(cells: dict[tuple[str, str], Cell]) -> dict[str, float]:
    """Total blocking time on the mobile preset, the pages' medians summed, for each site."""
    return {site: sum(cell.median(site, "tbt_ms") for (_, preset), cell in cells.items() if preset == "mobile")
            for site in SITES}


def shortfalls(cells: dict[tuple[str, str], Cell], budgets: dict) -> list[str]:
    """Where the phone budget is exceeded (see the module's docstring), or accessibility is below 100."""
    found = []
    for (label, preset), cell in cells.items():
        if cell.median("project", "accessibility") < 100:
            found.append(f"{label} ({preset}): accessibility score {cell.median('project', 'accessibility'):.0f}, not 100")
        lcp = _ratio(cell.median("project", "lcp_ms"), cell.median("stock", "lcp_ms"))
        if preset == "mobile" and lcp > budgets["phone_lcp_to_stock_ratio_max"]:
            found.append(f"{label} (mobile): LCP is {lcp:.2f} times stock's (budget {budgets['phone_lcp_to_stock_ratio_max']})")
    sums = phone_tbt_sums(cells)
    tbt = _ratio(sums["project"], sums["stock"])
    if sums["project"] and tbt > budgets["phone_tbt_sum_to_stock_ratio_max"]:
        found.append(f"mobile: TBT summed over the pages is {tbt:.2f} times stock's "
                     f"({sums['project']:.0f} against {sums['stock']:.0f} ms; budget {budgets['phone_tbt_sum_to_stock_ratio_max']})")
    return found


def tbt_sum_line(cells: dict[tuple[str, str], Cell]) -> str:
    sums = phone_tbt_sums(cells)
    return (f"Total blocking time on the mobile preset, summed over the pages: {sums['project']:.0f} ms, "
            f"stock {sums['stock']:.0f} ms ({_ratio(sums['project'], sums['stock']):.2f}).")


def record(lines: list[str], runs: int, commit: str) -> None:
    header = (f"Lighthouse {LIGHTHOUSE_VERSION} on Debian's Chromium, measured on "
              f"{time.strftime('%d %B %Y').lstrip('0')} at commit `{commit}`: medians of {runs} runs per page, "
              "preset and site, the two sites interleaved and served with text compressed, as GitHub Pages serves it. "
              "Stock is Material for MkDocs with the same theme settings and Markdown, without the project's plugin; each measured "
              "page except the notebook holds the project's built content (what the plugin generates, written into the page as a "
              "stock site's author would). LCP: largest contentful paint; "
              "TBT: total blocking time; bytes: everything the page loaded during the run, as sent; main-thread work: "
              "the time the browser's main thread was busy (scripts, style, layout, parsing) during the run.")
    SNIPPET.write_text(header + "\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"recorded in {SNIPPET.relative_to(ROOT)}")


def run(project: Path, scratch: Path, runs: int = 5, commit: str | None = None, record_table: bool = False) -> list[str]:
    """Measure, print the table, record it when asked; return the shortfalls (bench.py counts
    them as exceeded budgets). When Lighthouse cannot run, say why and return no shortfall."""
    budgets = load_budgets()
    runs = max(runs, budgets["lighthouse_runs_min"])
    commit = commit or subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    try:
        cells = measure(project, scratch, runs)
    except Skipped as skipped:
        print(f"bench: {skipped}")
        return []
    lines = [*table(cells), "", tbt_sum_line(cells)]
    print("\n".join(lines))
    found = shortfalls(cells, budgets)
    for line in found:
        print(f"OVER THE PHONE BUDGET: {line}")
    print("Lighthouse: " + ("within the phone budget, accessibility 100" if not found else f"{len(found)} shortfalls"))
    if record_table:
        record(lines, runs, commit)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commit", default="HEAD", help="measure this commit (default: HEAD)")
    parser.add_argument("--runs", type=int, default=5, help="Lighthouse runs per page, preset and site (at least 5)")
    parser.add_argument("--record", action="store_true", help="write the table to docs/_snippets/lighthouse.md")
    args = parser.parse_args(argv)
    commit = subprocess.run(["git", "rev-parse", "--short", args.commit], cwd=ROOT, capture_output=True, text=True)
    if commit.returncode != 0:
        sys.exit(f"bench: {args.commit} is not a commit of this repository")
    with tempfile.TemporaryDirectory(prefix="pacer-lighthouse-") as scratch:
        project = export_commit(commit.stdout.strip(), Path(scratch) / "project")
        found = run(project, Path(scratch), args.runs, commit.stdout.strip(), args.record)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
