"""Every page of the built site in a real browser: zero axe-core violations (WCAG 2.0/2.1/2.2 A
and AA rules and best practices), no request to any host but 127.0.0.1, and no console error.

Which page is checked in which colour scheme and at which width is planned by
scripts/devtools/audit_plan.py: every page at least once; a page of each kind in both schemes
and at both widths (light at a desktop's 1280 px, dark at a phone's 390 px); every page whose
source changed since main in all four combinations. A page checked at both widths is loaded once: the second width is set on the loaded
page (as when a phone turns), which costs a re-layout instead of a page load.

A facilitator-view page whose content is its learner page's (only the view switch and blank
lines differ) is audited through that learner page; every facilitator page with content of its own
(guides, facilitator notes), and the facilitator home, is audited itself.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from lxml import html

from devtools import audit_plan
from devtools.browser import (DESKTOP, PHONE, ROOT, SCHEMES, describe_violations, is_local, launch_chromium, page_url,
                           run_axe, site_pages)

# One test process runs the whole audit (pytest.ini: --dist loadfile keeps this file in one
# worker); the first test to ask for it waits for all of it.
pytestmark = [pytest.mark.browser, pytest.mark.timeout(1200), pytest.mark.starts_early]

# The palette Material must apply when the system asks for each scheme (see mkdocs.yml palette).
MATERIAL_SCHEME = {"light": "default", "dark": "slate"}
WIDTHS = {"1280px": DESKTOP, "390px": PHONE}
# After a resize: the next frame, then every CSS transition it started (the drawer hides itself
# after its closing slide), so axe sees the page at rest.
SETTLE = """() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() =>
    Promise.all(document.getAnimations().filter(a => a instanceof CSSTransition)
                        .map(a => a.finished.catch(() => null))).then(done))))"""


def _content(page: Path) -> bytes | None:
    """A page's article without its view switch, white space between words and tags made one
    space (the views' templates leave different blank lines where the switch was): what differs
    between the two views."""
    articles = html.parse(str(page)).getroot().cssselect("article.md-content__inner")
    if not articles:
        return None
    for switch in articles[0].cssselect(".pacer-view-switch"):
        switch.drop_tree()
    return re.sub(rb"\s+", b" ", html.tostring(articles[0]))


def pages_to_audit(site: Path) -> list[str]:
    """Every learner page, and the facilitator pages whose content is their own (see above)."""
    pages = []
    for relative in site_pages(site):
        learner = relative.removeprefix("facilitator/")
        if (relative == learner or learner == "index.html" or not (site / learner).is_file()
                or _content(site / relative) != _content(site / learner)):
            pages.append(relative)
    return pages


@dataclass
class PageAudit:
    page: str
    scheme: str = ""
    violations: dict = field(default_factory=dict)   # width -> axe violations
    foreign_requests: list = field(default_factory=list)
    console_errors: list = field(default_factory=list)


@pytest.fixture(scope="session")
def plan(built_site) -> audit_plan.Plan:
    return audit_plan.plan(built_site.site, pages_to_audit(built_site.site), ROOT)


@pytest.fixture(scope="session")
def audits(browser, site_server, plan):
    """Every page audited as planned, the two colour schemes side by side.

    axe-core's colour-contrast rule takes seconds on a long page, so each scheme runs in its
    own thread with its own Chromium (Playwright objects cannot be shared between threads).
    The ``browser`` fixture has already shown that Chromium starts.
    """
    results: dict[str, list[PageAudit]] = {}
    errors: dict[str, BaseException] = {}

    def run(scheme: str) -> None:
        try:
            results[scheme] = _audit_site(site_server, scheme, plan.for_scheme(scheme))
        except BaseException as error:  # re-raised in the test that asks for this scheme
            errors[scheme] = error

    threads = [threading.Thread(target=run, args=(scheme,)) for scheme in SCHEMES]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    def audit(scheme: str) -> list[PageAudit]:
        if scheme in errors:
            raise errors[scheme]
        return results[scheme]

    return audit


def _audit_site(site_server, scheme: str, planned: list[tuple[str, list[str]]]) -> list[PageAudit]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        context = chromium.new_context(color_scheme=scheme, viewport=DESKTOP)
        page = context.new_page()
        page.set_default_timeout(30_000)
        current: list[PageAudit] = []
        width_now = "1280px"
        page.on("request", lambda r: None if is_local(r.url) else current[-1].foreign_requests.append(r.url))
        page.on("console", lambda m: current[-1].console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: current[-1].console_errors.append(f"uncaught: {error}"))
        try:
            for relative, widths in planned:
                audit = PageAudit(relative)
                current.append(audit)
                # The page loads at the width the last one ended with, if it is checked at that width.
                widths = sorted(widths, key=lambda width: width != width_now)
                if widths[0] != width_now:
                    page.set_viewport_size(WIDTHS[widths[0]])
                    width_now = widths[0]
                page.goto(site_server.url(page_url(relative)), wait_until="load")
                audit.scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme') || ''")
                for turn, width in enumerate(widths):
                    if turn:
                        page.set_viewport_size(WIDTHS[width])
                        page.evaluate(SETTLE)
                        width_now = width
                    audit.violations[width] = run_axe(page)
        finally:
            chromium.close()
        return current


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_page_passes_axe(audits, scheme, width):
    results = audits(scheme)
    assert len(results) > 10, f"only {len(results)} pages were found in the built site"
    wrong_scheme = [a.page for a in results if a.scheme != MATERIAL_SCHEME[scheme]]
    assert not wrong_scheme, f"these pages did not switch to the {scheme} scheme: {wrong_scheme[:5]}"
    checked = [a for a in results if width in a.violations]
    assert len(checked) > 10, f"axe ran at {width} in the {scheme} scheme on {len(checked)} pages only"
    failing = [a for a in checked if a.violations[width]]
    report = "\n".join(f"{a.page} ({scheme}, {width}):\n{describe_violations(a.violations[width])}" for a in failing)
    if failing:
        pytest.fail(f"{len(failing)} of {len(checked)} pages break axe-core rules in the {scheme} scheme at {width}:\n{report}")


@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_page_requests_another_host(audits, scheme):
    results = audits(scheme)
    assert len(results) > 10, f"only {len(results)} pages were audited"
    failing = [a for a in results if a.foreign_requests]
    report = "\n".join(f"{a.page}: {', '.join(sorted(set(a.foreign_requests)))}" for a in failing)
    if failing:
        pytest.fail(f"pages that ask another host for something (the site must load nothing from elsewhere):\n{report}")


@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_page_logs_a_console_error(audits, scheme):
    results = audits(scheme)
    assert len(results) > 10, f"only {len(results)} pages were audited"
    failing = [a for a in results if a.console_errors]
    report = "\n".join(f"{a.page}: {' | '.join(a.console_errors)}" for a in failing)
    if failing:
        pytest.fail(f"pages that log errors in the browser console:\n{report}")


def test_facilitator_pages_with_their_own_content_are_audited(built_site):
    audited = pages_to_audit(built_site.site)
    facilitator = [page for page in audited if page.startswith("facilitator/")]
    # guides and pages with facilitator notes differ from their learner page; the home page is always audited
    assert "facilitator/index.html" in facilitator
    assert any(page.startswith("facilitator/guides/") for page in facilitator), facilitator
    every = site_pages(built_site.site)
    learner = [page for page in every if not page.startswith("facilitator/")]
    assert set(learner) <= set(audited), "every learner page is audited"
    # a facilitator page left out has a learner twin with the same content, which is audited
    for page in set(every) - set(audited):
        twin = page.removeprefix("facilitator/")
        assert twin in audited and _content(built_site.site / page) == _content(built_site.site / twin), page


def test_every_page_is_checked_and_every_kind_in_both_schemes_and_widths(built_site, plan):
    audited = pages_to_audit(built_site.site)
    assert set(plan.checks) == set(audited), "a page is left out of the accessibility pass"
    kinds = {audit_plan.kind(page, (built_site.site / page).read_text(encoding="utf-8")) for page in audited}
    covered = {audit_plan.kind(page, (built_site.site / page).read_text(encoding="utf-8")) for page in plan.full}
    assert kinds == covered, f"kinds of page never checked in both schemes and widths: {kinds - covered}"
    for page in plan.full:
        pairs = plan.checks[page]
        assert {s for s, _ in pairs} == set(audit_plan.SCHEMES) and {w for _, w in pairs} == set(audit_plan.WIDTHS), page
    assert {"home", "module", "notebook", "workbook template", "facilitator:guide"} <= kinds, kinds
    every_combination = {pair for pairs in plan.checks.values() for pair in pairs}
    assert every_combination == set(audit_plan.COMBINATIONS)
