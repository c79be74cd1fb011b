"""MkDocs hook: Material's palette stylesheet without its rule for the moment of a colour switch.

Material stops every transition while the colour scheme switches, so that nothing fades into its
new colour, with one rule: ``[data-md-color-switching] *``. Its bundle sets that attribute on
<body>, and takes it off again, on every page load, not only when a learner switches; each time,
the rule makes the browser restyle the whole page. On a slow phone those two restyles were a
good part of the work that delays the first tap. This hook serves the stylesheet without the
rule; overrides/assets/javascripts/palette-switch.js stops the transitions only when the scheme
really switches, with a class of its own (styled in reading.css).
"""

from __future__ import annotations

import re

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

STYLESHEET = re.compile(r"assets/stylesheets/palette\.[0-9a-f]+\.min\.css")
RULE = ("[data-md-color-switching] *,[data-md-color-switching] :after,[data-md-color-switching] :before"
        "{transition-duration:0s!important}")


def without_switching_rule(css: str, name: str) -> str:
    """The stylesheet with the rule blanked out. Spaces of the same length keep every later rule
    where Material's source map says it is."""
    if css.count(RULE) != 1 or css.count("data-md-color-switching") != RULE.count("data-md-color-switching"):
        raise PluginError(f"{name}: Material's palette stylesheet no longer has its rule for "
                          f"[data-md-color-switching] exactly as scripts/hooks/palette_switch.py expects "
                          f"({RULE}). A Material upgrade changed it: read the new rule, then update RULE "
                          "in that hook, or remove the hook and palette-switch.js if Material no longer "
                          "sets the attribute on every page load.")
    return css.replace(RULE, " " * len(RULE))


def on_files(files, config):
    stylesheets = [file for file in files if STYLESHEET.fullmatch(file.src_uri)]
    if len(stylesheets) != 1:
        raise PluginError("scripts/hooks/palette_switch.py expects one palette stylesheet from Material "
                          f"(assets/stylesheets/palette.*.min.css) and found {len(stylesheets)}: check the "
                          "theme's version, and update the hook's STYLESHEET pattern.")
    original = stylesheets[0]
    css = without_switching_rule(original.content_string, original.src_uri)
    files.remove(original)
    files.append(File.generated(config, original.src_uri, content=css))
    return files
