"""The plugin's page pipeline: its steps in order, the sanitizer last."""

from __future__ import annotations

from pacer.render import held_html


def test_held_blocks_go_back_in_their_place_and_a_page_cannot_name_one():
    held = held_html.Held()
    header, footer = held.hold('<div class="header">H</div>'), held.hold("<footer>F</footer>")
    assert held.hold("  \n") == "  \n", "an empty block needs no placeholder"
    forged = "<!--pacer-held-0123456789abcdef-0-->"
    content = f"{header}\n<p>body {forged}</p>\n{footer}"
    assert held.restore(content) == f'<div class="header">H</div>\n<p>body {forged}</p>\n<footer>F</footer>'
