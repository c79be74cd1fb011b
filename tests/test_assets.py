"""The site's own stylesheets and scripts, each served as one file (scripts/pacer/render/assets.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from conftest import theme_files
from pacer.render import assets


def _project(tmp_path: Path, extra_css: list, extra_javascript: list) -> tuple[MkDocsConfig, Files]:
    sources = {"assets/stylesheets/one.css": "a { color: red; }\n", "assets/stylesheets/two.css": "b { color: blue }",
               "assets/javascripts/first.js": "(function () { window.first = 1; })();",
               "assets/javascripts/second.js": "(function () { window.second = window.first + 1; })();\n",
               "assets/javascripts/search-forgives.js": "window.forgives = 1;",
               "assets/javascripts/search-on-demand.js": "window.onDemand = 1;"}
    return theme_files(tmp_path, sources, extra_css=extra_css, extra_javascript=extra_javascript)


def _build(config: MkDocsConfig, files: Files) -> tuple[MkDocsConfig, Files]:
    sources = assets.combine_lists(config)
    assets.combine_files(files, config, sources)
    return config, files


def test_each_list_becomes_one_file_in_the_listed_order_and_the_sources_are_not_published(tmp_path):
    config, files = _build(*_project(tmp_path, ["assets/stylesheets/two.css", "assets/stylesheets/one.css"],
                                     ["assets/javascripts/first.js", "assets/javascripts/second.js"]))
    assert config.extra_css == ["assets/stylesheets/site.css"]
    assert [str(script) for script in config.extra_javascript] == ["assets/javascripts/site.js"]
    css = files.get_file_from_path("assets/stylesheets/site.css").content_string
    js = files.get_file_from_path("assets/javascripts/site.js").content_string
    assert css.index("b { color: blue }") < css.index("a { color: red; }")
    assert "/* assets/stylesheets/two.css */" in css
    # Each script stays a statement of its own: the first ends before the second begins.
    assert "})();\n\n/* assets/javascripts/second.js */\n(function" in js
    search = files.get_file_from_path("assets/javascripts/search.js").content_string
    assert search.index("window.forgives = 1;") < search.index("window.onDemand = 1;"), "not in the order listed"
    assert {f.src_uri for f in files} == {"assets/stylesheets/site.css", "assets/javascripts/site.js",
                                          "assets/javascripts/search.js"}


def test_empty_lists_add_no_file(tmp_path):
    config, files = _build(*_project(tmp_path, [], []))
    assert config.extra_css == [] and config.extra_javascript == []
    assert files.get_file_from_path("assets/stylesheets/site.css") is None
    assert files.get_file_from_path("assets/javascripts/site.js") is None
    assert files.get_file_from_path("assets/javascripts/search.js") is not None, "the search scripts are the theme's"


def test_a_missing_search_script_names_the_module_that_lists_it(tmp_path):
    config, files = _project(tmp_path, [], [])
    files.remove(files.get_file_from_path("assets/javascripts/search-on-demand.js"))
    sources = assets.combine_lists(config)
    with pytest.raises(PluginError, match=r"render/assets.py lists assets/javascripts/search-on-demand.js .*no such"):
        assets.combine_files(files, config, sources)


def test_a_listed_file_that_does_not_exist_is_named(tmp_path):
    config, files = _project(tmp_path, ["assets/stylesheets/one.css", "assets/stylesheets/three.css"], [])
    sources = assets.combine_lists(config)
    with pytest.raises(PluginError, match=r"mkdocs.yml lists assets/stylesheets/three.css .*no such file"):
        assets.combine_files(files, config, sources)


def test_a_script_with_options_cannot_share_the_file(tmp_path):
    config, _ = _project(tmp_path, [], ["assets/javascripts/first.js", {"path": "assets/javascripts/second.js", "type": "module"}])
    with pytest.raises(PluginError, match=r"assets/javascripts/second.js under extra_javascript has options"):
        assets.combine_lists(config)
