"""Benchmark the link checker against LinkChecker on the same built site and the same faults.

Usage: python scripts/bench_links.py [SITE_DIR] [--runs N]

Without SITE_DIR the site is built into a temporary folder first. The site is copied and a
set of faults is seeded into the copy's pages (a missing page, a missing anchor, a missing
image, a broken srcset, an empty src, faults in and into a notebook page, a missing stylesheet
and script, a link that leaves the site's base path). Then both tools check that copy:

* scripts/check_links.py, reading the files;
* LinkChecker (``linkchecker``, from the venv), crawling the copy served on 127.0.0.1 under
  the site's base path, internal links only, anchors on (its AnchorCheck plugin). The local
  server sends LinkChecker's "LinkChecker" header, which lets it drop its per-host politeness
  pause to the configured rate, so the times compare checking work rather than waiting.

It prints what each checked, how long each took and their ratio, and which seeded faults each
found. Exit status 1 when check_links.py misses a fault that LinkChecker finds, else 0
(2 when the benchmark could not run).
"""

from __future__ import annotations

import argparse
import csv
import functools
import http.server
import io
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import check_links  # noqa: E402
from pacer import mkdocs_run
from pacer.links.sources import load_source_map
from pacer.paths import ROOT

LINKCHECKER = ROOT / ".venv" / "bin" / "linkchecker"


@dataclass
class Fault:
    name: str
    page: str       # "home", "about" or "notebook": which built page gets it
    html: str       # what is added to that page
    marker: str     # text that names this fault in either tool's report
    in_head: bool = False


def faults(notebook_dir: str) -> list[Fault]:
    up = "../" * notebook_dir.count("/")  # from the notebook page to the site's top
    return [
        Fault("missing page", "about", '<a href="bench-missing-page/">x</a>', "bench-missing-page"),
        Fault("missing anchor", "about", '<a href="../#bench-missing-anchor">x</a>', "bench-missing-anchor"),
        Fault("missing anchor on the same page", "about", '<a href="#bench-same-page">x</a>', "bench-same-page"),
        Fault("missing image", "home", '<img src="assets/bench-missing-image.png" alt="x">', "bench-missing-image"),
        Fault("broken srcset", "home",
              '<img src="assets/images/favicon.png" srcset="assets/images/favicon.png 1x, assets/bench-missing-2x.png 2x" alt="x">',
              "bench-missing-2x"),
        Fault("empty src", "home", '<img src="" alt="bench-empty-src">', "bench-empty-src"),
        Fault("bad link in a notebook page", "notebook", '<a href="bench-missing-from-notebook/">x</a>',
              "bench-missing-from-notebook"),
        Fault("bad anchor into a notebook page", "about",
              f'<a href="../{notebook_dir}/#bench-missing-notebook-anchor">x</a>', "bench-missing-notebook-anchor"),
        Fault("missing stylesheet", "about", '<link rel="stylesheet" href="bench-missing.css">', "bench-missing.css", True),
        Fault("missing script", "notebook", f'<script src="{up}assets/bench-missing.js"></script>', "bench-missing.js"),
        Fault("link outside the base path", "home", '<a href="/bench-outside-base/">x</a>', "bench-outside-base"),
    ]


def seed(site: Path, notebook_page: str) -> list[Fault]:
    pages = {"home": "index.html", "about": "about/index.html", "notebook": notebook_page}
    seeded = faults(notebook_page.rsplit("/", 1)[0])
    for fault in seeded:
        path = site / pages[fault.page]
        text = path.read_text(encoding="utf-8")
        anchor = "</head>" if fault.in_head else "</article>"
        if anchor not in text:
            raise SystemExit(f"{pages[fault.page]}: no {anchor} to seed a fault before")
        path.write_text(text.replace(anchor, f"{fault.html}\n{anchor}", 1), encoding="utf-8")
    return seeded


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@dataclass
class Timing:
    wall: float
    cpu: float


def timed_command(command: list[str], **options) -> tuple[subprocess.CompletedProcess, Timing]:
    started, cpu = time.perf_counter(), _children_cpu()
    run = subprocess.run(command, capture_output=True, text=True, **options)
    return run, Timing(time.perf_counter() - started, _children_cpu() - cpu)


def our_findings(site: Path, seeded: list[Fault], runs: int):
    results = [check_links.run(site, ROOT) for _ in range(runs)]
    result = min(results, key=lambda r: r.seconds)
    _, command = timed_command([sys.executable, str(ROOT / "scripts" / "check_links.py"), str(site)])
    text = "\n".join(p.message for p in result.problems)
    empty = any(p.code == "LNK105" and "on built page index.html" in p.message for p in result.problems)
    found = {f.name: (f.marker in text) or (f.name == "empty src" and empty) for f in seeded}
    return result, command, found


class _Handler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self):
        self.send_header("LinkChecker", "1")  # lets LinkChecker use its configured rate for this host
        super().end_headers()

    def log_message(self, *args):
        pass


def linkchecker_findings(serve_root: Path, base_path: str, seeded: list[Fault]):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(serve_root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    config = serve_root / "linkcheckerrc"
    config.write_text("[checking]\nmaxrequestspersecond=1000\n[AnchorCheck]\n", encoding="utf-8")
    config.chmod(0o644)  # LinkChecker run as root drops to the user nobody, who must read it
    start = f"http://127.0.0.1:{server.server_address[1]}{base_path}"
    try:
        run, timing = timed_command([str(LINKCHECKER), "-f", str(config), "--no-status", "-v", "-o", "csv", start],
                                    cwd=serve_root)
    finally:
        server.shutdown()
        server.server_close()
    rows = [row for row in csv.DictReader(io.StringIO("\n".join(
        line for line in run.stdout.splitlines() if not line.startswith("#"))), delimiter=";")]
    bad = [row for row in rows if row.get("valid") != "True" or "Anchor" in (row.get("warningstring") or "")]
    found = {}
    for fault in seeded:
        if fault.name == "empty src":
            found[fault.name] = any(not row.get("urlname") for row in bad)
        else:
            found[fault.name] = any(fault.marker in (row.get("urlname") or "") for row in bad)
    return len(rows), timing, found, run


def build_site(folder: Path) -> Path:
    site = folder / "built"
    print("building the site ...", file=sys.stderr)
    run = mkdocs_run.build(ROOT, site, strict=False)
    if not (site / "index.html").exists():
        raise SystemExit(f"the site did not build:\n{run.stdout[-3000:]}{run.stderr[-3000:]}")
    return site


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, help="a built site (default: build one now)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of check_links.py; the best counts (3)")
    options = parser.parse_args(argv)
    if not LINKCHECKER.exists():
        print(f"{LINKCHECKER}: LinkChecker is not installed. Run `make setup`.", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="bench-links-") as temp:
        folder = Path(temp)
        folder.chmod(0o755)
        source = options.site or build_site(folder)
        source_map = load_source_map(source)
        site_url = source_map.site_url or check_links._site_url_from_config(ROOT)
        base_path = "/" + site_url.split("://", 1)[-1].split("/", 1)[-1] if "://" in site_url else "/"
        base_path = base_path if base_path.endswith("/") else base_path + "/"
        serve_root = folder / "serve"
        site = serve_root / base_path.strip("/") if base_path != "/" else serve_root
        shutil.copytree(source, site)
        for path in [serve_root, *serve_root.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        notebooks = [page for page, entry in source_map.pages.items() if str(entry.get("source", "")).endswith(".py")]
        if not notebooks:
            print("the site has no notebook page to seed faults into", file=sys.stderr)
            return 2
        seeded = seed(site, sorted(notebooks)[0])

        result, command, ours = our_findings(site, seeded, max(1, options.runs))
        urls, theirs_time, theirs, run = linkchecker_findings(serve_root, base_path, seeded)

    stats = result.stats
    print(f"{'':16}{'pages':>6}{'links':>7}{'anchors':>8}{'wall':>9}{'CPU':>9}")
    print(f"{'check_links.py':16}{stats.pages:>6}{stats.links:>7}{stats.anchors_checked:>8}"
          f"{result.seconds:>8.2f}s{result.cpu_seconds:>8.2f}s   checking only (best of {max(1, options.runs)})")
    print(f"{'':16}{'':>6}{'':>7}{'':>8}{command.wall:>8.2f}s{command.cpu:>8.2f}s   as a command, with Python's start-up")
    print(f"{'linkchecker':16}{'':>6}{urls:>7}{'':>8}{theirs_time.wall:>8.2f}s{theirs_time.cpu:>8.2f}s"
          f"   distinct URLs crawled over HTTP")
    print(f"ratio (linkchecker / check_links.py command): {theirs_time.wall / command.wall:.1f}x wall time, "
          f"{theirs_time.cpu / max(command.cpu, 1e-6):.1f}x CPU time\n")
    print(f"{'seeded fault':36}{'check_links':>12}{'linkchecker':>12}")
    for fault in seeded:
        print(f"{fault.name:36}{'found' if ours[fault.name] else 'MISSED':>12}{'found' if theirs[fault.name] else 'missed':>12}")
    print(f"\n{sum(ours.values())} of {len(seeded)} found by check_links.py, {sum(theirs.values())} by linkchecker")
    if not theirs:
        print(f"linkchecker output:\n{run.stdout[-2000:]}{run.stderr[-2000:]}", file=sys.stderr)
    missed = [name for name in theirs if theirs[name] and not ours[name]]
    if missed:
        print(f"check_links.py missed what linkchecker found: {', '.join(missed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
