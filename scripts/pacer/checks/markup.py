"""Raw HTML, images and links in a page's Markdown (the sanitizer's allowlist decides HTML)."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pacer.model import citations
from pacer.safety import sanitize
from pacer.model import workbook
from pacer.rules import problem

VAGUE_LINK_TEXT = {"click here", "here", "this link", "read more", "link"}
# What the sanitizer removes that could run code or load another page: MOD405; the rest MOD406.
RUNS_CODE = re.compile(r"<(script|iframe|object|embed|frame|frameset|applet)>|the on[a-z]+ attribute|javascript|vbscript|data:",
                       re.IGNORECASE)
MARKDOWN_JAVASCRIPT_LINK = re.compile(r"\]\(\s*<?\s*javascript\s*:", re.IGNORECASE)
IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
ALT_ATTRIBUTE = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
SRC_ATTRIBUTE = re.compile(r"""\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
OTHER_HOST = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)


def check_inline(ctx, token, shown: str, at: int, page_folder: Path) -> None:
    children = token.children or []
    masked = citations.mask_inline_code(token.content)
    if MARKDOWN_JAVASCRIPT_LINK.search(masked):
        line = at + (token.map[0] if token.map else 0) + masked[: MARKDOWN_JAVASCRIPT_LINK.search(masked).start()].count("\n")
        ctx.problems.append(problem(shown, line, "MOD405", "a link goes to a javascript: address"))
    line = at + (token.map[0] if token.map else 0)
    for index, child in enumerate(children):
        if child.type in ("softbreak", "hardbreak"):
            line += 1
            continue
        if child.type == "image":
            check_image(ctx, child.attrGet("src") or "", child.content, shown, line, page_folder)
        elif child.type == "link_open":
            check_workbook_link(ctx, child.attrGet("href") or "", shown, line)
            text = _link_text(children, index)
            if text in VAGUE_LINK_TEXT:
                ctx.problems.append(problem(shown, line, "MOD403", f"the link text \"{text}\" does not say where it goes"))
        elif child.type == "html_inline":
            check_html(ctx, child.content, shown, line)
            line += child.content.count("\n")


def check_workbook_link(ctx, href: str, shown: str, line: int) -> None:
    """A link to a workbook template (docs/workbook/NAME.md) must reach a template that exists."""
    parts = urlsplit(href.strip())
    if parts.scheme or parts.netloc or not parts.path.endswith(".md"):
        return
    page = shown.removeprefix("docs/")  # where the page is on the site (course folders are mounted as they are)
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
    if target.startswith(workbook.SITE_FOLDER + "/") and not (ctx.root / "docs" / target).is_file():
        ctx.problems.append(problem(shown, line, "MOD806", f"the link goes to {href}, but docs/{target} does not exist"))


def check_image(ctx, src: str, alt: str | None, shown: str, line: int, page_folder: Path) -> None:
    if not (alt or "").strip():
        ctx.problems.append(problem(shown, line, "MOD402", f"the image {src} has no alt text"))
    if OTHER_HOST.match(src.strip()):
        ctx.problems.append(problem(shown, line, "MOD404", f"the image {src} is loaded from another website"))
        return
    parts = urlsplit(src.strip())
    if parts.scheme or not parts.path:
        return
    target = ctx.root / page_folder / unquote(parts.path)
    if not target.exists():
        ctx.problems.append(problem(shown, line, "MOD401", f"the image file {unquote(parts.path)} does not exist"))


def check_html(ctx, html: str, shown: str, first_line: int) -> None:
    """Raw HTML: what the site's sanitizer would remove, found with the same allowlist."""
    for removal in sanitize.removed(html):
        if removal.what.startswith("the markdown attribute"):  # md_in_html's instruction, used by Markdown
            continue
        code = "MOD405" if RUNS_CODE.search(removal.what) else "MOD406"
        ctx.problems.append(problem(shown, first_line, code, f"raw HTML with {removal.what}: the site removes it"))
    for match in IMG_TAG.finditer(html):
        line = first_line + html[: match.start()].count("\n")
        alt = ALT_ATTRIBUTE.search(match.group(0))
        src = SRC_ATTRIBUTE.search(match.group(0))
        source = next((g for g in src.groups() if g is not None), "") if src else ""
        text = next((g for g in alt.groups() if g is not None), "") if alt else ""
        check_image(ctx, source, text, shown, line, Path(shown).parent)


def _link_text(children, start: int) -> str:
    parts, depth = [], 0
    for child in children[start + 1 :]:
        if child.type == "link_close" and depth == 0:
            break
        depth += child.type == "link_open"
        depth -= child.type == "link_close"
        if child.type == "image":
            return "(image)"  # an image link is named by its alt text
        parts.append(child.content)
    return " ".join("".join(parts).split()).strip(" .:!").lower()
