"""A pull request's preview (`make preview PR=12`): built for its own address, it says what it is.

The preview of a small project is built once per session (conftest.preview_site, both views, as
`make preview` builds them); the published site's build (built_site) is the control. The browser
checks (storage keys, axe on the banner) are in tests/browser/test_preview_banner.py.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from lxml import html as lxml_html
from mkdocs.config.base import ValidationError

import check_links
from conftest import PREVIEW_NUMBER, ROOT
from pacer import mkdocs_run
from pacer.preview import settings as preview_settings

PUBLISHED = "https://pacer-curriculum.github.io/pacer-curriculum/"
PREVIEW_URL = f"{PUBLISHED}pr-preview/pr-{PREVIEW_NUMBER}/"
PULL_URL = f"https://github.com/pacer-curriculum/pacer-curriculum/pull/{PREVIEW_NUMBER}"


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def banner(path: Path):
    found = lxml_html.parse(str(path)).getroot().cssselect(".md-banner .pacer-preview-banner")
    return found[0] if found else None


def page_address(site: Path, path: Path) -> str:
    relative = path.relative_to(site).as_posix()
    return relative[: -len("index.html")] if relative.endswith("index.html") else relative


def test_the_preview_is_built_for_its_own_address(preview_site):
    source_map = json.loads((preview_site.site / ".source-map.json").read_text(encoding="utf-8"))
    assert source_map["site_url"] == PREVIEW_URL
    facilitator = json.loads((preview_site.site / "facilitator" / ".source-map.json").read_text(encoding="utf-8"))
    assert facilitator["site_url"] == PREVIEW_URL + "facilitator/"
    canonical = lxml_html.parse(str(preview_site.site / "course2/01-preview/index.html")).getroot().cssselect("link[rel=canonical]")
    assert canonical[0].get("href") == PREVIEW_URL + "course2/01-preview/"


def test_every_preview_page_carries_the_banner_with_both_links(preview_site):
    site = preview_site.site
    checked = 0
    for path in pages(site):
        found = banner(path)
        assert found is not None, f"{path.relative_to(site)} has no preview banner"
        text = " ".join(found.text_content().split())
        assert f"Preview of pull request #{PREVIEW_NUMBER}, not the published course." in text
        links = {a.text_content().strip(): a.get("href") for a in found.iter("a")}
        assert links[f"Pull request #{PREVIEW_NUMBER} on GitHub"] == PULL_URL
        published = links["This page on the published course"]
        if path.name == "404.html":  # a page made from a template alone: the published home page
            assert published in (PUBLISHED, PUBLISHED + "facilitator/"), published
        else:  # the same page, in the same view, on the published course
            assert published == PUBLISHED + page_address(site, path), (path, published)
        checked += 1
    assert checked >= 8 and (site / "facilitator" / "course2/01-preview/index.html").is_file()


def test_every_preview_page_asks_not_to_be_indexed_and_there_is_no_sitemap(preview_site):
    site = preview_site.site
    for path in pages(site):
        head = lxml_html.parse(str(path)).getroot().find("head")
        robots = [m.get("content") for m in head.iter("meta") if m.get("name") == "robots"]
        assert robots == ["noindex"], f"{path.relative_to(site)}: {robots}"
    assert not list(site.rglob("sitemap.xml*")), "a preview has no sitemap"


def test_every_preview_page_names_its_storage_prefix_before_the_script_that_reads_it(preview_site):
    for path in pages(preview_site.site):
        text = path.read_text(encoding="utf-8")
        meta = text.find(f'<meta name="pacer-storage-prefix" content="pr-{PREVIEW_NUMBER}:">')
        reader = text.find("window.pacerStorageKey = function")
        assert 0 <= meta < reader, f"{path}: the prefix must come before the script that reads it"


def test_the_preview_passes_the_link_checker(preview_site):
    result = check_links.run(preview_site.site, preview_site.project)
    assert result.source_map_found
    assert result.problems == [], "\n".join(map(str, result.problems))
    assert result.stats.pages >= 8


def test_the_preview_keeps_the_content_security_policy(preview_site):
    text = (preview_site.site / "course2/01-preview/index.html").read_text(encoding="utf-8")
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', text).group(1)
    assert "script-src 'self' 'sha256-" in policy and "unsafe-inline" not in policy


def test_the_source_map_lists_each_pages_terms_and_citations(preview_site):
    source_map = json.loads((preview_site.site / ".source-map.json").read_text(encoding="utf-8"))
    entry = source_map["pages"]["course2/01-preview/index.html"]
    assert entry["source"] == "course2/01-preview/index.md"
    assert entry["title"] == "Interviewing for the preview"
    assert entry["terms"] == ["Member checking"]
    assert entry["cites"] == ["braun2006", "kallio2016"]   # front matter and text


def test_the_published_site_has_none_of_it(built_site):
    site = built_site.site
    page = (site / "course2/01-interviewing/index.html").read_text(encoding="utf-8")
    assert "pacer-preview-banner" not in page and 'class="md-banner"' not in page
    assert 'name="robots"' not in page and '<meta name="pacer-storage-prefix"' not in page
    assert (site / "sitemap.xml").is_file()
    assert json.loads((site / ".source-map.json").read_text(encoding="utf-8"))["site_url"] == PUBLISHED


# --- the option and `make preview` ----------------------------------------------------------------

@pytest.mark.parametrize("value, number", [("", None), (None, None), ("12", 12), (12, 12), ("#7", 7), (" 3 ", 3)])
def test_the_preview_option_takes_a_pull_request_number(value, number):
    assert preview_settings.PullRequestNumber().validate(value) == number


@pytest.mark.parametrize("value", ["abc", "12; rm -rf /", "-1", "0", "1.5", True, "../12"])
def test_the_preview_option_refuses_anything_else_and_says_how(value):
    with pytest.raises(ValidationError, match=r"whole number such as 12 \(make preview PR=12\)"):
        preview_settings.PullRequestNumber().validate(value)


def test_a_preview_needs_the_published_address_and_the_repository():
    with pytest.raises(ValueError, match="site_url and repo_url"):
        preview_settings.settings(12, "", "https://github.com/o/r")
    made = preview_settings.settings(5, "https://o.github.io/r", "https://github.com/o/r/", "facilitator/")
    assert made.site_url == "https://o.github.io/r/pr-preview/pr-5/"
    assert made.pull_url == "https://github.com/o/r/pull/5"
    assert made.banner("guides/")["published_url"] == "https://o.github.io/r/facilitator/guides/"
    assert made.storage_prefix == "pr-5:"


def test_a_build_with_a_bad_number_stops_with_a_clear_message(tmp_path):
    result = mkdocs_run.build(ROOT, tmp_path / "site", env=mkdocs_run.environment(PACER_PREVIEW="twelve"))
    assert result.returncode != 0
    assert "the preview's pull request number must be a whole number such as 12 (make preview PR=12), not 'twelve'" in result.stdout + result.stderr
    assert not (tmp_path / "site").exists()


def make(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "--no-print-directory", *arguments], cwd=ROOT, capture_output=True, text=True)


def test_make_preview_builds_both_views_for_the_pull_request_as_typed():
    commands = make("-n", "preview", "PR=12").stdout
    assert "PACER_PREVIEW='12' .venv/bin/mkdocs build --strict --site-dir site-preview\n" in commands
    assert "PACER_PREVIEW='12' PACER_VIEW=facilitator .venv/bin/mkdocs build --strict --site-dir site-preview/facilitator" in commands
    quoted = make("-n", "preview", "PR=1'; touch x").stdout   # handed to the plugin as typed, which refuses it
    assert "PACER_PREVIEW='1'\\''; touch x' " in quoted


def test_make_preview_without_a_number_says_how():
    result = make("preview")
    assert result.returncode != 0
    assert "make preview: say which pull request, for example: make preview PR=12" in result.stdout + result.stderr
    assert "site-preview/" in (ROOT / ".gitignore").read_text(encoding="utf-8").split()
