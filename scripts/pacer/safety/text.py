"""Text from content that the theme prints or turns into HTML: titles, labels, tooltips.

Material prints navigation and page titles and front-matter values without escaping them, and
builds its tooltips (for a ``title`` attribute, or a navigation label cut short) as HTML from
text. So every such text from content is made plain here: markup characters become entities
in what is printed, and ``<`` and ``>`` become the look-alike quotation marks ‹ and › in
what the theme may read back as text, so no tooltip can hold an element.
"""

from __future__ import annotations

from html import escape

ANGLE_BRACKETS = str.maketrans({"<": "\u2039", ">": "\u203a"})


def inert(text: str) -> str:
    """Text with no character that could open or close an element."""
    return str(text).translate(ANGLE_BRACKETS)


def plain_title(title: str) -> str:
    """A title as safe plain text: whitespace squashed, angle brackets made inert, and the
    characters that mean markup written as entities (a title shows as typed, never runs)."""
    return escape(inert(" ".join(str(title).split())), quote=True)


def escaped(value):
    """A front-matter value (text, or lists and mappings of them) as plain titles."""
    if isinstance(value, str):
        return plain_title(value)
    if isinstance(value, dict):
        return {key: escaped(item) for key, item in value.items()}
    if isinstance(value, list):
        return [escaped(item) for item in value]
    return value
