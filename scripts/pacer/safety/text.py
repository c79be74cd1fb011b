"""Text from content that the theme prints without escaping (navigation and page titles)."""

from __future__ import annotations

from html import escape


def plain_title(title: str) -> str:
    """A title as safe plain text: Material prints navigation titles without escaping them,
    so characters that mean markup become entities (a title shows as typed, never runs)."""
    return escape(" ".join(str(title).split()), quote=True)
