"""The view switch in a real browser: from a module page to the same page in the facilitator
view and back, by keyboard."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser
MODULE = "course2/03-observation-and-documents/"


def test_the_view_switch_leads_both_ways_to_the_same_module(page, site_server):
    page.goto(site_server.url(MODULE))
    assert page.locator("details.facilitator").count() == 0, "the learner view shows facilitator notes"
    switch = page.get_by_role("link", name="Switch to the facilitator view of this page")
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
