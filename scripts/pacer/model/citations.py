"""Citations ``[@key]`` and ``[@key1; @key2]`` in Markdown, outside code.

blocks.scan finds them, with the rest of a page's structure, outside fenced code blocks and
`inline code`, so pages can show the syntax itself. The checker reports unknown keys; the build
replaces each citation with a link or a numbered mark (``replace``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

CITATION = re.compile(r"\[\s*(@[^\]\s;]+(?:\s*;\s*@[^\]\s;]+)*)\s*\](?!\()")
KEY = re.compile(r"@([^\s;\]]+)")
INLINE_CODE = re.compile(r"(`+).+?\1")


@dataclass
class Citation:
    line: int      # 0-based line index within the text
    start: int     # column span of the whole [@...] on that line
    end: int
    keys: list[str]


def mask_inline_code(line: str) -> str:
    """The line with `inline code` replaced by spaces, so columns stay the same."""
    return INLINE_CODE.sub(lambda m: " " * len(m.group(0)), line)


def replace(lines: list, found: list[Citation], render: Callable[[Citation], str]) -> None:
    """Replace each citation ``found`` in ``lines`` (the text's lines, changed in place) with
    ``render(citation)``; a line that is None (left out) is left alone."""
    for citation in sorted(found, key=lambda c: (c.line, c.start), reverse=True):
        line = lines[citation.line]
        if line is not None:
            lines[citation.line] = line[: citation.start] + render(citation) + line[citation.end:]
