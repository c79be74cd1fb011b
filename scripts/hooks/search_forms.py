"""MkDocs hook: the search index carries the site's other words for the same thing.

After Material's search plugin writes ``search/search_index.json`` (priority 0) and before the
offline plugin copies it into a script for the offline copy (-100), the index's ``config`` gets
a ``forms`` list (scripts/pacer/search_forms.py) that the search box uses to widen each query
(Material hands only the index's ``config`` and ``docs`` to its search worker).
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.plugins import event_priority

from pacer import build
from pacer.render.search_forms import word_forms

INDEX = Path("search") / "search_index.json"


@event_priority(-50)
def on_post_build(config):
    index = Path(config.site_dir) / INDEX
    if not index.is_file():  # search switched off
        return
    data = json.loads(index.read_text(encoding="utf-8"))
    data["config"]["forms"] = word_forms(build.state(config).curriculum.glossary)
    index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
