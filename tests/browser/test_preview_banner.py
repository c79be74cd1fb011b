"""A pull request's preview in a real browser, served where it is published (pr-preview/pr-12/
under the site's path): its banner is at the top of the page, passes axe in both colour schemes
at phone and desktop widths and shows a visible focus ring; and what a learner saves there
(progress, reading preferences) is kept under the preview's own keys, apart from the published
course's, which shares the origin."""

from __future__ import annotations

import json

import pytest

from conftest import PREVIEW_NUMBER
from devtools.browser import DESKTOP, PHONE, SiteServer, describe_violations, run_axe, site_prefix

pytestmark = pytest.mark.browser

MODULE = "course2/01-preview/"
PREFIX = f"pr-{PREVIEW_NUMBER}:"


@pytest.fixture(scope="module")
def preview_server(preview_site):
    with SiteServer(preview_site.site, f"{site_prefix()}pr-preview/pr-{PREVIEW_NUMBER}/") as server:
        yield server


def storage(page) -> dict:
    return page.evaluate("() => Object.fromEntries(Object.keys(localStorage).map(k => [k, localStorage.getItem(k)]))")


@pytest.mark.parametrize("width", [PHONE, DESKTOP], ids=["390px", "1280px"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_banner_is_seen_first_and_passes_axe(browser, preview_server, scheme, width):
    context = browser.new_context(color_scheme=scheme, viewport=width)
    try:
        page = context.new_page()
        page.goto(preview_server.url(MODULE))
        banner = page.locator(".md-banner .pacer-preview-banner")
        assert banner.is_visible()
        box = banner.bounding_box()
        assert box["y"] < 40 and box["x"] >= 0 and box["x"] + box["width"] <= width["width"], box
        assert f"Preview of pull request #{PREVIEW_NUMBER}, not the published course." in banner.inner_text()
        violations = run_axe(page)
        assert not violations, f"{scheme} at {width['width']} px:\n{describe_violations(violations)}"
        # the keyboard reaches the banner's links before the page's, and the focus ring shows on the bar
        link = page.get_by_role("link", name=f"Pull request #{PREVIEW_NUMBER} on GitHub")
        link.focus()
        ring = link.evaluate("a => { const s = getComputedStyle(a); return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }")
        assert ring == ["solid", "3px", "rgb(255, 255, 255)"], ring
    finally:
        context.close()


def test_progress_and_preferences_saved_in_the_preview_stay_apart_from_the_courses(page, preview_server):
    # What the published course saved before, on the same origin: the largest text size.
    page.goto(preview_server.url(MODULE))
    page.evaluate("localStorage.setItem('pacer-reading-preferences', JSON.stringify({size: '3'}))")
    page.reload()
    assert page.evaluate("document.documentElement.getAttribute('data-pacer-size')") is None, \
        "the preview applied the published course's reading preferences"
    # Saved in the preview: a module marked as finished, and a reading preference.
    page.get_by_role("button", name="I have finished this module").click()
    page.click("[data-pacer-prefs-toggle]")
    page.get_by_label("Larger", exact=True).check()
    saved = storage(page)
    assert json.loads(saved[PREFIX + "pacer-progress"]), saved
    assert json.loads(saved[PREFIX + "pacer-reading-preferences"]) == {"size": "2"}, saved
    assert "pacer-progress" not in saved, "the preview wrote the published course's progress"
    assert json.loads(saved["pacer-reading-preferences"]) == {"size": "3"}, "the preview changed the course's preferences"
    # The preview's own choice holds across a reload. Every key written here is the preview's:
    # the site's under its prefix, Material's (the colour scheme) under the preview's path.
    page.reload()
    assert page.evaluate("document.documentElement.getAttribute('data-pacer-size')") == "2"
    written = [key for key in storage(page) if key != "pacer-reading-preferences"]
    material = [key for key in written if key.startswith("/")]
    assert material and all(key.startswith(f"{site_prefix()}pr-preview/pr-{PREVIEW_NUMBER}/.") for key in material), material
    assert all(key.startswith(PREFIX) for key in written if key not in material), written
