"""Two views from one source: the learner view (the default site) and the facilitator view.

Facilitator-only content has one mark: a top-level ``??? facilitator "..."`` block (the module
checker refuses it anywhere else, MOD702), plus the facilitator guides in ``docs/guides/``. The learner
view leaves both out of its pages, its search index, its print pages and the offline copy; the
facilitator view, built into ``facilitator/`` beside it, shows every page with them in place.
"""

from __future__ import annotations

import os
import posixpath

from pacer.model.blocks import flatten

VIEW_VARIABLE = "PACER_VIEW"      # which view this build is (set for the facilitator view)
VIEWS_VARIABLE = "PACER_VIEWS"    # "learner": build the learner view alone (the benchmark compares)
LEARNER, FACILITATOR = "learner", "facilitator"
FACILITATOR_FOLDER = "facilitator"       # the facilitator view's place in the built site
FACILITATOR_PAGES = "guides/"            # docs/guides/: the facilitator guides, only in the facilitator view


def current() -> str:
    return FACILITATOR if os.environ.get(VIEW_VARIABLE) == FACILITATOR else LEARNER


def facilitator_only(src: str) -> bool:
    return src.startswith(FACILITATOR_PAGES)


def without_facilitator_blocks(markdown: str) -> str:
    """The Markdown with every top-level facilitator block taken out, line for line."""
    lines = markdown.split("\n")
    _flat, found = flatten(markdown)
    for block in reversed([b for b in found if b.kind == "facilitator" and not lines[b.line].startswith((" ", "\t"))]):
        del lines[block.line:block.end]
    return "\n".join(lines)


def opened_facilitator_blocks(markdown: str) -> str:
    """In the facilitator view its notes start open (``???+``)."""
    return "\n".join(f"???+{line[3:]}" if line.startswith("??? facilitator") else line for line in markdown.split("\n"))


def other_view_url(page_url: str, view: str) -> str:
    """The relative address of the same page in the other view, from this page."""
    depth = len([part for part in page_url.split("/") if part][: -1 if not page_url.endswith("/") else None])
    if view == LEARNER:
        return posixpath.join("../" * depth + FACILITATOR_FOLDER + "/", page_url) or "./"
    return "../" * (depth + 1) + page_url
