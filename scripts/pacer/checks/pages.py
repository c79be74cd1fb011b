"""A page's text: citations, crisis lines, snippets, headings and the blocks a module needs."""

from __future__ import annotations

import re
from pathlib import Path

from pacer import model
from pacer.model import bibliography as bib
from pacer.model import contract
from pacer.checks import markup
from pacer.model.frontmatter import line_of
from pacer.model.pages import Page
from pacer.rules import problem

# The numbers of the crisis lines in docs/_snippets/crisis-lines.md (the one place they are typed).
CRISIS_NUMBER = re.compile(r"9[-‑ ]?8[-‑ ]?8(?![\d-])|855[-‑ ]?242[-‑ ]?3310|hopeforwellness\.ca", re.IGNORECASE)
MARKER_LINE = re.compile(r"^\s*<!--\s*generated:")
CRISIS_BLOCK = "docs/_snippets/crisis-lines.md"


def check_citations(ctx, page: Page) -> None:
    shown = page.shown
    for citation in page.scan.citations:
        for key in citation.keys:
            line, column = page.body_line + citation.line, citation.start + 1
            if key not in ctx.bibliography:
                ctx.problems.append(problem(shown, line, "MOD202", f"[@{key}] is not a key in the bibliography", column))
            elif bib.unverified(ctx.bibliography.entries[key]):
                ctx.problems.append(problem(shown, line, "MOD210", f"[@{key}] is marked unverified", column))
    keys = page.front_matter.get("references")
    for index, key in enumerate(keys if isinstance(keys, list) else []):
        if isinstance(key, str) and key in ctx.bibliography and bib.unverified(ctx.bibliography.entries[key]):
            ctx.problems.append(problem(shown, line_of(page.lines, ("references", index)), "MOD210",
                                         f"`{key}` is marked unverified"))


def check_crisis_lines(ctx, text: str, shown: str) -> None:
    """Crisis-line numbers live in one block, so a changed number is changed once."""
    for number, line in enumerate(text.splitlines(), 1):
        match = CRISIS_NUMBER.search(line)
        if match and not MARKER_LINE.match(line):
            ctx.problems.append(problem(shown, number, "MOD408", f"\"{match.group(0)}\" is typed here", match.start() + 1))


def check_body(ctx, page: Page) -> None:
    shown, kind, at = page.shown, page.kind, page.body_line  # at: the page line of body line 0
    check_citations(ctx, page)
    check_crisis_lines(ctx, page.text, shown)
    ctx.problems += model.snippet_problems(ctx.root, page)
    tokens = page.tokens
    check_headings(ctx, tokens, shown, at, kind)
    for block in page.scan.blocks:
        if block.kind not in contract.ADMONITIONS:
            ctx.problems.append(problem(shown, at + block.line, "MOD304",
                                         f"\"{block.kind}\" is not an allowed block type (allowed: {', '.join(contract.ADMONITIONS)})"))
    if kind == "module":
        check_module_blocks(ctx, page.scan.blocks, tokens, shown, at)
    for index, token in enumerate(tokens):
        if token.type == "html_block":
            markup.check_html(ctx, token.content, shown, at + token.map[0])
        elif token.type == "inline":
            markup.check_inline(ctx, token, shown, at, Path(shown).parent)
    if kind == "course" and contract.COURSE_MODULES_MARKER not in page.body:
        ctx.problems.append(problem(shown, at, "MOD106", f"the course page has no line {contract.COURSE_MODULES_MARKER}"))


def check_headings(ctx, tokens, shown: str, at: int, kind: str) -> None:
    previous = 1  # the page title is the h1
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        level = int(token.tag[1])
        line = at + token.map[0]
        text = tokens[index + 1].content.strip() if index + 1 < len(tokens) else ""
        text = re.sub(r"\s*\{[^}]*\}\s*$", "", text)  # attributes such as { data-minutes="20" }
        if level == 1:
            ctx.problems.append(problem(shown, line, "MOD305", f"\"# {text}\" is a top-level heading"))
        elif level > previous + 1:
            ctx.problems.append(problem(shown, line, "MOD307", f"\"{text}\" is a level-{level} heading after level {previous}"))
        if kind == "module" and text.lower().rstrip(":").strip() in contract.GENERATED_SECTIONS:
            ctx.problems.append(problem(shown, line, "MOD306", f"the heading \"{text}\" repeats what the site shows from the front matter"))
        previous = level


def check_module_blocks(ctx, found_blocks, tokens, shown: str, at: int) -> None:
    if not any(block.kind == "activity" for block in found_blocks):
        ctx.problems.append(problem(shown, at, "MOD301", "the module has no `!!! activity` block"))
    reflections = [block for block in found_blocks if block.kind == "reflection"]
    if not reflections:
        ctx.problems.append(problem(shown, at, "MOD302", "the module has no `!!! reflection` block"))
    for extra in reflections[1:]:
        ctx.problems.append(problem(shown, at + extra.line, "MOD302",
                                     f"a second reflection block (the first is on line {at + reflections[0].line})"))
    if reflections:
        block = reflections[0]
        questions = _most_numbered_items(tokens, block.line, block.end)
        if questions < 3:
            ctx.problems.append(problem(shown, at + block.line, "MOD303",
                                         f"the reflection block has {questions} numbered question{'s' if questions != 1 else ''}"))


def check_docs_page(ctx, path: Path) -> None:
    page = ctx.curriculum.source(path)
    ctx.problems += [p for p in page.problems if p.code in ("MOD001", "MOD003")]
    if page.text is None:
        return
    shown = page.shown
    check_citations(ctx, page)
    if shown != CRISIS_BLOCK:
        check_crisis_lines(ctx, page.text, shown)
    ctx.problems += model.snippet_problems(ctx.root, page)
    tokens = page.tokens
    if page.kind == "template":  # its title is the document's Heading 1
        check_headings(ctx, tokens, shown, page.body_line, "page")
    for token in tokens:
        if token.type == "html_block":
            markup.check_html(ctx, token.content, shown, page.body_line + token.map[0])
        elif token.type == "inline":
            line = page.body_line + (token.map[0] if token.map else 0)
            for child in token.children or []:
                if child.type == "html_inline":
                    markup.check_html(ctx, child.content, shown, line)
                elif child.type == "link_open":
                    markup.check_workbook_link(ctx, child.attrGet("href") or "", shown, line)


def _most_numbered_items(tokens, start: int, end: int) -> int:
    """The number of items in the longest numbered list on lines [start, end)."""
    best = 0
    for index, token in enumerate(tokens):
        if token.type != "ordered_list_open" or not token.map or not start <= token.map[0] < end:
            continue
        count = 0
        for inner in tokens[index + 1 :]:
            if inner.type == "ordered_list_close" and inner.level == token.level:
                break
            count += inner.type == "list_item_open" and inner.level == token.level + 1
        best = max(best, count)
    return best
