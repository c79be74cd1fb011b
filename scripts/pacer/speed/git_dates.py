"""The git "last update" dates of the pages, kept between builds by the commit they were read at.

The plugin git-revision-date-localized runs ``git log`` once per page on every build: about a
fifth of a warm build's CPU time. A tracked file's last commit cannot change while HEAD (and the
plugin's options) stay the same, so the dates it read are stored under ``.cache/pacer/``, keyed
by the HEAD commit and the options, and handed back to it on the next build. Only dates of
files git knows are stored: a file without a commit keeps the plugin's own fallback (the build
date). A page missing from the store is looked up by the plugin itself, as before.

The plugin also asks git, once per commit, for a tag pointing at it (``git tag --points-at``,
one process each). Tags can change without HEAD changing, so they are not stored: one
``git for-each-ref`` per build lists them all, and the plugin finds its answers already known.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

PLUGIN = "git-revision-date-localized"
FOLDER = ".cache/pacer"


def _plugin(config):
    plugin = config.plugins.get(PLUGIN)
    if plugin is None or not plugin.config.get("enabled") or not plugin.config.get("enable_parallel_processing") \
            or not getattr(plugin, "cached_head_commit", ""):
        return None
    return plugin


def _store(plugin, root: Path) -> Path:
    options = json.dumps([dict(plugin.config), sorted(plugin.util.ignored_commits)], sort_keys=True, default=str)
    key = hashlib.sha256(f"{plugin.cached_head_commit}\0{options}".encode()).hexdigest()
    return root / FOLDER / f"git-dates-{key[:24]}.json"


def restore(config, root: Path) -> None:
    """Before the plugin reads the history: give it the dates stored for this commit."""
    plugin = _plugin(config)
    if plugin is None or plugin.last_revision_commits:  # `mkdocs serve` keeps its own between rebuilds
        return
    store = _store(plugin, root)
    if not store.is_file():
        return
    try:
        stored = json.loads(store.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return  # a damaged store is read again from git
    for path, (commit, timestamp) in stored.items():
        plugin.last_revision_commits[path] = (commit, timestamp)
        plugin.cached_source_paths[path] = path
    tags, known = _tags(root), getattr(plugin.util, "tag_cache", None)
    if tags is not None and known is not None:
        for commit, _timestamp in stored.values():
            known.setdefault(commit, tags.get(commit, ""))


def _tags(root: Path) -> dict[str, str] | None:
    """Commit -> the first tag (by name, as ``git tag --points-at`` lists them) pointing at it."""
    listed = subprocess.run(["git", "for-each-ref", "refs/tags", "--sort=refname",
                             "--format=%(objectname) %(*objectname) %(refname:short)"],
                            cwd=root, capture_output=True, text=True)
    if listed.returncode:
        return None
    tags: dict[str, str] = {}
    for line in listed.stdout.splitlines():
        target, peeled, name = line.split(" ", 2)  # peeled: the commit an annotated tag names
        tags.setdefault(peeled or target, name)
    return tags


def keep(config, root: Path) -> None:
    """After the build: store the dates of tracked files, for the next build at this commit."""
    plugin = _plugin(config)
    if plugin is None:
        return
    dates = {path: list(value) for path, value in sorted(plugin.last_revision_commits.items())
             if isinstance(value, (tuple, list)) and len(value) == 2 and value[0]}
    store = _store(plugin, root)
    text = json.dumps(dates, indent=0)
    if dates and (not store.is_file() or store.read_text(encoding="utf-8") != text):
        store.parent.mkdir(parents=True, exist_ok=True)
        for old in store.parent.glob("git-dates-*.json"):  # dates of older commits are never read again
            old.unlink()
        store.write_text(text, encoding="utf-8")
