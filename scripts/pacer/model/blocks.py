"""The structure of a page body: its admonition blocks and its Markdown tokens, with lines.

markdown-it-py does not know Python-Markdown's admonitions (``!!! type "Title"`` followed by
an indented body) or content tabs (``=== "Tab"``). ``flatten`` blanks their header lines and
removes the indentation of their bodies, line for line, so markdown-it-py parses what is inside
them as ordinary Markdown and every token keeps its line in the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt

# Extra classes are whole words, one after another: no two parts of the pattern can take the
# same spaces, so a line of thousands of spaces costs its length, not its square.
ADMONITION = re.compile(r'^(!!!|\?\?\?\+?)[ \t]+([\w-]+)(?:[ \t]+[\w-]+)*(?:[ \t]+"([^"]*)")?[ \t]*$')
ADMONITION_START = re.compile(r"^(!!!|\?\?\?\+?)(?:\s|$)")
TAB = re.compile(r'^===\+?!?[ \t]+"')
FENCE = re.compile(r"^(`{3,}|~{3,})")
# A facilitator block's first line, however it is written and wherever it sits (in a list, a
# quote, a notebook's text cell, a code block): what the views and the checks look for.
FACILITATOR_HEADER = re.compile(
    r"^(?P<prefix>[ \t>#]*)(?:(?:[-*+]|\d+[.)])[ \t]+)?(?:\?\?\?\+?|!!!)[ \t]*facilitator\b",
    re.IGNORECASE | re.MULTILINE)


@dataclass
class Block:
    kind: str          # the admonition type, e.g. "activity"
    title: str | None
    line: int          # 0-based line of the ``!!!`` line
    end: int           # 0-based line after the block's last line
    raw: str           # the header line as written


def flatten(text: str) -> tuple[str, list[Block]]:
    lines = text.split("\n")
    out: list[str] = []
    blocks: list[Block] = []
    stack: list[tuple[int, Block | None]] = []  # (indent of the body, block or None for a tab)
    fence: tuple[str, int] | None = None       # (fence marker, its indent)
    for index, line in enumerate(lines):
        if not line.strip():
            out.append("")
            continue
        indent = len(line) - len(line.lstrip(" "))
        if fence is None:
            while stack and indent < stack[-1][0]:
                body_indent, block = stack.pop()
                if block is not None:
                    block.end = _last_content(lines, index)
        base = stack[-1][0] if stack else 0
        content = line[min(base, indent):]
        if fence is not None:
            match = FENCE.match(content.lstrip())
            if match and match.group(1)[0] == fence[0][0] and len(match.group(1)) >= len(fence[0]):
                fence = None
            out.append(content)
            continue
        match = FENCE.match(content.lstrip())
        if match:
            fence = (match.group(1), indent)
            out.append(content)
            continue
        if ADMONITION_START.match(content):
            header = ADMONITION.match(content)
            kind = header.group(2).lower() if header else (content.split()[1].lower() if len(content.split()) > 1 else "")
            block = Block(kind, header.group(3) if header else None, index, len(lines), content.strip())
            blocks.append(block)
            stack.append((base + 4, block))
            out.append("")
            continue
        if TAB.match(content):
            stack.append((base + 4, None))
            out.append("")
            continue
        out.append(content)
    while stack:
        _, block = stack.pop()
        if block is not None:
            block.end = _last_content(lines, len(lines))
    return "\n".join(out), blocks


def _last_content(lines: list[str], stop: int) -> int:
    """The line after the last non-blank line before ``stop``."""
    end = stop
    while end > 0 and not lines[end - 1].strip():
        end -= 1
    return end


_PARSER = MarkdownIt("commonmark", {"html": True}).enable("table")


def tokens(flat_text: str):
    return _PARSER.parse(flat_text)

