"""The view switch in a real browser: from a module page to the same page in the facilitator
view and back, by keyboard; after the page's content, never its first line; and none on the
public pages, which have no facilitator version."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser
MODULE = "course2/03-observation-and-documents/"


def test_the_view_switch_leads_both_ways_to_the_same_module(page, site_server):
    page.goto(site_server.url(MODULE))
    assert page.locator("details.facilitator").count() == 0, "the learner view shows facilitator notes"
    switch = page.get_by_role("link", name="Open the facilitator view of this page")
    last = page.evaluate("() => [...document.querySelector('article').children].filter(e => e.offsetParent).pop().className")
    assert "pacer-view-switch" in last, f"the view switch is not at the end of the page ({last})"
    switch.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(site_server.url("facilitator/" + MODULE))
    assert page.locator("details.facilitator").count() >= 1, "the facilitator view has no facilitator notes"
    assert "public" in page.locator(".pacer-view-switch").inner_text()
    back = page.get_by_role("link", name="Switch to the learner view of this page")
    back.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(site_server.url(MODULE))
    assert page.locator("h1").first.inner_text() == page.title().split(" - ")[0]


@pytest.mark.parametrize("public", ["", "about/", "about/faq/", "learners/before-you-start/"])
def test_public_pages_have_no_view_switch(page, site_server, public):
    page.goto(site_server.url(public))
    first = page.locator("article").inner_text().strip().splitlines()[0]
    assert "facilitator" not in first.lower(), f"{public or 'the home page'} opens with: {first}"
    assert page.locator(".pacer-view-switch").count() == 0, f"{public or 'the home page'} offers a facilitator view it does not have"
