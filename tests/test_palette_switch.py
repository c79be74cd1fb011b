"""Material's palette stylesheet, served without its rule for the moment of a colour switch
(scripts/hooks/palette_switch.py); the browser test of the switch itself is in
tests/browser/test_reading_preferences.py."""

from __future__ import annotations

from pathlib import Path

import material
import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from conftest import theme_files
from hooks import palette_switch

MATERIAL_STYLESHEETS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
INSTALLED = sorted(MATERIAL_STYLESHEETS.glob("palette.*.min.css"))


def test_the_installed_material_has_one_palette_stylesheet():
    assert len(INSTALLED) == 1, f"Material's palette stylesheets: {INSTALLED}"


def test_the_rule_is_blanked_and_every_other_rule_keeps_its_place():
    original = INSTALLED[0].read_text(encoding="utf-8")
    served = palette_switch.without_switching_rule(original, INSTALLED[0].name)
    assert "data-md-color-switching" not in served
    assert len(served) == len(original), "Material's source map would point at the wrong rules"
    start = original.index(palette_switch.RULE)
    end = start + len(palette_switch.RULE)
    assert served[:start] == original[:start] and served[end:] == original[end:]
    assert served[start:end].strip() == ""


@pytest.mark.parametrize("css", [
    "a{color:red}",  # the rule is gone
    "[data-md-color-switching] *{transition:none!important}",  # the rule was rewritten
    palette_switch.RULE + "[data-md-color-switching] .md-header{color:red}",  # a second rule uses the attribute
])
def test_a_stylesheet_that_is_not_as_expected_stops_the_build_and_says_what_to_do(css):
    with pytest.raises(PluginError, match=r"palette\.1234\.min\.css: .*update RULE in that hook") as error:
        palette_switch.without_switching_rule(css, "palette.1234.min.css")
    assert "scripts/hooks/palette_switch.py" in str(error.value)


def _files(tmp_path: Path, names: list[str]) -> tuple[MkDocsConfig, Files]:
    return theme_files(tmp_path, {name: "b{color:blue}" + palette_switch.RULE + "i{color:red}" for name in names})


def test_the_hook_serves_the_stylesheet_under_its_own_name(tmp_path):
    config, files = _files(tmp_path, ["assets/stylesheets/palette.ab12.min.css", "assets/stylesheets/main.cd34.min.css"])
    files = palette_switch.on_files(files, config)
    served = files.get_file_from_path("assets/stylesheets/palette.ab12.min.css").content_string
    assert served.startswith("b{color:blue}") and served.endswith("i{color:red}")
    assert "data-md-color-switching" not in served
    assert "data-md-color-switching" in files.get_file_from_path("assets/stylesheets/main.cd34.min.css").content_string


@pytest.mark.parametrize("names", [[], ["assets/stylesheets/palette.ab12.min.css", "assets/stylesheets/palette.ef56.min.css"]],
                         ids=["none", "two"])
def test_no_palette_stylesheet_or_two_stop_the_build(tmp_path, names):
    config, files = _files(tmp_path, names)
    with pytest.raises(PluginError, match=rf"palette_switch.py expects one palette stylesheet .* found {len(names)}"):
        palette_switch.on_files(files, config)


def test_the_built_site_serves_no_rule_for_the_switching_attribute(built_site):
    stylesheets = sorted((built_site.site / "assets" / "stylesheets").glob("*.css"))
    assert any(sheet.name.startswith("palette.") for sheet in stylesheets)
    assert [sheet.name for sheet in stylesheets if "data-md-color-switching" in sheet.read_text(encoding="utf-8")] == []
    assert "html.pacer-palette-switching *" in (built_site.site / "assets" / "stylesheets" / "site.css").read_text(
        encoding="utf-8")
