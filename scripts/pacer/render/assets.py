"""The site's own stylesheets, and its own scripts, each served as one file.

On a slow connection a request costs more than its bytes. The sources stay separate files in
overrides/assets/, one concern each, listed in mkdocs.yml under ``extra_css`` and
``extra_javascript`` as usual; the build serves each list as one file, made from the sources in
the listed order, and leaves the sources out of the built site. The two search scripts that run
before Material's bundle are served the same way, as ``search.js`` (``BEFORE_BUNDLE``), which
overrides/main.html links just before the bundle.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

COMBINED = {"extra_css": "assets/stylesheets/site.css", "extra_javascript": "assets/javascripts/site.js"}
SEARCH = "assets/javascripts/search.js"
BEFORE_BUNDLE = ["assets/javascripts/search-forgives.js", "assets/javascripts/search-on-demand.js"]


def _path(entry) -> str:
    """A list entry's file. A script with options (type, defer, async) cannot share a file."""
    if not isinstance(entry, str) and (entry.type or entry.defer or entry.async_):
        raise PluginError(f"mkdocs.yml: the script {entry.path} under extra_javascript has options (type, defer or "
                          "async); the site's scripts are served as one file, so list it without them.")
    return str(entry)


def combine_lists(config) -> dict[str, list[str]]:
    """Point extra_css and extra_javascript at the combined files; combined file -> its sources."""
    sources = {}
    for setting, combined in COMBINED.items():
        sources[combined] = [_path(entry) for entry in config[setting]]
        config[setting] = [combined] if sources[combined] else []
    sources[SEARCH] = list(BEFORE_BUNDLE)
    return sources


def combine_files(files, config, sources: dict[str, list[str]]) -> None:
    for combined, listed in sources.items():
        parts = []
        for source in listed:
            file = files.get_file_from_path(source)
            if file is None:
                where = "scripts/pacer/render/assets.py lists" if combined == SEARCH else "mkdocs.yml lists"
                raise PluginError(f"{where} {source} (extra_css, extra_javascript or BEFORE_BUNDLE), but there is "
                                  "no such file in overrides/assets/: check the name, or remove it from the list.")
            # Each source ends its own statements; the newline and the name keep them apart and findable.
            parts.append(f"/* {source} */\n{file.content_string.rstrip()}\n")
            files.remove(file)
        if parts:
            files.append(File.generated(config, combined, content="\n".join(parts)))
