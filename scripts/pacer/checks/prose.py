"""The prose of a Markdown page, for reading-grade and word-count figures.

Front matter, code, tables, HTML, link targets and citation keys are removed. Admonition
blocks (activities, reflections, facilitator notes ...) are kept apart from the teaching text,
so a module's "teaching words" count only the main text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import textstat

from pacer.model.frontmatter import split

ADMONITION = re.compile(r"^(!!!|\?\?\?\+?)\s+[\w-]+")
FENCE = re.compile(r"^\s*(```|~~~)")
CITATION = re.compile(r"\[@[^\]]+\]")
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
HTML_TAG = re.compile(r"<[^>]+>")
MARKUP = re.compile(r"[*_`#>|]+")
ICON = re.compile(r":[a-z0-9]+(?:-[a-z0-9]+)+:")  # theme icon shortcodes such as :material-school:
ATTR_LIST = re.compile(r"\{:?\s*[.#][^}]*\}")  # attribute lists such as { .lg .middle }
LIST_MARK = re.compile(r"^\s*(?:[-+*]|\d+[.)])\s+(?:\[[ xX]\]\s+)?")


@dataclass
class Prose:
    teaching: str  # the main text
    blocks: str    # text inside admonition blocks

    @property
    def all(self) -> str:
        return f"{self.teaching}\n{self.blocks}"


def _clean(line: str) -> str:
    line = ATTR_LIST.sub("", ICON.sub("", CITATION.sub("", line)))
    line = LINK.sub(r"\1", line)
    line = HTML_TAG.sub(" ", line)
    line = LIST_MARK.sub("", line)
    return MARKUP.sub(" ", line).strip()


def extract(markdown: str) -> Prose:
    """Split a page's prose into teaching text and admonition-block text."""
    body = split(markdown).body
    teaching, blocks = [], []
    in_fence = in_block = in_comment = False
    for raw in body.splitlines():
        if "<!--" in raw and "-->" not in raw:
            in_comment = True
        if in_comment:
            in_comment = "-->" not in raw
            continue
        if FENCE.match(raw):
            in_fence = not in_fence
            continue
        if in_fence or raw.lstrip().startswith("|") or raw.startswith("*["):
            continue
        if ADMONITION.match(raw):
            in_block = True
            title = re.search(r'"([^"]*)"', raw)
            blocks.append(title.group(1) + "." if title else "")
            continue
        if in_block and raw.strip() and not raw.startswith("    "):
            in_block = False
        text = _clean(raw)
        if raw.lstrip().startswith("#") and text:
            text += "."  # a heading is a sentence of its own
        (blocks if in_block else teaching).append(text)
    return Prose(_paragraphs(teaching), _paragraphs(blocks))


def _paragraphs(lines: list[str]) -> str:
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def words(text: str) -> int:
    return len(re.findall(r"[A-Za-zÀ-ÿ0-9’'-]+", text))


def grade(text: str) -> float:
    """Flesch-Kincaid grade level (textstat), rounded to one decimal."""
    return round(textstat.flesch_kincaid_grade(text), 1) if words(text) else 0.0
