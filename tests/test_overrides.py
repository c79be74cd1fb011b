"""The theme overrides: each copied Material partial records the original it was copied from.

When Material is upgraded and one of those originals changes, the test fails naming the
partial, so the copy is compared and updated on purpose, not left behind silently.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import material
import pytest

from conftest import ROOT

UPSTREAM = re.compile(r"upstream: mkdocs-material (?P<version>[\d.]+) (?P<path>\S+) sha256:(?P<digest>[0-9a-f]{64})")
MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
PARTIALS_DIR = ROOT / "overrides" / "partials"
PARTIALS = sorted(PARTIALS_DIR.rglob("*.html"))


def _name(partial: Path) -> str:
    return partial.relative_to(PARTIALS_DIR).as_posix()


def test_there_are_copied_partials_to_check():
    assert PARTIALS, "no partials found in overrides/partials/"


@pytest.mark.parametrize("partial", PARTIALS, ids=_name)
def test_copied_partial_matches_the_installed_material_original(partial):
    header = UPSTREAM.search(partial.read_text(encoding="utf-8"))
    assert header, f"{_name(partial)}: its first comment must record `upstream: mkdocs-material VERSION PATH sha256:DIGEST`"
    original = MATERIAL_TEMPLATES / header["path"]
    assert original.is_file(), f"{_name(partial)}: Material no longer has {header['path']}; check the override"
    digest = hashlib.sha256(original.read_bytes()).hexdigest()
    assert digest == header["digest"], (
        f"{_name(partial)}: Material's {header['path']} changed since it was copied from {header['version']}. "
        "Compare the two, carry the change over, then record the new version and sha256 in the partial.")


def test_a_changed_original_is_noticed(tmp_path):
    """The check above can fail: a different original gives a different digest."""
    partial = PARTIALS[0]
    header = UPSTREAM.search(partial.read_text(encoding="utf-8"))
    changed = (MATERIAL_TEMPLATES / header["path"]).read_bytes() + b"\n<!-- changed upstream -->\n"
    assert hashlib.sha256(changed).hexdigest() != header["digest"]
