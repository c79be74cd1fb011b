"""Progress in a real browser: a learner marks a module as done (a toggle button with
aria-pressed and a polite live region), sees it on the course page, and nothing is sent anywhere:
it lives in this browser's localStorage only."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from devtools.browser import ROOT, is_local

pytestmark = pytest.mark.browser


def first_module() -> str:
    modules = sorted((ROOT / "course2").glob("[0-9][0-9]-*/index.md"))
    assert modules, "course2 has no module"
    return f"course2/{modules[0].parent.name}"


def test_marking_a_module_done_shows_on_the_course_page(page, site_server):
    module = first_module()
    requests = []
    page.on("request", lambda r: requests.append((r.method, r.url)))
    page.goto(site_server.url(module + "/"))
    assert page.locator(f"[data-pacer-module='{module}']").count() >= 1, \
        f"{module}/: the module header has no data-pacer-module attribute"
    button = page.get_by_role("button", name="I have finished this module")
    assert button.get_attribute("aria-pressed") == "false"
    status = page.locator(".pacer-progress [role=status]")
    assert status.get_attribute("aria-live") == "polite"

    button.focus()
    page.keyboard.press("Space")  # by keyboard, as a screen-reader or keyboard user would
    assert button.get_attribute("aria-pressed") == "true"
    assert "marked as done" in status.inner_text()
    stored = page.evaluate("JSON.parse(localStorage.getItem('pacer-progress'))")
    assert module in stored, f"progress not saved in localStorage: {stored}"

    page.goto(site_server.url("course2/"))
    rows = page.locator("tr[data-pacer-module]")
    assert rows.count() >= 1, "course2/: the module table has no rows with data-pacer-module"
    done_row = page.locator(f"tr[data-pacer-module='{module}']")
    # progress.js marks the rows in a task of its own, just after the page is ready: wait for it.
    expect(done_row, "the finished module is not marked Done on the course page").to_contain_text("Done")
    other_rows = [r for r in rows.all() if r.get_attribute("data-pacer-module") != module]
    assert all("Done" not in r.inner_text() for r in other_rows), "modules not finished are marked Done"
    summary = page.locator(".pacer-progress__summary").inner_text()
    assert re.search(rf"1 of {rows.count()} modules", summary), summary

    page.goto(site_server.url(module + "/"))
    button = page.get_by_role("button", name="I have finished this module")
    assert button.get_attribute("aria-pressed") == "true", "the module does not remember it is done"
    button.press("Enter")
    assert button.get_attribute("aria-pressed") == "false"
    assert module not in page.evaluate("JSON.parse(localStorage.getItem('pacer-progress'))")

    sent = [(m, u) for m, u in requests if m != "GET" or not is_local(u)]
    assert not sent, f"progress must never be sent anywhere, but these requests were made: {sent}"


def test_progress_is_kept_per_browser_not_shared(browser, site_server):
    """Another browser profile (another learner on a shared computer) starts with nothing done."""
    module = first_module()
    first = browser.new_context()
    second = browser.new_context()
    try:
        page = first.new_page()
        page.goto(site_server.url(module + "/"))
        button = page.get_by_role("button", name="I have finished this module")
        button.click()
        assert button.get_attribute("aria-pressed") == "true", "the first learner could not mark the module"
        other = second.new_page()
        other.goto(site_server.url(module + "/"))
        assert other.get_by_role("button", name="I have finished this module").get_attribute("aria-pressed") == "false"
    finally:
        first.close()
        second.close()
