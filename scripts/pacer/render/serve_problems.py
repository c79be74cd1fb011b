"""Under `make serve`, the build's problems are shown in the browser, on every page.

A strict build stops at its first error; under `mkdocs serve` that leaves the browser waiting
for a page that never comes, with the error only in the terminal. So the preview builds without
stopping: every warning and error of the build is collected, and while any stands, each page
opens with a panel listing them (file, line, what to do), as Docusaurus and Vite do. Problems
that make the content unsafe to read (an unsafe file, front matter that could exhaust memory)
are not read past: the preview then holds only that panel.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

BODY = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
# "path:line:column: CODE message. Fix: ..." (pacer.report) or MkDocs' own plain messages
LOCATED = re.compile(r"^(?P<where>[^\s:]+:\d+(?::\d+)?):?\s+(?P<text>.*)$", re.DOTALL)


class Collector(logging.Handler):
    """The warnings and errors MkDocs and the plugins log during one build."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        for message in record.getMessage().strip().split("\n"):
            if message.strip() and message not in self.messages:
                self.messages.append(message.strip())


def entries(messages: list[str]) -> list[dict]:
    """Each message as {where, text} for the panel's template."""
    found = []
    for message in messages:
        located = LOCATED.match(message)
        found.append({"where": located["where"], "text": located["text"]} if located else {"where": "", "text": message})
    return found


def with_panel(output: str, panel: str) -> str:
    """The page with the panel first in its body."""
    body = BODY.search(output)
    return output[:body.end()] + panel + output[body.end():] if body else panel + output


def add_to_pages(site_dir: Path, panel: str) -> None:
    """Put the panel on every page already written (problems found after a page was written
    belong on it too)."""
    for page in Path(site_dir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if 'class="pacer-build-problems"' not in text:
            page.write_text(with_panel(text, panel), encoding="utf-8")
