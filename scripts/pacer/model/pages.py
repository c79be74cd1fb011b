"""A source page, read once: its front matter, the values that pass the contract, its body's structure.

The model, the module checker and the build all take a Markdown page from ``read``: the file
read, its front matter parsed once (with the line of every key) and checked against the
contract's schema for the page's kind, and its body scanned once (blocks.scan: blocks, parts,
self-checks, citations, markers and snippets). Each page is kept by its path and the digest of
its bytes, so one process parses a page once, and a `mkdocs serve` rebuild parses only the pages
that changed. A page is shared by everyone who asks for it: nobody changes it.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from pacer.model import blocks, frontmatter, schema
from pacer.model.contract import schema_for
from pacer.report import Problem
from pacer.rules import problem
from pacer.safety import bounds

MAX_PAGE_BYTES = 300_000  # a Markdown page larger than this is almost surely a mistake
BAD_DATE = re.compile(r"^\s*([\w-]+)\s*:\s*(\d{4}-\d{1,2}-\d{1,2})\s*(?:#.*)?$")


@dataclass
class Page:
    """A Markdown page as read once: ``text`` is None when it could not be read (``problems`` say why)."""
    path: Path
    shown: str                  # repository path with forward slashes
    kind: str                   # course, module, page (other course pages), template (workbook), site (docs/)
    text: str | None = None
    front_matter: dict = field(default_factory=dict)  # as written
    lines: dict = field(default_factory=dict)         # YAML path -> page line
    has_front_matter: bool = False
    body: str = ""
    body_line: int = 1          # the page line on which the body starts
    meta: dict = field(default_factory=dict)          # the front-matter values that pass the contract
    scan: blocks.Scan = field(default_factory=lambda: blocks.Scan(""))
    problems: list[Problem] = field(default_factory=list)  # reading it, its shape and its front matter

    @property
    def title(self) -> str | None:
        title = self.meta.get("title")
        return " ".join(str(title).split()) if title else None

    @functools.cached_property
    def tokens(self) -> list:
        """The body as markdown-it-py reads it (the module checker's Markdown reader)."""
        return blocks.tokens(self.scan.flat)


_kept: dict[tuple[Path, str, str], tuple[str, Page]] = {}  # (path, shown, kind) -> (digest, page)
KEPT = 4096


def read(path: Path, shown: str, kind: str) -> Page:
    """The page at ``path``, parsed once per content: kept by its path and its bytes' digest."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        return Page(path, shown, kind, problems=[problem(shown, 1, "MOD002", f"the file cannot be read ({error.strerror})")])
    digest = hashlib.sha256(data).hexdigest()
    kept = _kept.get((path, shown, kind))
    if kept is None or kept[0] != digest:
        if len(_kept) >= KEPT:
            _kept.clear()
        kept = _kept[path, shown, kind] = (digest, parse(path, shown, kind, data))
    return kept[1]


def parse(path: Path, shown: str, kind: str, data: bytes) -> Page:
    """The one parse of a page (``read`` keeps its result)."""
    text, problems = frontmatter.decode(data, shown)
    shape = bounds.problems_in(shown, text) if text is not None else []  # lines no reader should meet
    if len(data) > MAX_PAGE_BYTES:
        return Page(path, shown, kind, problems=[problem(
            shown, 1, "MOD014", f"the page is {len(data) // 1000} KB (at most {MAX_PAGE_BYTES // 1000} KB)")] + shape)
    if text is None:
        return Page(path, shown, kind, problems=problems)
    if not text.strip():
        return Page(path, shown, kind, problems=[problem(shown, 1, "MOD002", "the page has no content")])
    try:
        found = frontmatter.split(text)
    except frontmatter.FrontMatterError as error:
        code = "MOD003" if "not valid YAML" in str(error) else "MOD004"
        return Page(path, shown, kind, problems=[problem(shown, error.line, code, str(error), error.column)] + shape)
    except ValueError as error:
        return Page(path, shown, kind, problems=[_unreadable_date(text, shown, error)] + shape)
    page = Page(path, shown, kind, text, found.meta, found.lines, found.has_front_matter, found.body, found.body_line,
                scan=blocks.scan(found.body), problems=shape)
    if found.has_front_matter:
        checked, page.meta = schema.validate(found.meta, schema_for(kind), found.lines, shown,
                                             code_for_keys="MOD801" if kind == "template" else None)
        page.problems += checked
    elif kind != "site":  # the site's own pages may do without front matter
        page.problems.append(problem(shown, 1, "MOD004", "the page has no front matter"))
    return page


def _unreadable_date(text: str, shown: str, error: ValueError) -> Problem:
    """PyYAML reads 2026-13-45 as a date and fails outside its own error type."""
    for number, line in enumerate(text.splitlines()[1:], start=2):
        match = BAD_DATE.match(line)
        if match and not _is_date(match.group(2)):
            return problem(shown, number, "MOD012", f"`{match.group(1)}: {match.group(2)}` is not a real date")
    return problem(shown, 1, "MOD003", f"the front matter cannot be read ({error})")


def _is_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
        return True
    except ValueError:
        return False
