"""MkDocs hook: work a build need not do again, without changing what it publishes.

* compiled templates (``pacer/template_cache.py``): Material's and the overrides', kept
  between builds and checked against each template's source;
* each page's search entries (``pacer/search_entries.py``): Material's search plugin parses a
  page's HTML again only when the page changed;
* each Markdown page's render (``pacer/kept_markdown.py``): its HTML, table of contents and
  anchors, made again only when anything Markdown reads for it changed;
* the generated HTML blocks of module pages (``pacer/held_html.py``), held out of Markdown by
  scripts/hooks/contract.py and put back here, first of the content handlers.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

from pacer import build
from pacer.speed import kept_markdown, search_entries
from pacer.cache import template_cache


def on_config(config):
    search_entries.install()
    search_entries.load(build.state(config).root)
    kept_markdown.load(build.state(config).root)


# The files are final once the navigation is made, and no page is rendered yet.
@event_priority(-100)
def on_nav(nav, config, files):
    build.state(config).markdown_digest = kept_markdown.site_digest(config, files)
    return nav


def on_env(env, config, files):
    return template_cache.keep_compiled(env, build.state(config).root)


# Last of the page handlers: a page whose render another plugin replaced (a notebook) is left alone.
@event_priority(-100)
def on_pre_page(page, config, files):
    kept_markdown.keep_render(page, build.state(config).markdown_digest)
    return page


# First of the content handlers: the sanitizer and every other handler see the whole page.
@event_priority(100)
def on_page_content(content: str, page, config, files) -> str:
    held = build.state(config).held.pop(page.file.src_uri, None)
    return held.restore(content) if held else content


# After Material's search plugin (priority 0) has used the entries.
@event_priority(-10)
def on_post_build(config):
    search_entries.save(build.state(config).root)
    kept_markdown.save(build.state(config).root)
