"""Find citations ``[@key]`` and ``[@key1; @key2]`` in Markdown, outside code.

The checker uses ``find`` to report unknown keys; the theme hook uses ``replace`` to turn
them into links. Text in fenced code blocks and `inline code` is left alone, so pages can
show the syntax itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterator

CITATION = re.compile(r"\[\s*(@[^\]\s;]+(?:\s*;\s*@[^\]\s;]+)*)\s*\](?!\()")
KEY = re.compile(r"@([^\s;\]]+)")
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
INLINE_CODE = re.compile(r"(`+).+?\1")


@dataclass
class Citation:
    line: int      # 0-based line index within the text
    start: int     # column span of the whole [@...] on that line
    end: int
    keys: list[str]


def lines_outside_code(text: str) -> Iterator[tuple[int, str, str]]:
    """Each line outside fenced code, with inline code blanked out (same length)."""
    fence = None
    for index, line in enumerate(text.split("\n")):
        match = FENCE.match(line)
        if fence:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence) \
                    and not line.strip()[len(match.group(1)):].strip():
                fence = None
            continue
        if match:
            fence = match.group(1)
            continue
        yield index, line, mask_inline_code(line)


def mask_inline_code(line: str) -> str:
    """The line with `inline code` replaced by spaces, so columns stay the same."""
    return INLINE_CODE.sub(lambda m: " " * len(m.group(0)), line)


def find(text: str) -> list[Citation]:
    found = []
    for index, _line, masked in lines_outside_code(text):
        for match in CITATION.finditer(masked):
            found.append(Citation(index, match.start(), match.end(), KEY.findall(match.group(1))))
    return found


def replace(text: str, render: Callable[[Citation], str]) -> str:
    """The text with every citation replaced by ``render(citation)``."""
    lines = text.split("\n")
    by_line: dict[int, list[Citation]] = {}
    for citation in find(text):
        by_line.setdefault(citation.line, []).append(citation)
    for index, citations in by_line.items():
        line = lines[index]
        for citation in reversed(citations):
            line = line[: citation.start] + render(citation) + line[citation.end :]
        lines[index] = line
    return "\n".join(lines)
