"""The sanitizer alone, fast: every hostile input of the corpus (conftest.HOSTILE_PAGES) comes out
of scripts/pacer/safety/sanitize.py with no form that could run code or load from another host,
the text around it kept, and what it removed reported. The hostile build (test_hostile.py)
checks the same inputs through the whole build."""

from __future__ import annotations

import pytest
from lxml import html

from conftest import HOSTILE_PAGES
from hostile_forms import executable_or_external
from pacer.safety import sanitize

# Inputs Markdown itself makes harmless, or that the sanitizer publishes as text (tooltips).
PUBLISHED_AS_TEXT = {"markdown-javascript-link", "link-title-markup", "abbreviation-markup", "long-heading-markup",
                     "title-attribute-refresh"}


def _cleaned(payload: str):
    content = f"<p>Before.</p>\n{payload}\n<p>After.</p>"
    return html.document_fromstring(f"<html><body><article>{sanitize.clean(content)}</article></body></html>"), content


@pytest.mark.parametrize("name", list(HOSTILE_PAGES))
def test_no_hostile_input_leaves_the_sanitizer_able_to_run_or_load(name):
    document, content = _cleaned(HOSTILE_PAGES[name])
    assert executable_or_external(document) == [], name
    text = document.text_content()
    assert "Before." in text and "After." in text, f"{name}: the text around the input was lost"
    if name not in PUBLISHED_AS_TEXT and "<" in HOSTILE_PAGES[name]:
        assert sanitize.removed(content), f"{name}: the sanitizer removed something but reported nothing"


@pytest.mark.parametrize("value", ['<meta http-equiv=refresh content="0;url=https://evil.example/">',
                                   "<img src=x onerror=alert(1)>", "a < b > c"])
def test_a_title_keeps_its_text_and_can_hold_no_element(value):
    document, _ = _cleaned(f'<span title="{value.replace(chr(34), "&quot;")}">word</span>')
    title = document.cssselect("span[title]")[0].get("title")
    assert "<" not in title and ">" not in title, title
    assert title.replace("\u2039", "<").replace("\u203a", ">") == value, "the title's text changed beyond its brackets"
