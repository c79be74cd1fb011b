"""The learning loop in a real browser: self-checks answered by keyboard, feedback announced,
answers reachable without JavaScript, progress through a module's parts kept over a reload,
and axe-core with zero violations on a module page with a question answered (light and dark)."""

from __future__ import annotations

import pytest

from devtools.browser import DESKTOP, describe_violations, run_axe

pytestmark = pytest.mark.browser
MODULE = "course2/01-interviewing/"


def _first_question(page):
    return page.locator(".pacer-self-check").first


def _choose_by_keyboard(page, question, correct: bool):
    """Tab to the first option, then move with the arrow keys to a right (or wrong) option."""
    options = question.locator(".pacer-self-check__option")
    wanted = next(i for i in range(options.count())
                  if (options.nth(i).get_attribute("data-correct") == "true") == correct)
    question.locator("input").first.focus()
    if wanted == 0:
        page.keyboard.press("Space")  # a focused radio button is chosen with Space
    for _ in range(wanted):
        page.keyboard.press("ArrowDown")  # moving with the arrows chooses the next one
    assert question.locator("input").nth(wanted).is_checked()
    return options.nth(wanted)


@pytest.mark.parametrize("correct", [True, False], ids=["right answer", "wrong answer"])
def test_a_self_check_is_answered_by_keyboard_and_its_feedback_announced(page, site_server, correct):
    page.goto(site_server.url(MODULE))
    question = _first_question(page)
    assert question.locator("fieldset legend").count() == 1
    option = _choose_by_keyboard(page, question, correct)
    page.keyboard.press("Tab")  # to "Check my answer"
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Check my answer"
    page.keyboard.press("Enter")
    result = question.locator(".pacer-self-check__result")
    assert result.get_attribute("aria-live") == "polite" and result.get_attribute("role") == "status"
    feedback = option.locator(".pacer-self-check__feedback")
    assert feedback.is_visible()
    announced = result.inner_text()
    assert announced.startswith("Right answer." if correct else "Not the answer yet.")
    assert feedback.inner_text().strip() in announced


def test_without_javascript_the_answers_are_in_a_collapsed_block(browser, site_server):
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    page = context.new_page()
    page.goto(site_server.url(MODULE))
    question = _first_question(page)
    answers = question.locator("details.pacer-self-check__answers")
    assert answers.count() == 1 and answers.get_attribute("open") is None
    assert not question.locator(".pacer-self-check__check").is_visible(), "the button does nothing without JavaScript"
    answers.locator("summary").click()
    assert "Correct:" in answers.inner_text() and "Not correct:" in answers.inner_text()
    context.close()


def test_progress_through_parts_survives_a_reload(page, site_server):
    page.goto(site_server.url(MODULE))
    parts = page.locator("[data-pacer-parts] li[data-pacer-part]")
    assert parts.count() >= 4
    button = page.get_by_role("button", name="I have finished this part").first
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-pressed") == "true"
    page.reload()
    assert page.get_by_role("button", name="I have finished this part").first.get_attribute("aria-pressed") == "true"
    assert "finished" in parts.first.inner_text()
    resume = page.locator(".pacer-resume a")
    assert resume.count() == 1 and resume.get_attribute("href") == "#" + parts.nth(1).get_attribute("data-pacer-part")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_module_page_with_an_answered_question_has_no_axe_violations(browser, site_server, scheme):
    context = browser.new_context(color_scheme=scheme, viewport=DESKTOP)
    page = context.new_page()
    page.goto(site_server.url(MODULE))
    question = _first_question(page)
    _choose_by_keyboard(page, question, correct=False)
    question.locator(".pacer-self-check__check").click()
    question.locator("details.pacer-self-check__answers summary").click()
    violations = run_axe(page)
    context.close()
    assert violations == [], describe_violations(violations)
