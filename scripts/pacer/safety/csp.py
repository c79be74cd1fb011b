"""The Content-Security-Policy's script hashes, worked out for each built page.

overrides/main.html puts the policy first in every page's head, with a placeholder where the
hashes of the page's own inline scripts go (the theme's few, never content's: the sanitizer
removes every script from content). Each page gets the SHA-256 of each inline script it holds,
so nothing inline runs that the build did not write, and ``'unsafe-inline'`` is never needed.
"""

from __future__ import annotations

import base64
import hashlib
import re

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>(.*?)</script>", re.DOTALL)
PLACEHOLDER = "'pacer-script-hashes'"


def script_hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"


def with_script_hashes(output: str, preview: bool = False) -> str:
    """The page with its policy's placeholder replaced by its inline scripts' hashes.

    ``preview``: the page is served by ``mkdocs serve``, whose server adds its own live-reload
    script, inline and different in every response, so no hash can allow it. The preview's
    policy allows inline scripts instead; content still holds none (the sanitizer removes them),
    and a built site never gets this policy."""
    if preview:
        return output.replace(PLACEHOLDER, "'unsafe-inline'", 1)
    hashes = sorted({script_hash(body) for body in INLINE_SCRIPT.findall(output)})
    return output.replace(PLACEHOLDER, " ".join(hashes) or "'none'", 1)
