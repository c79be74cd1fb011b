"""Someone thinking of joining, or a sponsor, lands on the home page: how to apply, what it costs
and how long it takes are each one tap away, and the answer they reach is the one they asked
for, shown whole (not spilt outside its question), on a phone and on a desktop. The first
thing the page says is about PaCER, not about facilitators."""

from __future__ import annotations

import re

import pytest

from devtools.browser import DESKTOP, PHONE, screenshot

pytestmark = pytest.mark.browser

QUESTIONS = {  # what a visitor looks for -> words the answer they reach must hold
    "apply": re.compile(r"sponsor", re.IGNORECASE),
    "cost": re.compile(r"fee|cost", re.IGNORECASE),
    "long": re.compile(r"12 months|twelve months|year", re.IGNORECASE),
}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("question", list(QUESTIONS))
def test_each_question_is_answered_one_tap_from_the_home_page(browser, site_server, viewport, question):
    context = browser.new_context(viewport=viewport, is_mobile=viewport == PHONE, has_touch=viewport == PHONE)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto(site_server.url(""))
        first = page.locator("article").inner_text().strip().split("\n")[0]
        assert "facilitator" not in first.lower(), f"the home page opens with: {first}"
        link = page.locator("article a", has_text=re.compile(question, re.IGNORECASE)).first
        assert link.count(), f"the home page has no link about '{question}'"
        link.scroll_into_view_if_needed()
        with page.expect_navigation():
            link.tap() if viewport == PHONE else link.click()
        target = page.evaluate("() => decodeURIComponent(location.hash.slice(1))")
        answer = page.locator(f"[id='{target}']") if target else page.locator("article")
        # A question on the FAQ is a collapsible block: its answer is the block's whole text.
        block = answer.locator("xpath=ancestor-or-self::details[1]") if target else answer
        block = block if block.count() else answer
        if block.evaluate("el => el.tagName") == "DETAILS" and not block.evaluate("el => el.open"):
            block.locator("summary").first.click()
        text = block.inner_text()
        assert QUESTIONS[question].search(text), f"'{question}' leads to an answer without the words asked for: {text[:300]}"
        screenshot(page, f"public-{question}-{viewport['width']}")
    finally:
        context.close()
