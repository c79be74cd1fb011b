"""What a page may not hold: any form of HTML that could run code or load from another host,
found with a real HTML parser (the hostile build's pages and the sanitizer's unit tests)."""

from __future__ import annotations

from urllib.parse import urlsplit

URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "xlink:href", "poster", "background")
BAD_SCHEMES = ("javascript:", "vbscript:", "data:text")
FORBIDDEN = "base, iframe, object, embed, form, frame, frameset, applet, noscript, math"


def _squash(value: str) -> str:
    return "".join(ch for ch in value.lower() if ch > " ")


def executable_or_external(document) -> list[str]:
    """Every form in a built page that could run code or load from another host."""
    found = []
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            if name.lower().startswith("on"):
                found.append(f"<{element.tag} {name}=...>")
            if name.lower() in URL_ATTRIBUTES and _squash(value).startswith(BAD_SCHEMES):
                found.append(f"<{element.tag} {name}={value[:30]}>")
            if name.lower() == "style" and "url(" in value.lower():
                found.append(f"<{element.tag} style={value[:30]}>")
    found += [f"<{e.tag}>" for e in document.cssselect(FORBIDDEN.replace(", form", ""))]
    # the theme's own search and colour-scheme forms are in the header; content has none
    found += [f"<{e.tag}> in the content" for e in document.cssselect("article form, article input[type=image]")]
    found += ["meta refresh" for e in document.cssselect("meta[http-equiv]") if e.get("http-equiv").lower() == "refresh"]
    for element in document.cssselect("script[src], img[src], link[href], source[src], video[src], audio[src]"):
        address = element.get("src") or element.get("href")
        if element.tag != "link" or "stylesheet" in (element.get("rel") or "") or "preload" in (element.get("rel") or ""):
            if urlsplit(address).netloc or address.startswith("//"):
                found.append(f"<{element.tag}> from {address}")
    for script in document.cssselect("script:not([src])"):
        if "alert(" in (script.text or ""):
            found.append("an inline script from content")
    for style in document.cssselect("style"):
        if "@import" in (style.text or "") or "url(http" in (style.text or ""):
            found.append("a style element loading from another host")
    if len(document.cssselect('[id="__config"]')) > 1:
        found.append("a second element with the theme's id __config")
    return found
