"""Two views from one source: the learner view (the default site) and the facilitator view.

Facilitator-only content has one mark: a top-level ``??? facilitator "..."`` block (the module
checker refuses it anywhere else, MOD702), plus the facilitator guides in ``docs/guides/``. The learner
view leaves both out of its pages, its search index, its print pages and the offline copy; the
facilitator view, built into ``facilitator/`` beside it, shows every page with them in place,
except the learner's own journal page (``LEARNER_PAGES``).
"""

from __future__ import annotations

import posixpath
from urllib.parse import urlsplit

from pacer.model.blocks import FACILITATOR_HEADER

LEARNER, FACILITATOR = "learner", "facilitator"
FACILITATOR_FOLDER = "facilitator"       # the facilitator view's place in the built site
FACILITATOR_PAGES = "guides/"            # docs/guides/: the facilitator guides, only in the facilitator view
JOURNAL_PAGE = "learners/journal.md"     # "My journal": a learner's own notes
LEARNER_PAGES = (JOURNAL_PAGE,)          # only in the learner view


def facilitator_only(src: str) -> bool:
    return src.startswith(FACILITATOR_PAGES)


def learner_only(src: str) -> bool:
    return src in LEARNER_PAGES


def edit_facilitator_notes(lines: list, found: list, view: str) -> None:
    """A page body's ``lines`` (changed in place; ``found``: its blocks) for the view: the learner
    view leaves every top-level facilitator block out (its lines become None), the facilitator
    view opens its notes (``???+``)."""
    for block in found:
        if block.kind != "facilitator" or lines[block.line] is None or lines[block.line].startswith((" ", "\t")):
            continue
        if view == LEARNER:
            lines[block.line:block.end] = [None] * (block.end - block.line)
        elif lines[block.line].startswith("??? facilitator"):
            lines[block.line] = "???+" + lines[block.line][3:]


def other_view_url(page_url: str, view: str) -> str:
    """The relative address of the same page in the other view, from this page."""
    depth = len([part for part in page_url.split("/") if part][: -1 if not page_url.endswith("/") else None])
    if view == LEARNER:
        return posixpath.join("../" * depth + FACILITATOR_FOLDER + "/", page_url) or "./"
    return "../" * (depth + 1) + page_url


def has_facilitator_blocks(markdown: str) -> bool:
    """Whether the page holds facilitator notes anywhere (so it has a facilitator version)."""
    return FACILITATOR_HEADER.search(markdown) is not None


def switch_target(src: str, page_url: str, view: str, with_notes: bool, dev_addr, site_url: str) -> str | None:
    """Where the view switch of a page leads, or None when the page has no version in the other
    view (a learner page without facilitator notes, a facilitator guide). Under ``mkdocs serve``
    (``dev_addr`` given), the other view is previewed by a second server on the next port
    (``make serve`` starts both): the link goes there."""
    if (view == LEARNER and not with_notes) or (view == FACILITATOR and facilitator_only(src)):
        return None
    if dev_addr is None:
        return other_view_url(page_url, view)
    path = urlsplit(site_url or "/").path.rstrip("/")
    if view == LEARNER:
        return f"http://{dev_addr.host}:{dev_addr.port + 1}{path}/{FACILITATOR_FOLDER}/{page_url}"
    base = path.removesuffix("/" + FACILITATOR_FOLDER)
    return f"http://{dev_addr.host}:{dev_addr.port - 1}{base}/{page_url}"
