"""Notebook pages for readers who are not programmers, in a real browser at a phone's width
(390 px) and a laptop's (1280 px): every table column in view, code folded behind a
keyboard-reachable "Show the code", set-up cells not shown, and the download offered."""

from __future__ import annotations

import pytest

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
