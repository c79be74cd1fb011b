"""Text the theme shows on hover stays text: hovering every tooltip, navigation label and
table-of-contents entry of the hostile pages, in a real browser, navigates nowhere, opens no
dialog and asks no other host for anything. In the learner view, the facilitator view and the
offline copy (which has no Content-Security-Policy to fall back on).

Material builds its tooltips (for a ``title`` attribute, an abbreviation, a navigation or
table-of-contents label cut short) as HTML from their text; the build makes every such text
plain (scripts/pacer/safety/text.py, and the sanitizer's attribute filter).
"""

from __future__ import annotations

import pytest

from devtools.browser import DESKTOP, SiteServer, is_local, site_prefix
from pacer import mkdocs_run

pytestmark = pytest.mark.browser

PAGES = ["hostile/title-attribute-refresh/", "hostile/link-title-markup/", "hostile/abbreviation-markup/",
         "hostile/long-heading-markup/", "course1/01-hostile/", "described/"]
# Marks what Material may show a tooltip for: an element with a title, an abbreviation, and a
# navigation or table-of-contents label that is cut short (Material's tooltip then shows it whole).
MARK_HOVERABLE = """() => {
  const cutShort = (el) => el.scrollWidth > el.clientWidth + 1;
  const found = [...document.querySelectorAll("article [title], article abbr, .md-header__topic")];
  for (const label of document.querySelectorAll(".md-nav__link .md-ellipsis, .md-nav__link")) {
    if (cutShort(label)) found.push(label.closest(".md-nav__link") || label);
  }
  found.forEach((el, i) => el.setAttribute("data-hover-test", i));
  return found.length;
}"""
TOOLTIP_DELAY = 400  # ms: Material builds a tooltip a moment after the pointer arrives


def _hover_everything(browser, url: str) -> tuple[list[str], int]:
    """What went wrong while hovering each element of a page, and how many were hovered."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(10_000)
    found: list[str] = []
    page.on("dialog", lambda dialog: (found.append(f"a dialog: {dialog.message}"), dialog.dismiss()))
    page.on("request", lambda request: None if is_local(request.url) else found.append(f"a request to {request.url}"))
    try:
        page.goto(url, wait_until="load")
        loaded = page.url
        page.on("framenavigated", lambda frame: found.append(f"navigated to {frame.url}")
                if frame == page.main_frame and frame.url != loaded else None)
        hovered = 0
        for index in range(page.evaluate(MARK_HOVERABLE)):
            element = page.locator(f'[data-hover-test="{index}"]')
            if found or not element.is_visible():
                continue
            element.hover(force=True)  # the mouse goes there, even where a label covers the element
            page.wait_for_timeout(TOOLTIP_DELAY)
            hovered += 1
        page.wait_for_timeout(500)  # a refresh with a delay of 0 fires within this
        return found, hovered
    finally:
        context.close()


@pytest.fixture(scope="module")
def offline_hostile_site(hostile_build, tmp_path_factory):
    """The hostile project built as the offline copy (from disk, no CSP)."""
    site = tmp_path_factory.mktemp("offline-hostile") / "site"
    mkdocs_run.build(hostile_build.project, site, strict=False, env=mkdocs_run.environment(PACER_OFFLINE="true"))
    assert (site / "index.html").is_file(), "the offline copy of the hostile project was not built"
    return site


@pytest.mark.parametrize("view", ["learner", "facilitator"])
def test_hovering_runs_nothing_in_either_view(browser, hostile_build, view):
    within = "facilitator/" if view == "facilitator" else ""
    total = 0
    with SiteServer(hostile_build.site, site_prefix()) as server:
        for path in PAGES:
            assert (hostile_build.site / within / path / "index.html").is_file(), f"{view} view: {path} was not built"
            found, hovered = _hover_everything(browser, server.url(within + path))
            assert not found, f"{view} view, {path}: {found}"
            total += hovered
    assert total >= 2 * len(PAGES), f"only {total} elements were hovered"


def test_hovering_runs_nothing_in_the_offline_copy(browser, offline_hostile_site):
    total = 0
    for path in PAGES:
        # the offline copy names pages NAME.html (no folder addresses from disk)
        file = offline_hostile_site / path / "index.html"
        file = file if file.is_file() else offline_hostile_site / (path.rstrip("/") + ".html")
        found, hovered = _hover_everything(browser, file.as_uri())
        assert not found, f"offline copy, {path}: {found}"
        total += hovered
    assert total >= 2 * len(PAGES), f"only {total} elements were hovered"
