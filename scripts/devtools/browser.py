"""Serve the built site on 127.0.0.1 and launch Debian's Chromium (browser tests, `make pdf`).

The site is served under the path of its ``site_url`` (as it is published), so pages that use
absolute paths, such as the 404 page, load their styles and scripts as they would online.
Debian's Chromium is used: Playwright's own browser download does not work on every machine.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import shutil
import threading
from pathlib import Path
from urllib.parse import urlparse

from pacer import mkdocs_run


ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("PACER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
LOCAL_HOST = "127.0.0.1"
SCHEMES = ("light", "dark")
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}    # a common phone (the axe pass and the narrow-screen tests)


def site_prefix() -> str:
    """The path the site is published under (from site_url), e.g. ``/pacer-curriculum/``."""
    return mkdocs_run.site_prefix(ROOT)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"

    def translate_path(self, path: str) -> str:
        # Serve the site folder at the published prefix; anything outside it is a 404.
        if path.startswith(self.prefix):
            path = "/" + path[len(self.prefix):]
        else:
            path = "/__outside_the_site__"
        return super().translate_path(path)

    def log_message(self, *args) -> None:  # keep the test output readable
        pass


class _GzipHandler(_QuietHandler):
    """Text files sent gzip-compressed to a browser that accepts it, as GitHub Pages sends them:
    the bench's Lighthouse figures then count the bytes a reader's phone actually receives."""

    COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")

    def send_head(self):
        address = self.path.split("?", 1)[0].split("#", 1)[0]
        path = Path(self.translate_path(address))
        if path.is_dir():
            if not address.endswith("/"):
                return super().send_head()  # the plain server's redirect to the folder's address
            path = path / "index.html"
        if (path.suffix not in self.COMPRESSED or not path.is_file()
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class SiteServer:
    def __init__(self, folder: Path, prefix: str = "/", compressed: bool = False):
        base = _GzipHandler if compressed else _QuietHandler
        handler = type("Handler", (base,), {"prefix": prefix})
        self.folder = folder
        self.httpd = http.server.ThreadingHTTPServer((LOCAL_HOST, 0), functools.partial(handler, directory=str(folder)))
        self.base = f"http://{LOCAL_HOST}:{self.httpd.server_port}{prefix}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "SiteServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, page: str = "") -> str:
        return self.base + page


class ChromiumMissing(RuntimeError):
    pass


def launch_chromium(playwright):
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        raise ChromiumMissing(
            f"Chromium is not installed (looked for {CHROMIUM}). Run `sudo apt-get install chromium` "
            "(Debian/Ubuntu; `make test` does this itself when run as root), then run again.")
    executable = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the built site, as a path relative to the site folder."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def page_url(relative: str) -> str:
    """The address of a built page: folder URLs end with a slash."""
    return relative[: -len("index.html")] if relative.endswith("index.html") else relative


# axe-core rule tags: WCAG 2.0, 2.1 and 2.2 levels A and AA, and Deque's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}


def axe_script() -> str:
    """axe-core as shipped inside the axe-playwright-python package (no network needed)."""
    from axe_playwright_python.base import AXE_SCRIPT

    return AXE_SCRIPT


# The page has settled: its fonts are loaded and Material has applied the colour scheme (it
# stores the palette once it has set it), two frames ago.
SETTLED = """async () => {
  await document.fonts.ready;
  const palette = document.querySelector("[data-md-color-media]");
  for (let i = 0; i < 100 && palette && !(typeof __md_get === "function" && __md_get("__palette")); i++)
    await new Promise(resolve => setTimeout(resolve, 50));
  await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
}"""


def run_axe(page, context=None) -> list[dict]:
    """Run axe-core on the settled page (injecting it if needed) and return its violations.

    axe reads colours over several tasks; a page still switching its colour scheme can mix the
    old text colour with the new background. So a violation is checked once more after a pause:
    what a learner would see stays, a reading taken mid-switch does not."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_script())
    run = "([context, options]) => axe.run(context || document, options)"
    page.evaluate(SETTLED)
    violations = page.evaluate(run, [context, AXE_OPTIONS])["violations"]
    if violations:
        page.wait_for_timeout(500)
        violations = page.evaluate(run, [context, AXE_OPTIONS])["violations"]
    return violations


def describe_violations(violations: list[dict]) -> str:
    """One line per violation and up to three of the elements it was found on."""
    lines = []
    for violation in violations:
        targets = ", ".join(" ".join(node["target"]) if isinstance(node["target"], list) else str(node["target"])
                            for node in violation["nodes"][:3])
        more = f" (+{len(violation['nodes']) - 3} more)" if len(violation["nodes"]) > 3 else ""
        summary = violation["nodes"][0].get("failureSummary", "").replace("\n", " ")[:240]
        lines.append(f"  {violation['id']} [{violation['impact']}] {violation['help']}: {targets}{more}\n"
                     f"      {summary}")
    return "\n".join(lines)


def is_local(url: str) -> bool:
    """True for requests that stay on this machine (or never leave the page)."""
    parsed = urlparse(url)
    if parsed.scheme in {"data", "blob", "about", "file"}:
        return True
    return parsed.hostname == LOCAL_HOST


SCREENSHOTS = Path(os.environ.get("PACER_SCREENSHOTS", ROOT / "test-screenshots"))


def screenshot(page, name: str) -> Path:
    """Save what the page shows (the journeys keep one per step, for people to look at; CI
    keeps the folder as an artifact)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(target), full_page=False)
    return target


# The focused element's focus ring as a person sees it: the outline's width, and the contrast
# between its colour and the colour behind it (WCAG 2.2 2.4.11 and 2.4.13 ask for a ring of at
# least 2 px with a contrast of 3:1). The colour behind is what the page shows where the ring is
# drawn: the first opaque background under a point of the ring, outside the element when the
# ring is drawn outside it (the skip link sits over the header, not over its parent).
FOCUS_RING = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const rgba = (text) => { const m = text.match(/[\\d.]+/g) || [0, 0, 0, 0]; return m.map(Number).concat([1]).slice(0, 4); };
  const luminance = ([r, g, b]) => { const c = [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                                     return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]; };
  const style = getComputedStyle(el), box = el.getBoundingClientRect();
  const offset = parseFloat(style.outlineOffset) || 0, width = parseFloat(style.outlineWidth) || 0;
  const x = Math.max(0, box.left - (offset > 0 ? offset + width / 2 : -width / 2)), y = box.top + box.height / 2;
  const under = document.elementsFromPoint(x, y).find(node => offset <= 0 || (node !== el && !el.contains(node)));
  let node = under || el.parentElement, behind = [255, 255, 255, 1];
  for (; node; node = node.parentElement) {
    const colour = rgba(getComputedStyle(node).backgroundColor);
    if (colour[3] > 0.5) { behind = colour; break; }
  }
  const ring = rgba(style.outlineColor);
  const [a, b] = [luminance(ring), luminance(behind)].sort((x, y) => y - x);
  return {element: el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + " " + (el.getAttribute("aria-label") || el.textContent || "").trim().slice(0, 40),
          width: style.outlineStyle === "none" ? 0 : parseFloat(style.outlineWidth),
          contrast: Math.round((a + 0.05) / (b + 0.05) * 100) / 100, ring: style.outlineColor,
          behind: `rgb(${behind.slice(0, 3).join(", ")})`};
}"""
MIN_RING_WIDTH, MIN_RING_CONTRAST = 2, 3.0


def focus_ring(page) -> dict | None:
    """The focus ring of the focused element (None when nothing is focused)."""
    return page.evaluate(FOCUS_RING)


def ring_is_visible(ring: dict) -> bool:
    return ring["width"] >= MIN_RING_WIDTH and ring["contrast"] >= MIN_RING_CONTRAST
