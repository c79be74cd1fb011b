"""Check every link, anchor and asset in the built site, notebook pages included.

Usage: python scripts/check_links.py [SITE_DIR] [--external]   (default SITE_DIR: site/)

MkDocs checks the links written in Markdown. It does not see links inside notebook pages
(their Markdown cells are rendered by nbconvert), in raw HTML, in theme templates, or to other
hosts. This checker reads the built pages themselves. Each problem names the source file to
fix (Markdown page, notebook .py or theme template, found through the map the build writes,
scripts/pacer/links/source_map.py), the line, and the built page it was found on.

With --external it also asks other hosts whether their pages still exist (needs the internet;
answers are cached in .cache/check-links/ for some days).
Exit status: 0 no problems, 1 problems found, 2 the check could not run.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from pacer import mkdocs_run
from pacer.links import external as external_links
from pacer.links import built as site_links
from pacer.links import leaks
from pacer.links.sources import Locator, load_source_map
from pacer.paths import ROOT, rel
from pacer.rules import message
from pacer.report import EXIT_CANNOT_RUN, Problem, emit

EXTERNAL_BROKEN = site_links.EXTERNAL_BROKEN
CACHE_FILE = Path(".cache") / "check-links" / "external.json"
PAGES_SHOWN = 3


class NoNetwork(RuntimeError):
    """Not one host answered: the check cannot tell broken links from a missing connection."""


@dataclass
class Result:
    problems: list[Problem]
    stats: site_links.Stats
    seconds: float       # wall-clock time
    cpu_seconds: float   # processor time of this process (steady when the machine is busy)
    source_map_found: bool


def _describe(link: site_links.Link) -> str:
    value = link.value if len(link.value) <= 80 else link.value[:77] + "..."
    return f'<{link.tag} {link.attribute}="{value}">'


def _pages_text(places: list[tuple[str, int]]) -> str:
    lines: dict[str, list[int]] = defaultdict(list)
    for page, line in sorted(places):
        lines[page].append(line)
    if len(lines) == 1:
        (page, numbers), = lines.items()
        return f"on built page {page} (line{'s' if len(numbers) > 1 else ''} {', '.join(map(str, numbers))})"
    names = sorted(lines)
    shown = ", ".join(names[:PAGES_SHOWN])
    more = f" and {len(names) - PAGES_SHOWN} more" if len(names) > PAGES_SHOWN else ""
    return f"on {len(names)} built pages ({shown}{more})"


def to_problems(findings: list[site_links.Finding], locator: Locator, site_label: str) -> list[Problem]:
    """One problem per place to fix: a template fault seen on every page is reported once, and
    a fault copied into a generated page (a course's print page) is reported with its source."""
    groups: dict[tuple, list[site_links.Finding]] = defaultdict(list)
    by_target: dict[tuple[str, str], tuple] = {}
    copies = []
    columns: dict[tuple, int] = {}
    # The main view's pages first, so a fault is described as it is there.
    findings = sorted(findings, key=lambda f: locator.map.same_in_every_view(f.link.page) != f.link.page)
    for finding in findings:
        # the same fault in both views (learner and facilitator) is one thing to fix
        target = (finding.code, locator.map.same_in_every_view(finding.target or finding.link.value))
        if locator.is_generated(finding.link.page):
            copies.append((finding, target))
            continue
        path, line, column = locator.locate(finding, site_label)
        key = (path, line, *target)
        columns.setdefault(key, column)
        groups[key].append(finding)
        by_target.setdefault(target, key)
    for finding, target in copies:
        key = by_target.get(target)
        if key is None:
            path, line, column = locator.locate(finding, site_label)
            key = (path, line, *target)
            columns.setdefault(key, column)
        groups[key].append(finding)
    problems = []
    for key, group in groups.items():
        path, line, code, _target = key
        first = group[0]
        places = [(f.link.page, f.link.line) for f in group]
        problems.append(Problem(path, line, columns[key], code,
                                f"{_describe(first.link)} {_pages_text(places)}: {first.detail}"))
    return problems


def check_external(external: list[tuple[site_links.Link, str]], options) -> list[site_links.Finding]:
    cache = None if options.no_cache else external_links.Cache(options.cache_file, options.cache_days * 86400)
    checker = external_links.ExternalChecker(
        timeout=options.timeout, retries=options.retries, backoff=options.backoff, max_wait=options.max_wait,
        workers=options.workers, cache=cache, ignored_hosts=(*external_links.IGNORED_HOSTS, *options.ignore_host))
    answers = checker.check_all([url for _, url in external])
    if len(answers) >= 2 and all(a.status is None for a in answers.values()):
        raise NoNetwork(f"no host answered ({next(iter(answers.values())).message}): is this computer online?")
    findings = []
    for link, url in external:
        answer = answers.get(url)
        if answer is not None and not answer.ok:
            findings.append(site_links.Finding(
                link, EXTERNAL_BROKEN,
                f"{url} does not work: {answer.message}. Open it in a browser; if it moved, use its new "
                f"address, or cite the source through the bibliography instead.", url))
    return findings


def run(site: Path, root: Path = ROOT, site_url: str | None = None, options=None) -> Result:
    """Check the built site in ``site``; sources are looked up under ``root``."""
    started, cpu_started = time.perf_counter(), time.process_time()
    source_map = load_source_map(site)
    site_url = site_url if site_url is not None else source_map.site_url or _site_url_from_config(root)
    built, findings = site_links.load_site(site, site_url)
    stats = site_links.Stats()
    more, external = site_links.check_site(built, stats)
    findings += more
    if options is not None and options.external:
        findings += check_external(external, options)
    problems = to_problems(findings, Locator(root, source_map, built.base_path), rel(site, root))
    problems += [Problem(rel(site, root) + "/" + built_file, 1, 1, "LNK110", message(
        "LNK110", f"the built file {built_file} is a copy of {source}, which is not part of the site's content"))
        for built_file, source in leaks.copies(site, root)]
    return Result(problems, stats, time.perf_counter() - started, time.process_time() - cpu_started, source_map.found)


def _site_url_from_config(root: Path) -> str:
    """site_url from mkdocs.yml, read as MkDocs reads it."""
    return str(mkdocs_run.config(root).get("site_url") or "")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, default=ROOT / "site", help="the built site (default: site/)")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project the site was built from (default: this one)")
    parser.add_argument("--site-url", help="the published address (default: site_url recorded by the build)")
    external = parser.add_argument_group("links to other hosts")
    external.add_argument("--external", action="store_true", help="also check http(s) links to other hosts")
    external.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for each answer (10)")
    external.add_argument("--retries", type=int, default=2, help="times to ask again after a failure (2)")
    external.add_argument("--backoff", type=float, default=1.0, help="first pause before asking again, doubled each time (1 s)")
    external.add_argument("--max-wait", type=float, default=60.0, help="longest pause a server may ask for (60 s)")
    external.add_argument("--workers", type=int, default=8, help="requests at the same time (8; at most 2 per host)")
    external.add_argument("--ignore-host", action="append", default=[], metavar="HOST",
                          help="do not check links to this host (and its subdomains); may be repeated")
    external.add_argument("--cache-file", type=Path, default=None, help="where answers are kept (.cache/check-links/external.json)")
    external.add_argument("--cache-days", type=float, default=7.0, help="how long a good answer is trusted (7 days)")
    external.add_argument("--no-cache", action="store_true", help="ask every host again")
    options = parser.parse_args(argv)
    if options.cache_file is None:
        options.cache_file = options.root / CACHE_FILE
    return options


def main(argv=None) -> int:
    options = parse_args(argv)
    site = options.site
    if not (site / "index.html").is_file():
        print(f"{rel(site)}: no built site here (no index.html). Build it first: make build "
              f"(or mkdocs build -d {rel(site)}), then run this check again.", file=sys.stderr)
        return EXIT_CANNOT_RUN
    try:
        result = run(site, options.root, options.site_url, options)
    except NoNetwork as error:
        print(f"{rel(site)}: the check of links to other hosts could not run: {error}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    except Exception as error:  # report, do not crash: the problem is in the check, not the site
        print(f"{rel(site)}: the link check could not run ({type(error).__name__}: {error}).", file=sys.stderr)
        return EXIT_CANNOT_RUN
    if not result.source_map_found:
        print(f"{rel(site)}: the build left no .source-map.json, so problems name built pages only. "
              "Build with this project's mkdocs.yml (its plugin writes the map: scripts/pacer/links/source_map.py).",
              file=sys.stderr)
    status = emit(result.problems)
    sys.stdout.flush()
    stats = result.stats
    print(f"checked {stats.pages} pages, {stats.links} links, {stats.anchors_checked} anchors "
          f"({stats.anchors_known} ids), {stats.external} links to other hosts"
          f"{'' if options.external else ' (not checked; use --external)'} in {result.seconds:.2f} s ({result.cpu_seconds:.2f} s of processor time)", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
