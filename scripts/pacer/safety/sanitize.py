"""The one allowlist sanitizer for every page's content HTML.

Content comes from pull requests, so it is untrusted. After Markdown (and after the build has
added its own fragments) each page's content HTML is cleaned by ``nh3`` (the Python binding of
ammonia, a well-kept Rust sanitizer built on the html5ever parser that browsers' parsing rules
follow): only the elements and attributes below survive, no event handlers, no ``javascript:``
or ``data:`` URLs (except images the build made), no ``base``, ``meta``, ``link``, ``style``,
``script``, ``iframe``, ``object``, ``embed`` or ``form``. It holds by construction: whatever
a check would have missed is simply not in the allowlist.

``removed`` lists what the sanitizer would take out (parsed with lxml), so the build can
report it to the author with the file and a code instead of silently losing text.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import nh3
from lxml import etree, html

from pacer.safety.text import inert

_TEXT = {"a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "col", "colgroup",
         "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4",
         "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "nav", "ol", "p", "pre", "q", "s", "samp",
         "section", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
         "thead", "time", "tr", "u", "ul", "var", "wbr", "aside", "article", "header", "footer", "main"}
# Native controls: content tabs (radio + label), task lists (checkbox), the site's self-checks.
_CONTROLS = {"input", "label", "fieldset", "legend", "button"}
# Inline SVG figures (the notebooks' charts, Material's icons in admonitions and badges).
_SVG = {"svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan",
        "title", "desc", "defs", "clippath", "lineargradient", "stop", "symbol", "use", "marker"}
ALLOWED_TAGS = _TEXT | _CONTROLS | _SVG

_GLOBAL = {"id", "class", "title", "lang", "dir", "role", "hidden", "tabindex", "translate"}
_SVG_ATTRIBUTES = {"viewbox", "xmlns", "width", "height", "x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r",
                   "rx", "ry", "d", "points", "fill", "fill-opacity", "stroke", "stroke-width", "stroke-linecap",
                   "stroke-linejoin", "stroke-dasharray", "stroke-opacity", "opacity", "transform", "font-size",
                   "font-family", "font-weight", "text-anchor", "dominant-baseline", "clip-path",
                   "preserveaspectratio", "focusable", "offset", "stop-color", "version", "href",
                   "markerwidth", "markerheight", "refx", "refy", "orient", "gradientunits",
                   "dx", "dy", "alignment-baseline", "vector-effect", "letter-spacing", "fill-rule", "clip-rule",
                   "marker-end", "marker-start", "stroke-miterlimit", "font-style", "baseline-shift"}
ALLOWED_ATTRIBUTES = {
    "*": _GLOBAL,
    "a": {"href", "rel", "hreflang", "download", "name"},
    "img": {"src", "alt", "width", "height", "loading", "decoding", "srcset", "sizes"},
    "td": {"colspan", "rowspan", "headers"}, "th": {"colspan", "rowspan", "headers", "scope", "abbr"},
    "col": {"span"}, "colgroup": {"span"},
    "ol": {"start", "reversed", "type"}, "li": {"value"},
    "details": {"open", "name"}, "time": {"datetime"}, "abbr": {"title"}, "q": {"cite"}, "blockquote": {"cite"},
    "del": {"datetime", "cite"}, "ins": {"datetime", "cite"},
    "input": {"type", "name", "value", "checked", "disabled", "id"},
    "label": {"for"}, "button": {"type", "disabled"}, "fieldset": {"disabled"},
    **{tag: _SVG_ATTRIBUTES for tag in _SVG},
}
ATTRIBUTE_PREFIXES = {"aria-", "data-"}
INPUT_TYPES = {"radio", "checkbox"}
BUTTON_TYPES = {"button"}
URL_ATTRIBUTES = {"href", "src", "cite", "srcset"}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Figures the build saved as files are linked by name; inline images may only be pictures.
# An SVG shown through <img> runs no script and loads nothing (browsers treat it as a picture).
DATA_IMAGE = re.compile(r"^data:image/(?:png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/=\s]+$", re.IGNORECASE)
# Ids and names the theme relies on (__config, __drawer, __search ...) must not be taken by
# content, or a page could stand in for the theme's own elements; only the ids that Markdown
# extensions make themselves may start with "__".
RESERVED_ID = re.compile(r"^__(?!tabbed_|codelineno-|span-|fnref|fn)")
SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")
# Whitespace and control characters that browsers drop inside a URL's scheme ("java\tscript:").
URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")


def _safe_url(value: str) -> bool:
    squashed = URL_NOISE.sub("", value)
    if DATA_IMAGE.match(value.strip()):
        return True
    scheme = SCHEME.match(squashed)
    return scheme is None or scheme.group(1).lower() in URL_SCHEMES


def _local(value: str) -> bool:
    """A URL the page loads (an image) must come from the site itself, or be a picture's data."""
    squashed = URL_NOISE.sub("", value)
    if DATA_IMAGE.match(value.strip()):
        return True
    return SCHEME.match(squashed) is None and not squashed.startswith(("//", "\\", "/\\", "\\/"))


# Attributes the theme shows as a tooltip, which Material builds as HTML from their text.
TOOLTIP_ATTRIBUTES = {"title"}


def _attribute_filter(tag: str, name: str, value: str) -> str | None:
    if name in TOOLTIP_ATTRIBUTES:
        return inert(value)  # text only: no character in it can open an element
    if name in URL_ATTRIBUTES and tag != "use":
        if name == "srcset":
            return value if all(_local(part.strip().split(" ")[0]) for part in value.split(",") if part.strip()) else None
        if name == "src":  # loaded with the page: the site requests nothing from other hosts
            return value if _local(value) else None
        return value if _safe_url(value) else None
    if tag == "use" and name == "href":
        return value if value.startswith("#") else None  # only symbols on the same page
    if tag == "input" and name == "type":
        return value if value.lower() in INPUT_TYPES else None
    if tag == "button" and name == "type":
        return value if value.lower() in BUTTON_TYPES else None
    if name.startswith("on"):
        return None
    if name in ("id", "name", "for") and RESERVED_ID.match(value):
        return None
    if tag == "use" or name in ("marker-end", "marker-start", "clip-path", "fill", "stroke"):
        # url(...) in SVG paint may only point inside the page
        if "url(" in value.replace(" ", "").lower() and not re.fullmatch(r"\s*url\(\s*#[\w-]+\s*\)\s*", value):
            return None
    return value


def clean(content: str) -> str:
    """The content HTML with everything outside the allowlist removed."""
    return nh3.clean(
        content,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        generic_attribute_prefixes=ATTRIBUTE_PREFIXES,
        attribute_filter=_attribute_filter,
        url_schemes=URL_SCHEMES | {"data"},  # data: is narrowed to pictures by _attribute_filter
        link_rel=None,
        strip_comments=True,
        clean_content_tags={"script", "style", "template", "textarea", "select", "noscript", "iframe",
                            "object", "embed", "noembed", "noframes", "xmp", "plaintext", "math"},
    )


@dataclass(frozen=True)
class Removal:
    what: str   # "the <script> element", "the onclick attribute of <img>"
    text: str   # a short excerpt of the source that held it, to find it


def removed(content: str) -> list[Removal]:
    """What ``clean`` takes out of ``content``, for the author (parsed the way browsers parse)."""
    found: list[Removal] = []
    try:
        fragments = html.fragments_fromstring(content)
    except (etree.ParserError, ValueError):
        return found
    for fragment in fragments:
        if not isinstance(fragment, etree._Element):
            continue
        for element in fragment.iter():
            if not isinstance(element.tag, str):
                continue  # comments and processing instructions are dropped silently
            tag = element.tag.lower().split("}")[-1]
            if tag not in ALLOWED_TAGS:
                found.append(Removal(f"the <{tag}> element", _excerpt(element)))
                continue
            allowed = ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(tag, set())
            for name, value in element.attrib.items():
                name = name.lower().split("}")[-1]
                if name not in allowed and not any(name.startswith(p) for p in ATTRIBUTE_PREFIXES):
                    found.append(Removal(f"the {name} attribute of <{tag}>", _excerpt(element)))
                elif _attribute_filter(tag, name, value) is None:
                    found.append(Removal(f"the {name}=\"{value[:40]}\" attribute of <{tag}>", _excerpt(element)))
    return found


@functools.lru_cache(maxsize=1024)
def cleaned(content: str) -> tuple[str, tuple[Removal, ...]]:
    """``clean`` and ``removed`` of ``content``, kept for the life of the process: under
    ``mkdocs serve`` every rebuild hands most pages back unchanged, and both are pure functions."""
    return clean(content), tuple(removed(content))


def _excerpt(element) -> str:
    text = " ".join((element.text_content() if hasattr(element, "text_content") else "").split())
    return text[:60]


# What Material's search plugin keeps of a page's markup in its index (its Parser's "keep" list).
SEARCH_TAGS = {"p", "code", "pre", "li", "ol", "ul", "sub", "sup"}


def clean_search_text(text: str) -> str:
    """A search index entry's title or text with only the markup the index uses, no attributes:
    Material shows search results as HTML."""
    return nh3.clean(text, tags=SEARCH_TAGS, attributes={}, strip_comments=True, link_rel=None,
                     clean_content_tags={"script", "style"})
