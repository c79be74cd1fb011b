"""MkDocs hook: the site's own stylesheets, and its own scripts, each served as one file.

On a slow connection a request costs more than its bytes. A page asked for three stylesheets of
ours before it could be drawn, and five scripts of ours one after another (the page's
Content-Security-Policy, a <meta> tag, stops the browser looking ahead for them, so each was
fetched only once the one before it had run). The sources stay separate files in
overrides/assets/, one concern each, listed in mkdocs.yml under ``extra_css`` and
``extra_javascript`` as usual; this hook serves each list as one file, made from the sources in
the listed order, and leaves the sources out of the built site. The two search scripts that
run before Material's bundle are served the same way, as ``search.js`` (``BEFORE_BUNDLE``).
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

COMBINED = {"extra_css": "assets/stylesheets/site.css", "extra_javascript": "assets/javascripts/site.js"}
# The two scripts that must run before Material's bundle, served as one file that
# overrides/main.html links just before the bundle: one request fewer before the bundle starts.
SEARCH = "assets/javascripts/search.js"
BEFORE_BUNDLE = ["assets/javascripts/search-forgives.js", "assets/javascripts/search-on-demand.js"]
_sources: dict[str, list[str]] = {}


def _path(entry) -> str:
    """A list entry's file. A script with options (type, defer, async) cannot share a file."""
    if not isinstance(entry, str) and (entry.type or entry.defer or entry.async_):
        raise PluginError(f"mkdocs.yml: the script {entry.path} under extra_javascript has options (type, defer or "
                          "async); the site's scripts are served as one file, so list it without them.")
    return str(entry)


def on_config(config):
    _sources.clear()
    for setting, combined in COMBINED.items():
        _sources[combined] = [_path(entry) for entry in config[setting]]
        config[setting] = [combined] if _sources[combined] else []
    _sources[SEARCH] = list(BEFORE_BUNDLE)
    return config


def on_files(files, config):
    for combined, sources in _sources.items():
        parts = []
        for source in sources:
            file = files.get_file_from_path(source)
            if file is None:
                listed = "scripts/hooks/combined_assets.py lists" if combined == SEARCH else "mkdocs.yml lists"
                raise PluginError(f"{listed} {source} (extra_css, extra_javascript or BEFORE_BUNDLE), but there is "
                                  "no such file in overrides/assets/: check the name, or remove it from the list.")
            # Each source ends its own statements; the newline and the name keep them apart and findable.
            parts.append(f"/* {source} */\n{file.content_string.rstrip()}\n")
            files.remove(file)
        if parts:
            files.append(File.generated(config, combined, content="\n".join(parts)))
    return files
