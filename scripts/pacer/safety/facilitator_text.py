"""Facilitator notes never reach the learner view: checked by the text itself, not by the mark.

The learner view leaves facilitator blocks out twice over: the Markdown stage takes out the
top-level blocks, and the HTML stage drops every element Markdown made from a facilitator block,
wherever it sits. What no structure catches (a block after a code fence left open, a block in a
notebook's text, a way of writing one nobody thought of) is caught here, after the build: every
run of FINGERPRINT_WORDS words from the body of anything that looks like a facilitator block in
the sources must appear in no learner output (pages, print pages, the search index).
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

from pacer.model.blocks import FACILITATOR_HEADER as HEADER
from pacer.paths import COURSES
from pacer.render.views import FACILITATOR_FOLDER

FINGERPRINT_WORDS = 10
# Outputs are read in steps of this many words: every run of the notes is a fingerprint, so any
# FINGERPRINT_WORDS + STEP - 1 words of them in a row are still found, at a quarter of the cost.
STEP = 4
PREFIX = re.compile(r"^[ \t>#]*")
WORD = re.compile(r"\w+")
TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Leak:
    output: str   # the learner output that holds it (a path in the site)
    source: str   # the source file of the facilitator block
    words: str    # the words found


def split(text: str) -> tuple[list[str], str]:
    """(the text of every facilitator block in a source, the rest of the source). A block is its
    first line and the lines after it that are blank or indented deeper."""
    lines, blocks, inside = text.split("\n"), [], set()
    for index, line in enumerate(lines):
        header = HEADER.match(line)
        if not header or index in inside:
            continue
        depth, end = len(header.group("prefix").expandtabs(4)), index + 1
        while end < len(lines) and not (lines[end].strip(" \t>#") and
                                        len(PREFIX.match(lines[end]).group(0).expandtabs(4)) <= depth):
            end += 1
        blocks.append("\n".join(lines[index + 1:end]))
        inside.update(range(index, end))
    return blocks, "\n".join(line for index, line in enumerate(lines) if index not in inside)


def source_files(root: Path) -> list[Path]:
    """Every page, snippet and notebook of the content folders."""
    return sorted(path for top in ("docs", *COURSES) for path in (root / top).rglob("*")
                  if path.suffix in (".md", ".py") and path.is_file() and not path.is_symlink())


def _runs(text: str, step: int = 1):
    words = WORD.findall(text.lower())
    for start in range(0, len(words) - FINGERPRINT_WORDS + 1, step):
        yield " ".join(words[start:start + FINGERPRINT_WORDS])


def fingerprints(sources: dict[str, str]) -> dict[int, str]:
    """hash of each run of words in a facilitator block -> the block's source (shown path).
    Runs that the sources also say outside facilitator blocks are not the notes' own words."""
    found: dict[int, str] = {}
    public: set[int] = set()
    for shown, text in sources.items():
        blocks, rest = split(text)
        public.update(hash(run) for run in _runs(rest))
        for body in blocks:
            for run in _runs(body):
                found.setdefault(hash(run), shown)
    return {run: shown for run, shown in found.items() if run not in public}


def _visible_text(path: Path) -> str:
    raw = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".json":  # the search index: titles and texts of every entry
        try:
            docs = json.loads(raw).get("docs", [])
        except (ValueError, AttributeError):
            docs = []
        raw = " ".join(f"{doc.get('title', '')} {doc.get('text', '')}" for doc in docs if isinstance(doc, dict))
    return html.unescape(TAG.sub(" ", raw))


def leaks(site: Path, prints: dict[int, str]) -> list[Leak]:
    """Facilitator text in the learner view's pages and search index (the facilitator view's
    folder is left out: the notes belong there)."""
    found = []
    if not prints:
        return found
    outputs = [p for p in sorted(site.rglob("*.html")) if p.relative_to(site).parts[0] != FACILITATOR_FOLDER]
    outputs += [p for p in (site / "search" / "search_index.json",) if p.is_file()]
    for path in outputs:
        for run in _runs(_visible_text(path), STEP):
            if hash(run) in prints:
                found.append(Leak(path.relative_to(site).as_posix(), prints[hash(run)], run))
                break
    return found
