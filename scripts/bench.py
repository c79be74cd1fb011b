"""Benchmark the site: build and preview times against stock Material, page weights, scaling.

Usage: python scripts/bench.py [--quick] [--runs N] [--skip-serve] [--skip-scaling] [--skip-lighthouse] [--record]

Works on a copy of the committed files in a temporary folder (the working tree and its caches
are never touched), and on a plain Material project of the same Markdown that it makes itself
(scripts/pacer/stock_site.py). Every timed figure is the median, with the minimum and maximum,
of several runs (5; 3 with --quick), as wall-clock seconds and as CPU seconds (user + system of
the build and every process it waited for). Comparisons are interleaved pairs (the project,
then stock Material, then stock Material, then the project ...), reported as the median of the
pairs' ratios: a busy machine slows both sides of a pair alike. Per-page cost is the slope of
CPU time against page count over builds at 1x, 5x and 10x the content (least squares), so the
fixed start-up cost is not spread over the pages.

It prints the table, checks the budgets in docs/_snippets/budgets.yml and exits 1 when one is
exceeded. A figure whose runs failed is shown as FAILED and nothing is recorded; a figure whose
slowest run took more than 1.5 times its fastest is marked "loaded machine". With --record the
table goes to docs/_snippets/benchmark.md, which the maintainers' page includes.
"""

from __future__ import annotations

import argparse
import gzip
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from lxml import html

import bench_lighthouse
from bench_lighthouse import load_budgets
from pacer import mkdocs_run
from pacer.safety import sanitize
from pacer.notebooks import spreadsheets
from pacer.render import views
from pacer.cache import DEFAULT_FOLDER
from pacer.model import workbook
from pacer.paths import COURSES, ROOT, is_notebook
from devtools.stock_site import build_stock_project

ENV = mkdocs_run.environment()
PY = sys.executable
LOADED_SPREAD = 1.5     # slowest / fastest run above this: the machine was busy, the figure is not clean
SCALES = (1, 5, 10)
IDLE_SECONDS = 3        # how long a preview server is watched idle, to know what watching costs
NO_WORKBOOK_CONFIG = "mkdocs-bench-no-workbook.yml"  # the project's mkdocs.yml with `workbook: false`


# --- samples and figures ---------------------------------------------------------------------

@dataclass
class Sample:
    wall: float
    cpu: float
    ok: bool = True
    problem: str = ""


@dataclass
class Series:
    """The runs of one timed thing."""
    name: str
    samples: list[Sample] = field(default_factory=list)

    @property
    def failed(self) -> list[Sample]:
        return [s for s in self.samples if not s.ok]

    def values(self, kind: str) -> list[float]:
        return [getattr(s, kind) for s in self.samples if s.ok]


def spread(values: list[float]) -> str:
    """``median (min-max)``, marked when the runs were too far apart to be a clean figure."""
    if not values:
        return "FAILED"
    low, high = min(values), max(values)
    loaded = "; loaded machine" if low > 0 and high / low > LOADED_SPREAD else ""
    return f"{statistics.median(values):.2f} ({low:.2f}-{high:.2f}{loaded})"


def _cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(command: list[str], cwd: Path, env: dict | None = None, ok: tuple[int, ...] = (0,)) -> Sample:
    """Run a command once: its wall time and the CPU time of it and every process it waited for."""
    cpu, start = _cpu_children(), time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=_own_code(cwd, env or ENV), capture_output=True, text=True)
    sample = Sample(time.perf_counter() - start, _cpu_children() - cpu)
    if result.returncode not in ok:
        sample.ok = False
        sample.problem = f"`{' '.join(command)}` exited {result.returncode} in {cwd}:\n" + \
            mkdocs_run.problems(result.stdout + result.stderr)
    return sample


def _own_code(project: Path, env: dict) -> dict:
    """A copy runs its own shared code (scripts/pacer), not the working tree's."""
    scripts = Path(project) / "scripts"
    return {**env, "PYTHONPATH": str(scripts)} if scripts.is_dir() else env


def paired(first: Series, second: Series, runs: int, one, other) -> None:
    """Interleaved pairs, alternating which side goes first: A B, B A, A B ..."""
    for index in range(runs):
        order = [(first, one), (second, other)]
        for series, action in (order if index % 2 == 0 else order[::-1]):
            series.samples.append(action())


def ratios(numerator: Series, denominator: Series, kind: str) -> list[float]:
    return [a.cpu / b.cpu if kind == "cpu" else a.wall / b.wall
            for a, b in zip(numerator.samples, denominator.samples) if a.ok and b.ok and getattr(b, kind) > 0]


# --- the projects ------------------------------------------------------------------------------

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
    _commit(target)
    return target


def _commit(project: Path) -> None:
    """The git-dates plugin reads history, and the build's git check compares against it."""
    if not (project / ".git").exists():
        subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run(["git", "add", "-A"], cwd=project, check=True)
    subprocess.run(["git", "-c", "user.name=bench", "-c", "user.email=bench@localhost", "commit", "-qm", "bench"],
                   cwd=project, check=True)


def build(project: Path, site: Path, one_view: bool = False, strict: bool = True, config: str | None = None) -> Sample:
    """A strict build as `make build` makes it: the learner view, then the facilitator view into
    site/facilitator/ (each its own mkdocs build); or (one_view) the learner view alone."""
    # mkdocs.yml says `strict: true`: only --no-strict turns it off.
    extra = [*([] if strict else ["--no-strict"]), *(["--config-file", config] if config else [])]
    learner = run(mkdocs_run.command(site, *extra, strict=strict), project, env=mkdocs_run.environment())
    if one_view or not learner.ok:
        return learner
    facilitator = run(mkdocs_run.command(site / views.FACILITATOR_FOLDER, *extra, strict=strict), project,
                      env=mkdocs_run.environment(PACER_VIEW=views.FACILITATOR))
    return Sample(learner.wall + facilitator.wall, learner.cpu + facilitator.cpu, facilitator.ok, facilitator.problem)


def stock_build(stock: Path, site: Path) -> Sample:
    return run(mkdocs_run.command(site, strict=False), stock)


def clean_build(project: Path, site: Path) -> Sample:
    shutil.rmtree(project / ".cache", ignore_errors=True)
    return build(project, site)


def scale_courses(project: Path, factor: int) -> int:
    """Copy every module ``factor`` times over (renumbered), without its notebooks and their
    worksheets (a worksheet's data comes from its notebook): a copied notebook would only run
    once and then be read from the cache. Returns the module count."""
    count = 0
    for course in COURSES:
        modules = sorted(p for p in (project / course).iterdir() if p.is_dir() and p.name[:2].isdigit())
        number = len(modules)
        for copy in range(1, factor):
            for module in modules:
                number += 1
                target = project / course / f"{number:02d}{module.name[2:]}-copy{copy}"
                shutil.copytree(module, target, ignore=_notebooks_and_worksheets)
        count += number
    return count


def _notebooks_and_worksheets(folder: str, names: list[str]) -> list[str]:
    """The notebooks in ``folder`` and the worksheets that take their data from them."""
    return [n for n in names if is_notebook(Path(folder, n)) or spreadsheets.notebook_of(Path(folder, n))]


# --- mkdocs serve --------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """`mkdocs serve` of one project, and the time and CPU it takes to show a saved change."""

    def __init__(self, project: Path, module: Path, page: str):
        """Serve ``project``; ``module`` is the file to save, ``page`` its address in the site."""
        self.project, self.module, self.port = project, module, free_port()
        self.process = subprocess.Popen(
            [PY, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=project, env=_own_code(project, ENV), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.log: list[str] = []
        self.idle_rate = 0.0
        threading.Thread(target=self._read_log, daemon=True).start()
        # `mkdocs serve` serves the site under the path of site_url, as it will be published.
        self.url = f"http://127.0.0.1:{self.port}{mkdocs_run.site_prefix(project)}{page}"

    def _read_log(self) -> None:
        for line in self.process.stderr:
            self.log.append(line)

    def _reloads(self) -> int:
        return sum("Reloading browsers" in line or "Serving on" in line for line in self.log)

    def _cpu(self) -> float:
        """The server's CPU seconds, with the processes it waited for (git, notebook workers)."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return sum(int(value) for value in fields[11:15]) / os.sysconf("SC_CLK_TCK")

    def ready(self, timeout: float = 600) -> bool:
        """Wait for the first build; then measure what watching the files costs when idle."""
        if not _wait(lambda: self._reloads() > 0 and _served(self.url, lambda body: True), timeout):
            return False
        cpu, start = self._cpu(), time.perf_counter()
        time.sleep(IDLE_SECONDS)
        self.idle_rate = (self._cpu() - cpu) / (time.perf_counter() - start)
        return True

    def rebuild(self, timeout: float = 300) -> Sample:
        """Save the module with a new line; wait until the rebuild is done and the page shows it.

        The server is not asked for the page until it has logged the end of the rebuild, so
        the requests cost it nothing meanwhile; its CPU while it only watches the files (the
        idle rate times the duration) is not counted as the rebuild's."""
        marker = f"bench-marker-{time.time_ns()}"
        reloads, cpu, start = self._reloads(), self._cpu(), time.perf_counter()
        self.module.write_text(self.module.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
        done = _wait(lambda: self._reloads() > reloads, timeout, pause=0.02) and \
            _wait(lambda: _served(self.url, lambda body: marker in body), 10)
        wall = time.perf_counter() - start
        sample = Sample(wall, max(0.0, self._cpu() - cpu - self.idle_rate * wall), done)
        if not done or self.process.poll() is not None:
            sample.ok, sample.problem = False, f"{self.url} did not show the change:\n" + "".join(self.log[-20:])
        return sample

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def _served(url: str, ready) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return ready(response.read().decode("utf-8", "replace"))
    except OSError:
        return False


def _wait(condition, timeout: float, pause: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(pause)
    return False


# --- page weights ---------------------------------------------------------------------------------

def gz(data: bytes) -> int:
    return len(gzip.compress(data, 9))


def first_load(site: Path, page: Path) -> tuple[int, int, int, int]:
    """(HTML bytes, HTML gzip bytes, first-load gzip bytes incl. CSS, JS, images; requests)."""
    raw = page.read_bytes()
    tree = html.fromstring(raw)
    page_url = page.relative_to(site).as_posix()
    assets = {e.get("href") for e in tree.xpath("//link[@rel='stylesheet' or contains(@rel,'icon')]")}
    assets |= {e.get("src") for e in tree.xpath("//script[@src] | //img[@src]")}
    # The search worker and index load when a learner turns to search (search-on-demand.js).
    total, requests = gz(raw), 1
    for asset in filter(None, assets):
        if asset.startswith("data:") or urlsplit(asset).netloc:
            continue
        path = site / urljoin(page_url, urlsplit(asset).path)
        if path.is_file():
            total += gz(path.read_bytes())
            requests += 1
    return len(raw), gz(raw), total, requests


def page_of_type(site: Path) -> dict[str, Path | None]:
    """A typical page of each kind: the median module page and the heaviest notebook page."""
    by_weight = lambda pages: sorted(pages, key=lambda p: gz(p.read_bytes()))  # noqa: E731
    modules = by_weight(site.glob("course*/[0-9][0-9]-*/index.html"))
    notebooks = by_weight(p for p in site.glob("course*/**/index.html") if "jupyter-wrapper" in p.read_text(encoding="utf-8"))
    return {"home": site / "index.html", "module (median)": modules[len(modules) // 2] if modules else None,
            "notebook (heaviest)": notebooks[-1] if notebooks else None, "glossary": site / "glossary" / "index.html"}


def pages_in(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


def sanitizer_seconds(site: Path) -> float:
    """CPU seconds the sanitizer spends on the built pages' content (finding and removing)."""
    contents = [html.tostring(article, encoding="unicode") for page in site.rglob("*.html")
                for article in html.parse(str(page)).getroot().cssselect("article.md-content__inner")]
    start = time.process_time()
    for content in contents:
        sanitize.removed(content)
        sanitize.clean(content)
    return time.process_time() - start


def least_squares(points: list[tuple[float, float]]) -> tuple[float, float]:
    """(slope, intercept) of the line that best fits the points."""
    mean_x = statistics.fmean(x for x, _ in points)
    mean_y = statistics.fmean(y for _, y in points)
    spread_x = sum((x - mean_x) ** 2 for x, _ in points)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / spread_x if spread_x else 0.0
    return slope, mean_y - slope * mean_x


# --- the benchmark ----------------------------------------------------------------------------------

# How long each step takes, in stock Material builds (timed first, so the estimate fits how fast
# and how busy the machine is when the bench starts).
ESTIMATE = {"clean": 12, "serial_clean": 15, "warm_pair": 4, "both_pair": 8, "checkers": 2,
            "serve_start": 15, "serve_pair": 6, "scale_pair": 30, "workbook_pairs": 40}


def estimate(args, unit: float) -> float:
    steps = ESTIMATE["clean"] + ESTIMATE["serial_clean"] + ESTIMATE["warm_pair"] + ESTIMATE["both_pair"] \
        + ESTIMATE["checkers"] + ESTIMATE["workbook_pairs"]
    fixed = 0
    if not args.skip_serve:
        steps += ESTIMATE["serve_pair"]
        fixed += ESTIMATE["serve_start"]
    if not args.skip_scaling:
        steps += ESTIMATE["scale_pair"]
    return unit * (fixed + args.runs * steps)


class Table:
    def __init__(self):
        self.rows: list[tuple[str, str]] = []
        self.failures: list[str] = []      # over budget
        self.broken: list[str] = []        # runs that failed: nothing may be recorded
        self.load = 0.0                    # the load average when the bench started
        self.preview: tuple[Series, Series] | None = None  # our `mkdocs serve` rebuilds and stock's
        self.commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                     text=True).stdout.strip()   # the code measured, as the bench starts

    def add(self, name: str, value: str) -> None:
        self.rows.append((name, value))
        print(f"  {name}: {value}", flush=True)

    def timed(self, series: Series, unit: str = "s") -> None:
        """One row: wall and CPU, each as median (min-max)."""
        for sample in series.failed:
            self.broken.append(f"{series.name}: {sample.problem}")
        self.add(f"{series.name}: wall, CPU, {unit}",
                 f"{spread(series.values('wall'))}; {spread(series.values('cpu'))}")

    def ratio(self, name: str, numerator: Series, denominator: Series, budget: float | None = None) -> None:
        cpu, wall = ratios(numerator, denominator, "cpu"), ratios(numerator, denominator, "wall")
        self.add(f"{name}: CPU, wall", f"{spread(cpu)}; {spread(wall)}")
        if budget is not None and cpu and statistics.median(cpu) > budget:
            self.failures.append(f"{name} is {statistics.median(cpu):.2f} in CPU (budget {budget})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 runs of each figure, no scaling")
    parser.add_argument("--runs", type=int, help="runs of each timed figure (at least 5, or 3 with --quick)")
    parser.add_argument("--skip-serve", action="store_true", help="do not time the `mkdocs serve` rebuild")
    parser.add_argument("--skip-scaling", action="store_true", help="do not build the 5x and 10x copies")
    parser.add_argument("--skip-lighthouse", action="store_true", help="do not compare with stock Material in Lighthouse")
    parser.add_argument("--record", action="store_true", help="write the table to docs/_snippets/benchmark.md")
    args = parser.parse_args(argv)
    least = 3 if args.quick else 5
    args.runs = max(args.runs or least, least)
    args.skip_scaling = args.skip_scaling or args.quick
    budgets = load_budgets()
    table = Table()
    began = time.monotonic()

    with tempfile.TemporaryDirectory(prefix="pacer-bench-") as scratch:
        scratch = Path(scratch)
        project = copy_project(scratch / "project")
        stock = build_stock_project(project, scratch / "stock")
        site, stock_site = scratch / "site", scratch / "stock-site"
        unit = stock_build(stock, stock_site).wall
        table.load = os.getloadavg()[0]
        print(f"bench: {args.runs} runs of each figure; this takes about {estimate(args, unit) / 60:.0f} minutes "
              f"on this machine as busy as it is now (load average {os.getloadavg()[0]:.1f}, "
              f"{os.cpu_count()} cores).", flush=True)

        print("clean builds (no caches), paired with stock Material ...", flush=True)
        clean, stock_clean = Series("clean build, both views"), Series("stock Material build (paired with clean builds)")
        paired(clean, stock_clean, args.runs, lambda: clean_build(project, site), lambda: stock_build(stock, stock_site))
        table.timed(clean)
        table.ratio("clean build, both views / stock Material", clean, stock_clean)
        clean_build(project, site)  # the notebook cache is filled for the warm builds

        print("warm builds, paired with stock Material ...", flush=True)
        stock_series, warm = Series("stock Material build of the same Markdown"), Series("warm build, learner view")
        paired(warm, stock_series, args.runs, lambda: build(project, site, one_view=True),
               lambda: stock_build(stock, stock_site))
        stock_both, warm_both = Series("stock Material build (paired with both views)"), Series("warm build, both views")
        paired(warm_both, stock_both, args.runs, lambda: build(project, site), lambda: stock_build(stock, stock_site))
        for series in (warm, stock_series, warm_both):
            table.timed(series)
        table.ratio("warm build, learner view / stock Material", warm, stock_series,
                    budgets["warm_build_to_stock_ratio_max"])
        table.ratio("warm build, both views / stock Material", warm_both, stock_both)
        warm_cpu = statistics.median(warm.values("cpu") or [0])
        if warm_cpu:
            build(project, site, one_view=True)
            share = statistics.median(sanitizer_seconds(site) for _ in range(args.runs)) / warm_cpu
            table.add("sanitizer CPU / warm build CPU, learner view", f"{share:.3f}")
            build(project, site)

        print("notebook runs in their sandbox and without, paired ...", flush=True)
        sandbox_pairs(project, args.runs, table)

        print("builds with and without the workbook's downloads, paired ...", flush=True)
        workbook_pairs(project, site, args.runs, table)

        if not args.skip_serve:
            print("rebuilds under `mkdocs serve`, paired with stock Material ...", flush=True)
            serve_pairs(project, stock, args.runs, table, budgets)

        print("checkers ...", flush=True)
        for name, command in (("module checker", [PY, "scripts/check_modules.py"]),
                              ("link checker", [PY, "scripts/check_links.py", str(site)])):
            if (project / command[1]).exists():
                # Exit 1 means "found problems": still a complete run to time.
                table.timed(Series(name, [run(command, project, ok=(0, 1)) for _ in range(args.runs)]))

        weigh(site, table, budgets)

        if not args.skip_lighthouse:  # its own table (docs/_snippets/lighthouse.md); shortfalls count as budgets
            table.failures += bench_lighthouse.run(project, scratch, args.runs, record_table=args.record)

        if not args.skip_scaling:
            print("scaling: builds at 1x, 5x and 10x the modules, paired with stock Material ...", flush=True)
            scaling(project, scratch, args.runs, table)

    print(f"bench: done in {(time.monotonic() - began) / 60:.1f} minutes")
    return finish(table, args)


def sandbox_pairs(project: Path, runs: int, table: Table) -> None:
    """What the sandbox costs: every notebook of the project run at once (as a clean build runs
    them), in bubblewrap and without, paired. Skipped where bubblewrap cannot run."""
    from pacer.notebooks import pages as notebook_pages, runner
    from pacer.safety import sandbox

    if sandbox.problem() is not None:
        table.add("notebooks: sandboxed / not sandboxed", f"not measured ({sandbox.problem()})")
        return
    notebooks = [path for course in COURSES for path in sorted((project / course).rglob("*.py")) if is_notebook(path)]

    def run_all(sandboxed: bool) -> Sample:
        jobs = [runner.Job(str(path), runner.shown(path), "", tuple(notebook_pages.OPTIONS.items()),
                           notebook_pages.TOC_DEPTH, sandboxed) for path in notebooks]
        cpu, start = _cpu_children(), time.perf_counter()
        failures, _runs = runner.run_in_parallel(jobs, os.cpu_count() or 1)
        return Sample(time.perf_counter() - start, _cpu_children() - cpu, not failures, "\n".join(failures))

    boxed, bare = Series(f"{len(notebooks)} notebooks run in their sandbox"), Series(f"{len(notebooks)} notebooks run without it")
    paired(boxed, bare, runs, lambda: run_all(True), lambda: run_all(False))
    table.timed(boxed)
    table.timed(bare)
    table.ratio("notebooks: sandboxed / not sandboxed", boxed, bare)


def workbook_pairs(project: Path, site: Path, runs: int, table: Table) -> None:
    """What the workbook's downloads cost (both views): made from nothing (their cache emptied,
    the notebook cache kept), and from their cache, each paired with a build that makes none."""
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "      cache: true\n" in config, "mkdocs.yml: the pacer plugin's options have changed; update bench.workbook_pairs"
    (project / NO_WORKBOOK_CONFIG).write_text(config.replace("      cache: true\n", "      cache: true\n      workbook: false\n"),
                                              encoding="utf-8")
    made, cached = Series("build, workbook files made"), Series("build, workbook files from the cache")
    without, without_warm = Series("build without the workbook files"), Series("build without the workbook files (warm pair)")

    def make() -> Sample:
        shutil.rmtree(project / DEFAULT_FOLDER / "workbook", ignore_errors=True)
        return build(project, site)

    paired(made, without, runs, make, lambda: build(project, site, config=NO_WORKBOOK_CONFIG))
    paired(cached, without_warm, runs, lambda: build(project, site), lambda: build(project, site, config=NO_WORKBOOK_CONFIG))
    table.timed(made)
    table.timed(cached)
    table.ratio("workbook: build with / without its files, made from nothing", made, without)
    table.ratio("workbook: build with / without its files, from the cache", cached, without_warm)
    build(project, site)  # the pairs alternate, so the last build may have made no files: weigh a build that did
    folder = site / workbook.DOWNLOADS
    downloads = [p for p in folder.glob("*") if p.is_file()]
    zips = sum(p.stat().st_size for p in downloads if p.suffix == ".zip")
    table.add("workbook downloads in one view: files, KB; zips, KB",
              f"{len(downloads)}: {(sum(p.stat().st_size for p in downloads) - zips) / 1000:.0f}; {zips / 1000:.0f}")


def finish(table: Table, args) -> int:
    """Print the table; record it unless a run failed. 2: runs failed, 1: over budget, 0: fine."""
    width = max((len(name) for name, _ in table.rows), default=0)
    for name, value in table.rows:
        print(f"{name:<{width}}  {value}")
    for failure in table.failures:
        print(f"OVER BUDGET: {failure}")
    print("budgets: " + ("all met" if not table.failures else f"{len(table.failures)} exceeded"))
    if table.broken:
        print("bench: some runs failed, so nothing is recorded:\n" + "\n".join(table.broken), file=sys.stderr)
        return 2
    if args.record:
        record(table, args)
    return 1 if table.failures else 0


def serve_pairs(project: Path, stock: Path, runs: int, table: Table, budgets: dict) -> None:
    """Both previews run at once; saves alternate between them, one rebuild at a time."""
    module = sorted((project / "course2").glob("0[1-9]-*/index.md"))[0]
    page = module.parent.relative_to(project).as_posix() + "/"
    servers = [Server(project, module, page), Server(stock, stock / "docs" / module.relative_to(project), page)]
    try:
        if not all(server.ready() for server in servers):
            table.broken.append("mkdocs serve did not start:\n" + "".join(servers[0].log[-20:] + servers[1].log[-20:]))
            return
        ours, theirs = Series("save a module -> page rebuilt under mkdocs serve"), \
            Series("the same under stock Material's mkdocs serve")
        paired(ours, theirs, runs, servers[0].rebuild, servers[1].rebuild)
        table.timed(ours)
        table.timed(theirs)
        table.ratio("serve rebuild / stock Material", ours, theirs, budgets["serve_rebuild_to_stock_ratio_max"])
        table.preview = (ours, theirs)
    finally:
        for server in servers:
            server.stop()
        subprocess.run(["git", "checkout", "-q", "--", "."], cwd=project, check=True)


def weigh(site: Path, table: Table, budgets: dict) -> None:
    weights = {}
    for kind, page in page_of_type(site).items():
        if page is None or not page.exists():
            table.add(f"{kind} page", "missing")
            continue
        raw, packed, load, requests = first_load(site, page)
        weights[kind] = packed
        table.add(f"{kind} page: HTML / gzip / first load gzip, KB; requests",
                  f"{raw / 1000:.1f} / {packed / 1000:.1f} / {load / 1000:.1f}; {requests}")
    # A course's printable page holds the whole course on purpose: it has its own budget.
    for label, pages, budget in (
            ("heaviest first load", [p for p in site.rglob("*.html") if p.parent.name != "print"], "first_load_kb_max"),
            ("heaviest printable course page", list(site.glob("course*/print/index.html")), "print_page_first_load_kb_max")):
        if not pages:
            continue
        load, page = max((first_load(site, p)[2], p) for p in pages)
        table.add(f"{label}, KB gzip", f"{load / 1000:.1f} ({page.relative_to(site).as_posix()})")
        if load > budgets[budget] * 1000:
            table.failures.append(f"{page.relative_to(site)} loads {load / 1000:.1f} KB (budget {budgets[budget]} KB)")
    if "notebook (heaviest)" in weights and "module (median)" in weights:
        ratio = weights["notebook (heaviest)"] / weights["module (median)"]
        table.add("heaviest notebook / median module page, gzip", f"{ratio:.2f}")
        if ratio > budgets["notebook_to_module_ratio_max"]:
            table.failures.append(f"a notebook page weighs {ratio:.2f} times a module page "
                                  f"(budget {budgets['notebook_to_module_ratio_max']})")
    index = (site / "search" / "search_index.json").read_bytes()
    table.add("search index, KB / gzip KB", f"{len(index) / 1000:.1f} / {gz(index) / 1000:.1f}")
    if gz(index) > budgets["search_index_kb_max"] * 1000:
        table.failures.append(f"the search index is {gz(index) / 1000:.1f} KB gzip (budget {budgets['search_index_kb_max']} KB)")


def scaling(project: Path, scratch: Path, runs: int, table: Table) -> None:
    """Marginal CPU per page: the slope over warm learner-view builds at 1x, 5x and 10x.

    Every scale is built without --strict: the copied modules link to notebooks that are not
    copied (scale_courses), and those links are only warnings."""
    points: dict[str, list[tuple[float, float]]] = {"project": [], "stock": []}
    sizes = []
    for factor in SCALES:
        big = scratch / f"scaled-{factor}"
        if factor == 1:
            big = project
        else:
            shutil.copytree(project, big, ignore=shutil.ignore_patterns("site"))
            scale_courses(big, factor)
            _commit(big)
        stock = build_stock_project(big, scratch / f"stock-{factor}")
        site, stock_site = scratch / f"site-{factor}", scratch / f"stock-site-{factor}"
        ours, theirs = Series(f"warm build at {factor}x, learner view"), Series(f"stock Material at {factor}x")
        first = build(big, site, one_view=True, strict=False)  # fills the notebook cache of the copy, if needed
        if not first.ok:
            table.broken.append(f"{ours.name}: {first.problem}")
            continue
        paired(ours, theirs, runs, lambda: build(big, site, one_view=True, strict=False),
               lambda: stock_build(stock, stock_site))
        for series in (ours, theirs):
            table.timed(series)
        pages, stock_pages = pages_in(site), pages_in(stock_site)
        sizes.append(f"{pages} / {stock_pages}")
        points["project"] += [(pages, cpu) for cpu in ours.values("cpu")]
        points["stock"] += [(stock_pages, cpu) for cpu in theirs.values("cpu")]
    table.add("pages at 1x / 5x / 10x: project (learner view) / stock", ", ".join(sizes))
    slopes = {}
    for side, values in points.items():
        if len({x for x, _ in values}) > 1:
            slopes[side], intercept = least_squares(values)
            table.add(f"marginal CPU per page, {side} (slope), ms; fixed cost (intercept), s",
                      f"{slopes[side] * 1000:.1f}; {intercept:.2f}")
    if slopes.get("stock"):
        table.add("marginal CPU per page, project / stock", f"{slopes['project'] / slopes['stock']:.2f}")


def record(table: Table, args) -> None:
    """Write the table as Markdown for the maintainers' page (docs/maintainers/index.md)."""
    mode = "quick (3 runs, no scaling)" if args.quick else f"{args.runs} runs"
    lines = [f"Measured on {time.strftime('%d %B %Y').lstrip('0')} at commit `{table.commit}`, "
             f"Python {sys.version.split()[0]}, {os.cpu_count()} cores (load average {table.load:.1f} at the start), "
             f"{mode}. "
             "Times are median (min-max) in seconds; ratios are medians of interleaved pairs. "
             f"\"Loaded machine\": the slowest run took more than {LOADED_SPREAD} times the fastest.", "",
             "| Figure | Value |", "| --- | --- |"]
    lines += [f"| {name} | {value.replace('|', '/')} |" for name, value in table.rows]
    lines += ["", "Budgets: " + ("all met." if not table.failures else "; ".join(table.failures) + ".")]
    target = ROOT / "docs" / "_snippets" / "benchmark.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"recorded in {target.relative_to(ROOT)}")
    if table.preview:
        preview = ROOT / "docs" / "_snippets" / "preview-time.md"
        preview.write_text(preview_sentence(*table.preview, table.load) + "\n", encoding="utf-8")
        print(f"recorded in {preview.relative_to(ROOT)}")


def preview_sentence(ours: Series, stock: Series, load: float) -> str:
    """What the instructors' page says about the preview's speed, from the bench's own figures."""
    wall, cpu = statistics.median(ours.values("wall")), statistics.median(ours.values("cpu"))
    stock_cpu = statistics.median(stock.values("cpu"))
    busy = "quiet" if load < os.cpu_count() / 2 else "busy"
    return (f"In the project's speed test ({time.strftime('%B %Y')}, a {busy} computer with {os.cpu_count()} cores), "
            f"the saved page was shown again {wall:.1f} seconds after the save: {cpu:.1f} seconds of the "
            f"computer's work, against {stock_cpu:.1f} for a plain Material site of the same pages.")


if __name__ == "__main__":
    sys.exit(main())
