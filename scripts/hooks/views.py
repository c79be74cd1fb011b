"""MkDocs hook: the learner view and the facilitator view, from one source (scripts/pacer/views.py).

A normal build is the learner view: facilitator notes and the guides in docs/guides/ are
left out. At its end it builds the facilitator view into ``facilitator/`` inside the same site
(its own search index and print pages; notebooks come from the same cache). ``mkdocs serve``
previews one view: the learner view, or the facilitator view with ``PACER_VIEW=facilitator``
(``make serve VIEW=facilitator``). The offline copy holds the learner view only.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.plugins import event_priority
from mkdocs.utils import CountHandler

from pacer import build
from pacer.render import views

# The MkDocs command of this process (build, serve, gh-deploy): not per-build state.
_command = {"name": "build"}


def on_startup(command, dirty):
    _command["name"] = command


def _problems_so_far() -> int:
    """Warnings and errors this build has logged (MkDocs counts them for --strict)."""
    counters = [h for h in logging.getLogger("mkdocs").handlers if isinstance(h, CountHandler)]
    return sum(count for counter in counters for _level, count in counter.get_counts())


def _offline(config) -> bool:
    offline = config.plugins.get("material/offline")
    return bool(offline and offline.config.enabled)


# After scripts/hooks/contract.py (100) has loaded the model for this build.
@event_priority(90)
def on_config(config):
    if views.current() == views.FACILITATOR:
        config.site_url = (config.site_url or "").rstrip("/") + "/" + views.FACILITATOR_FOLDER + "/"
        config.extra["pacer_view"] = views.FACILITATOR
    else:
        config.nav = _learner_nav(config.nav)
        config.extra["pacer_view"] = views.LEARNER
    return config


def _learner_nav(nav):
    """The navigation without the pages only facilitators see."""
    if isinstance(nav, list):
        kept = [_learner_nav(item) for item in nav]
        return [item for item in kept if item not in (None, [], {})]
    if isinstance(nav, dict):
        kept = {title: _learner_nav(target) for title, target in nav.items()}
        return {title: target for title, target in kept.items() if target not in (None, [], {})} or None
    if isinstance(nav, str) and views.facilitator_only(nav):
        return None
    return nav


# Before scripts/hooks/notebooks.py (0) makes pages of the notebooks: the learner view drops the facilitator pages.
@event_priority(40)
def on_files(files, config):
    if views.current() == views.LEARNER:
        for file in [f for f in files if views.facilitator_only(f.src_uri)]:
            files.remove(file)
    return files


# Before scripts/hooks/contract.py (0) renders the page, so nothing generated sees the notes.
@event_priority(50)
def on_page_markdown(markdown: str, page, config, files) -> str:
    if views.current() == views.LEARNER:
        return views.without_facilitator_blocks(markdown)
    return views.opened_facilitator_blocks(markdown)


# After the sanitizer (-100): the switch is the site's own link, made from the page's address.
@event_priority(-110)
def on_page_content(content: str, page, config, files) -> str:
    view = views.current()
    other = None if view == views.FACILITATOR and views.facilitator_only(page.file.src_uri) else \
        views.other_view_url(page.url, view)
    return build.state(config).renderer.render("view-switch", view=view, other=other) + "\n" + content


# Last of all: the learner view is complete, so the facilitator view can be built beside it.
@event_priority(-100)
def on_post_build(config):
    if views.current() == views.FACILITATOR or _command["name"] == "serve" or _offline(config) \
            or os.environ.get(views.VIEWS_VARIABLE) == views.LEARNER:
        return
    # When this view already had problems, the facilitator view is still built (so its links
    # work) but quietly and not strictly: it would only report the same problems again.
    quiet = _problems_so_far() > 0
    mkdocs_log = logging.getLogger("mkdocs")
    level, before = mkdocs_log.level, os.environ.get(views.VIEW_VARIABLE)
    os.environ[views.VIEW_VARIABLE] = views.FACILITATOR
    if quiet:
        mkdocs_log.setLevel(logging.CRITICAL)
    try:
        facilitator = load_config(config.config_file_path, strict=config.strict and not quiet,
                                  site_dir=str(Path(config.site_dir) / views.FACILITATOR_FOLDER),
                                  use_directory_urls=config.use_directory_urls)
        mkdocs_build.build(facilitator)
    finally:
        mkdocs_log.setLevel(level)
        if before is None:
            os.environ.pop(views.VIEW_VARIABLE, None)
        else:
            os.environ[views.VIEW_VARIABLE] = before
