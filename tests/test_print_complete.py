"""The printable course holds every page of its modules, or gives the web address of each page
it cannot hold (a notebook's worked analysis), written out once."""

from __future__ import annotations

import re

import pytest
from lxml import html

from pacer import model
from pacer.paths import ROOT

SITE_URL = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)
COURSES = sorted(model.load(ROOT).courses)


def _text(element) -> str:
    return " ".join(element.text_content().split())


@pytest.mark.parametrize("course", COURSES)
def test_the_print_page_holds_or_addresses_every_module_page(built_site, course):
    site = built_site.site
    printed = html.parse(str(site / course / "print" / "index.html")).getroot()
    printed_text = _text(printed)
    addresses = {a.get("href") for a in printed.iter("a")}
    pages = sorted(p for p in (site / course).glob("[0-9][0-9]-*/**/index.html"))
    assert pages, f"{course} has no module pages"
    missing = []
    for page in pages:
        title = _text(html.parse(str(page)).getroot().cssselect("article h1")[0]).rstrip("¶").strip()
        address = SITE_URL + page.parent.relative_to(site).as_posix() + "/"
        if address in addresses:
            shown = [a for a in printed.iter("a") if a.get("href") == address]
            assert all(_text(a) == address for a in shown), f"{address}: printed with another text"
        elif title not in printed_text:
            missing.append(f"{page.parent.relative_to(site).as_posix()}/ ({title})")
    assert not missing, f"{course}/print/ neither holds nor gives the address of: {missing}"
    online_only = printed.cssselect(".pacer-print-online-only a")
    assert all(a.get("data-pacer-shows-address") is not None for a in online_only), \
        "an address written as link text is not marked, so print would write it twice"
