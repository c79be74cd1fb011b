"""Generated HTML blocks held out of Markdown's way, and put back after it.

A module's header and footer and its self-checks are HTML, rendered from autoescaped
templates (render/templates.py). Python-Markdown only scans such a block with its HTML parser to
find where it ends, then hands it back unchanged; on the module pages that scan was about a
tenth of a rebuild. Instead, the Markdown carries a placeholder comment on a line of its own,
and the block goes back in its place as soon as Markdown is done, before the sanitizer and
every other content handler see the page. The placeholder holds a token drawn once per
process, so a page cannot name a held block.
"""

from __future__ import annotations

import re
import secrets

TOKEN = secrets.token_hex(8)
PLACEHOLDER = re.compile(rf"<!--pacer-held-{TOKEN}-(\d+)-->")


class Held:
    """The blocks held out of one page's Markdown."""

    def __init__(self) -> None:
        self.blocks: list[str] = []

    def hold(self, html: str) -> str:
        """The placeholder that stands for ``html`` in the Markdown (nothing, for an empty block)."""
        if not html.strip():
            return html
        self.blocks.append(html)
        return f"<!--pacer-held-{TOKEN}-{len(self.blocks) - 1}-->"

    def restore(self, content: str) -> str:
        """``content`` (Markdown's HTML) with every placeholder replaced by its block."""
        return PLACEHOLDER.sub(lambda match: self.blocks[int(match.group(1))], content)


def as_is(html: str) -> str:
    """Holding nothing: the block stays in the Markdown."""
    return html
