"""What a notebook page becomes for learners who are not programmers.

The page opens with its explanation; code follows each step folded behind a "Show the code"
control (a native ``<details>``: keyboard reachable, works without JavaScript and in print);
set-up cells tagged ``remove-cell`` are not shown at all (they still run); every table cell
carries its column name, so a narrow screen can show each row as a card with nothing hidden;
and a panel after the first cell offers the two other routes: rerun it, or do it by hand.

These functions work on the content HTML after the sanitizer, parsed once by lxml
(scripts/pacer/site.py); new elements are built as elements, so text stays text.
"""

from __future__ import annotations

from lxml import html as lxml_html
from lxml.html import builder as E

REMOVED_TAG = "remove-cell"     # a cell tag: the cell runs, but the page does not show it
SHOW_CODE = "Show the code"     # the label of each folded code cell


def finish(part, routes: str = "") -> bool:
    """Apply every notebook-page change to one top-level element of the content; True if the
    routes panel found its place in it."""
    drop_removed_cells(part)
    fold_code(part)
    label_table_cells(part)
    return bool(routes) and insert_routes(part, routes)


def _cells(part, kind: str):
    return [cell for cell in part.iter("div") if kind in (cell.get("class") or "").split()]


def drop_removed_cells(part) -> None:
    """Cells tagged ``remove-cell`` (nbconvert marks them ``celltag_remove-cell``)."""
    for cell in _cells(part, "celltag_" + REMOVED_TAG):
        if cell.getparent() is not None:
            cell.drop_tree()


def fold_code(part) -> None:
    """Put each code cell's input inside a closed ``<details>`` with a "Show the code" summary."""
    for cell in _cells(part, "jp-CodeCell"):
        for wrapper in [c for c in cell if "jp-Cell-inputWrapper" in (c.get("class") or "").split()]:
            wrapper.attrib.pop("tabindex", None)  # the summary takes the focus, not the code block
            details = E.DETAILS(E.SUMMARY(SHOW_CODE), E.CLASS("pacer-code"))
            wrapper.addprevious(details)
            details.append(wrapper)


def label_table_cells(part) -> None:
    """Give each body cell of an output table its column's name (``data-label``), which the
    stylesheet shows before the value when the table becomes a stack of cards on a phone."""
    for table in part.iter("table"):
        head = table.find("thead")
        if head is None:
            continue
        names = [" ".join(th.text_content().split()) for th in head.iter("th")]
        for body in table.iter("tbody"):
            for row in body.iter("tr"):
                for name, cell in zip(names, [c for c in row if c.tag in ("td", "th")]):
                    cell.set("data-label", name)
        classes = (table.get("class") or "").split()
        table.set("class", " ".join(classes + ["pacer-cards"]))


def insert_routes(part, routes: str) -> bool:
    """After the notebook's first Markdown cell (its explanation): the routes panel. The panel
    is the build's own HTML, rendered from a template (overrides/pacer/notebook-routes.html)."""
    first = next(iter(_cells(part, "jp-MarkdownCell")), None)
    if first is None:
        return False
    for element in reversed(lxml_html.fragments_fromstring(routes)):
        if not isinstance(element, str):
            first.addnext(element)
    return True
