"""Notebook pages for readers who are not programmers, in a real browser at a phone's width
(390 px) and a laptop's (1280 px): every table column in view, code folded behind a
keyboard-reachable "Show the code", set-up cells not shown, and the download offered."""

from __future__ import annotations

import pytest

from devtools.browser import SCHEMES, describe_violations, run_axe

pytestmark = pytest.mark.browser

NOTEBOOK_PAGES = [
    "course1/05-set-co-designing-the-research-focus/recurring-concerns/",
    "course2/05-coding/apply-codebook/",
    "course2/05-coding/compare-coders/",
    "course2/06-codes-to-themes/theme-map/",
    "course2/06-codes-to-themes/framework-matrix/",
    "course3/04-sharing-findings/plain-language-readability/",
]
WIDTHS = (390, 1280)

# For each table body cell: is it inside the page's width and wide enough to read, and, in a
# stacked card, does it show its column's name?
CELLS_IN_VIEW = """() => {
  const width = document.documentElement.clientWidth;
  const problems = [];
  for (const table of document.querySelectorAll('.jupyter-wrapper table')) {
    const caption = table.caption ? table.caption.textContent.trim() : '(a table without caption)';
    for (const cell of table.querySelectorAll('tbody td, tbody th')) {
      const box = cell.getBoundingClientRect();
      const label = cell.getAttribute('data-label') || '';
      const before = getComputedStyle(cell, '::before').content;
      const stacked = getComputedStyle(cell).display === 'block';
      if (box.left < 0 || box.right > width + 0.5) problems.push(`${caption}: column "${label}" is outside the page`);
      else if (cell.textContent.trim() && box.width < 40) problems.push(`${caption}: column "${label}" is ${Math.round(box.width)} px wide`);
      else if (stacked && !before.includes(label)) problems.push(`${caption}: a card does not name its column "${label}"`);
    }
  }
  return {problems, scroll: document.documentElement.scrollWidth - width};
}"""


# Every piece of text in the notebook's outputs: its computed size in CSS pixels.
SMALL_TEXT = """() => {
  const small = [];
  const walker = document.createTreeWalker(document.querySelector('.jupyter-wrapper'), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, element = node.parentElement;
    if (!node.textContent.trim() || !element.closest('.jp-OutputArea') || !element.checkVisibility()) continue;
    const size = parseFloat(getComputedStyle(element).fontSize);
    if (size < 12) small.push(`${size}px: ${node.textContent.trim().slice(0, 40)}`);
  }
  return small;
}"""


@pytest.fixture(scope="module")
def contexts(browser):
    made = {width: browser.new_context(viewport={"width": width, "height": 900}, color_scheme="light")
            for width in WIDTHS}
    yield made
    for context in made.values():
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("notebook", NOTEBOOK_PAGES)
def test_every_table_column_is_in_view(contexts, site_server, notebook, width):
    page = contexts[width].new_page()
    page.goto(site_server.url(notebook))
    assert page.locator(".jupyter-wrapper table").count() > 0, f"{notebook} shows no table"
    result = page.evaluate(CELLS_IN_VIEW)
    page.close()
    assert not result["problems"], f"{notebook} at {width} px:\n" + "\n".join(sorted(set(result["problems"]))[:10])
    assert result["scroll"] <= 0, f"{notebook} at {width} px scrolls sideways by {result['scroll']} px"


@pytest.mark.parametrize("notebook", NOTEBOOK_PAGES)
def test_code_is_folded_set_up_is_hidden_and_the_routes_come_first(contexts, site_server, notebook):
    page = contexts[390].new_page()
    page.goto(site_server.url(notebook))
    folds = page.locator("details.pacer-code")
    assert folds.count() > 0, f"{notebook} has no folded code"
    assert page.locator("details.pacer-code[open]").count() == 0, "code is shown before the reader asks for it"
    assert not page.locator(".jupyter-wrapper .highlight-ipynb pre").first.is_visible()
    # every notebook's set-up cell (tagged remove-cell) holds one of these
    assert not [m for m in ("sys.path.insert", "matplotlib.use(") if m in page.content()], "a set-up cell is on the page"
    # the explanation, then the routes panel, before any code
    order = page.evaluate("""() => {
        const all = [...document.querySelectorAll('.jupyter-wrapper .jp-MarkdownCell, aside.pacer-routes, details.pacer-code')];
        return all.slice(0, 3).map(e => e.tagName.toLowerCase());
    }""")
    assert order[:2] == ["div", "aside"], order
    assert page.locator("aside.pacer-routes a[download]").get_attribute("href").endswith(".zip")
    page.close()


def test_show_the_code_opens_with_the_keyboard(contexts, site_server):
    page = contexts[1280].new_page()
    page.goto(site_server.url(NOTEBOOK_PAGES[2]))
    first = page.locator("details.pacer-code").first
    for _ in range(120):  # Tab through the page until the first "Show the code" has the focus
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('details.pacer-code > summary')"):
            break
    else:
        pytest.fail("no \"Show the code\" control can be reached with the Tab key")
    assert page.evaluate("() => document.activeElement.textContent.trim()") == "Show the code"
    page.keyboard.press("Enter")
    assert first.get_attribute("open") is not None
    assert first.locator("pre").first.is_visible(), "the code did not appear after Enter"
    page.close()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_outputs_are_readable_and_meet_contrast(browser, site_server, width, scheme):
    """Text in outputs (tables, heat-table numbers, quotations) at least 12 CSS px, and axe-core
    (colour contrast included) finds nothing in the notebook's part of each page at 390 px."""
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    problems = []
    for notebook in NOTEBOOK_PAGES:
        page.goto(site_server.url(notebook))
        problems += [f"{notebook}: text of {line}" for line in page.evaluate(SMALL_TEXT)]
        # axe here at 390 px only: the outputs' colours do not change with the width, and the
        # accessibility pass (test_every_page.py) checks every notebook page whole, the first at both widths
        violations = run_axe(page, ".jupyter-wrapper") if width != 1280 else []
        if violations:
            problems.append(f"{notebook}:\n{describe_violations(violations)}")
        # figures, if a notebook draws one, must not shrink below a readable size
        for image in page.locator(".jupyter-wrapper .jp-OutputArea img").all():
            box = image.bounding_box()
            assert box is None or box["width"] >= min(width - 80, 300), f"{notebook}: a figure is {box['width']} px wide"
    context.close()
    assert not problems, f"at {width} px, {scheme} scheme:\n" + "\n".join(problems[:15])
