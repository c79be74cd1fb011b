"""The structure of a page body, from one pass over its lines.

``scan`` reads a body once and finds, each with its line: the admonition blocks, the module's
parts (``##`` headings with their minutes), its self-checks, the citations, the generated-block
markers and the snippet lines. It knows what is code: nothing in a fenced code block is any of
these, and `inline code` holds no citation, marker or snippet.

It also makes the flat text the module checker hands to markdown-it-py, which does not know
Python-Markdown's admonitions (``!!! type "Title"`` followed by an indented body) or content tabs
(``=== "Tab"``): their header lines are blanked and their bodies unindented, line for line, so
markdown-it-py parses what is inside them as ordinary Markdown and every token keeps its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt

from pacer.model import learning
from pacer.model.citations import CITATION, KEY, Citation, mask_inline_code

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
# A line the build replaces with a generated block (render/site.py lists the names).
MARKER = re.compile(r"^(?P<indent>[ \t]*)<!--\s*generated:\s*(?P<name>[a-z-]+)(?:\s+(?P<argument>[\w-]+))?\s*-->[ \t]*$")
# A line pymdownx.snippets replaces with a file: --8<-- "name".
SNIPPET = re.compile(r"""^\s*-{1,}8<-{1,}\s+["']?(?P<name>[^"'\s]+)["']?\s*$""")


@dataclass
class Block:
    kind: str          # the admonition type, e.g. "activity"
    title: str | None
    line: int          # 0-based line of the ``!!!`` line
    end: int           # 0-based line after the block's last line
    raw: str           # the header line as written


@dataclass(frozen=True)
class Marker:
    line: int              # 0-based line in the body
    name: str
    argument: str | None
    indent: str


@dataclass(frozen=True)
class Snippet:
    line: int              # 0-based line in the body
    name: str


@dataclass
class Scan:
    flat: str                                   # the body for markdown-it-py (see above)
    blocks: list[Block] = field(default_factory=list)
    parts: list[learning.Part] = field(default_factory=list)
    self_checks: list[learning.SelfCheck] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    snippets: list[Snippet] = field(default_factory=list)


def scan(text: str) -> Scan:
    """The structure of ``text`` (a page body), from one pass over its lines."""
    lines = text.split("\n")
    out: list[str] = []
    found = Scan("")
    stack: list[tuple[int, Block | None]] = []  # (indent of the body, block or None for a tab)
    fence: str | None = None                   # the open code fence's marker
    for index, line in enumerate(lines):
        if not line.strip():
            out.append("")
            continue
        indent = len(line) - len(line.lstrip(" "))
        opening = FENCE.match(line.lstrip())
        if fence is None:  # a line less indented than a block's body ends the block
            while stack and indent < stack[-1][0]:
                _, block = stack.pop()
                if block is not None:
                    block.end = _last_content(lines, index)
        base = stack[-1][0] if stack else 0
        content = line[min(base, indent):]
        out.append(content)
        if fence is not None:
            # A closing fence: the same character, at least as long, nothing after it (CommonMark).
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence) \
                    and not line.strip()[len(opening.group(1)):].strip():
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        _read_line(found, index, line)
        if ADMONITION_START.match(content):
            header = ADMONITION.match(content)
            kind = header.group(2).lower() if header else (content.split()[1].lower() if len(content.split()) > 1 else "")
            block = Block(kind, header.group(3) if header else None, index, len(lines), content.strip())
            found.blocks.append(block)
            stack.append((base + 4, block))
            out[-1] = ""
        elif TAB.match(content):
            stack.append((base + 4, None))
            out[-1] = ""
    while stack:
        _, block = stack.pop()
        if block is not None:
            block.end = _last_content(lines, len(lines))
    found.flat = "\n".join(out)
    found.self_checks = [learning.read_self_check(lines, block.line, block.end)
                         for block in found.blocks if block.kind == "self-check"]
    _describe_parts(found)
    return found


def _read_line(found: Scan, index: int, line: str) -> None:
    """What a line outside code holds: citations, a marker, a snippet, a part heading. (Each
    pattern is tried only on lines with its telling characters: most lines have none.)"""
    masked = mask_inline_code(line) if "`" in line else line
    if "@" in masked:
        for match in CITATION.finditer(masked):
            found.citations.append(Citation(index, match.start(), match.end(), KEY.findall(match.group(1))))
    marker = MARKER.match(masked) if "<!--" in masked else None
    if marker:
        found.markers.append(Marker(index, marker.group("name"), marker.group("argument"), marker.group("indent")))
    snippet = SNIPPET.match(masked) if "8<" in masked else None
    if snippet:
        found.snippets.append(Snippet(index, snippet.group("name")))
    if line.startswith("##"):
        part = learning.read_part(line, index)
        if part is not None:
            found.parts.append(part)


def _describe_parts(found: Scan) -> None:
    """Fill each part's ``contents`` with what it holds besides reading (the session plan shows it)."""
    for number, part in enumerate(found.parts):
        end = found.parts[number + 1].line if number + 1 < len(found.parts) else 10**9
        inside = [b.kind for b in found.blocks if part.line < b.line < end]
        counts = [(inside.count("activity"), "activity", "activities"), (inside.count("self-check"), "self-check", "self-checks")]
        part.contents = ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in counts if n)


def _last_content(lines: list[str], stop: int) -> int:
    """The line after the last non-blank line before ``stop``."""
    end = stop
    while end > 0 and not lines[end - 1].strip():
        end -= 1
    return end


_PARSER = MarkdownIt("commonmark", {"html": True}).enable("table")


def tokens(flat_text: str):
    return _PARSER.parse(flat_text)
