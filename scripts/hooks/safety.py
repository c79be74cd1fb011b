"""MkDocs hook: content from a pull request cannot run code in a reader's browser or change the tree.

* Every page's content HTML passes the one allowlist sanitizer (scripts/pacer/sanitize.py),
  after Markdown and every other content hook, before the theme. What it removes is reported as
  an error (BLD007) naming the source file, so a strict build fails and the author learns why.
* Page and table-of-contents titles become plain text: the theme prints them unescaped.
* Every page gets a Content-Security-Policy (overrides/main.html) as the second line of
  defence; its hashes for the theme's own inline scripts are computed here, at build time.
* After the build, ``git status`` must show no change outside the build's output and caches:
  a notebook that wrote into the repository fails the build (BLD004).
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
import subprocess
from pathlib import Path

from lxml import html as lxml_html
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from pacer import build
from pacer.safety import sanitize
from pacer.rules import message
from pacer.safety.text import plain_title

log = logging.getLogger("mkdocs.plugins.pacer.safety")
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>(.*?)</script>", re.DOTALL)
CSP_PLACEHOLDER = "'pacer-script-hashes'"
IGNORED_CHANGES = ("site/", ".cache/", "dist/", ".venv/")

_git_before: dict[str, str] = {}


def _git_status(root: Path) -> dict[str, str] | None:
    try:
        result = subprocess.run(["git", "status", "--porcelain", "-z", "--untracked-files=all"], cwd=root,
                                capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode != 0:
        return None  # not a git checkout (a copied folder): nothing to compare
    entries = {}
    for entry in result.stdout.split("\0"):
        if len(entry) > 3:
            path = entry[3:]
            file = root / path
            digest = hashlib.sha256(file.read_bytes()).hexdigest() if file.is_file() else "gone"
            entries[path] = entry[:2] + digest
    return entries


def on_pre_build(config):
    _git_before.clear()
    status = _git_status(build.state(config).root)
    if status is not None:
        _git_before.update(status)
        _git_before["__checked__"] = "yes"


# mkdocs-jupyter's page template (not the notebook) puts its stylesheet and loader scripts
# before the first cell, and a copy button in every code cell: kept out of the check.
# The first cell: searched for, since a lazy match up to it crawled through the template's CSS.
FIRST_CELL = re.compile(r"<div[^>]*\bjp-Cell\b")
TEMPLATE_STYLE = re.compile(r"<style\b[^>]*>.*?</style>", re.DOTALL | re.IGNORECASE)
COPY_BUTTON = re.compile(r"<clipboard-copy\b.*?</clipboard-copy>", re.DOTALL | re.IGNORECASE)


TEMPLATE_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.DOTALL | re.IGNORECASE)


def _split_notebook_template(content: str) -> tuple[str, str]:
    """(the template's stylesheets, the rest) of a notebook page: the template's own styles and
    scripts before the first cell, and its copy buttons, are not the notebook's content."""
    first_cell = FIRST_CELL.search(content)
    if not first_cell:
        return "", content
    head = content[:first_cell.start()]
    styles = "\n".join(TEMPLATE_STYLE.findall(head))
    rest = TEMPLATE_SCRIPT.sub("", TEMPLATE_STYLE.sub("", head)) + content[first_cell.start():]
    return styles, COPY_BUTTON.sub("", rest)


# Before the plugins add their own (trusted) values, such as the git date's HTML.
@event_priority(100)
def on_page_markdown(markdown: str, page, config, files) -> str:
    """Material prints front-matter values (title, description, subtitle ...) without escaping."""
    page.meta.update(_escaped(page.meta))
    return markdown


# Last of the content handlers: everything that adds HTML to the content has run before.
@event_priority(-100)
def on_page_content(content: str, page, config, files) -> str:
    shown = build.state(config).shown(page.file)
    template_styles = ""
    if not page.file.src_uri.endswith(".md"):
        template_styles, content = _split_notebook_template(content)
    safe, removals = sanitize.cleaned(content)
    for removal in removals:
        near = f" (near \"{removal.text}\")" if removal.text else ""
        log.error(f"{shown}:1:1: BLD007 " + message("BLD007", f"{removal.what} was removed{near}"))
    if "title" not in page.meta:  # a title from the first heading or the file name
        page.meta["title"] = plain_title(page.title or "")
    for item in _toc_items(page.toc):
        item.title = plain_title(lxml_html.fromstring(f"<span>{item.title}</span>").text_content())
    # The template's stylesheet goes on to scripts/hooks/notebooks.py, which moves it to a file.
    return template_styles + safe


def _escaped(value):
    if isinstance(value, str):
        return plain_title(value)
    if isinstance(value, dict):
        return {key: _escaped(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_escaped(item) for item in value]
    return value


def _toc_items(toc):
    for item in toc or []:
        yield item
        yield from _toc_items(item.children)


def _with_script_hashes(output: str) -> str:
    hashes = sorted({"'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
                     for body in INLINE_SCRIPT.findall(output)})
    return output.replace(CSP_PLACEHOLDER, " ".join(hashes) or "'none'", 1)


@event_priority(-100)
def on_post_page(output: str, page, config) -> str:
    """Fill the page's Content-Security-Policy with the hashes of its inline scripts."""
    return _with_script_hashes(output)


def on_post_template(output: str, template_name: str, config) -> str:
    """The same for pages made from a template alone (404.html)."""
    return _with_script_hashes(output)


def on_post_build(config):
    if not _git_before:
        return
    after = _git_status(build.state(config).root) or {}
    before = {k: v for k, v in _git_before.items() if k != "__checked__"}
    changed = sorted(path for path in set(before) | set(after)
                     if before.get(path) != after.get(path) and not path.startswith(IGNORED_CHANGES)
                     and "__pycache__/" not in path)
    if changed:
        shown = ", ".join(changed[:10]) + (" ..." if len(changed) > 10 else "")
        raise PluginError(f"{changed[0]}:1:1: BLD004 " + message("BLD004", f"the build changed or created: {shown}"))
