"""Run one notebook and print its page as JSON: the program the sandbox runs.

``python -m pacer.notebooks.convert NOTEBOOK SETTINGS`` (run by scripts/pacer/notebooks/runner.py,
inside bubblewrap) executes the notebook with mkdocs-jupyter's converter and prints
``{"content": ..., "toc_tokens": ..., "title": ...}``: the only thing a notebook's run hands back.
In the sandbox's own process namespace, a process the notebook started and left running is an
error (exit status 86).
"""

from __future__ import annotations

import json
import os
import sys
import time

import markdown
from markdown.extensions.toc import TocExtension

LEFT_RUNNING = 86  # the same as runner.LEFT_RUNNING (this module imports nothing of the build)


def toc_tokens(text: str, depth: int) -> tuple[list, str | None]:
    """The table of contents of the notebook's Markdown, and its first level-1 heading."""
    md = markdown.Markdown(extensions=[TocExtension(toc_depth=depth)])
    md.convert(text)
    title = next((token["name"] for token in md.toc_tokens if token["level"] == 1), None)
    return md.toc_tokens, title


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0 sends nothing: it only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def others_running(wait: float = 3.0, highest: int = 32768) -> list[int]:
    """In the sandbox's own process namespace (numbered from 1, its init; this process is 2):
    the processes still running besides those two. The sandbox has no /proc to list them, so
    each number is asked for in turn."""
    deadline = time.monotonic() + wait
    while True:
        others = [pid for pid in range(3, highest) if pid != os.getpid() and _alive(pid)]
        if not others or time.monotonic() > deadline:
            return others
        time.sleep(0.1)


def main(argv: list[str]) -> int:
    notebook, settings = argv[1], json.loads(argv[2])
    from mkdocs_jupyter import convert  # nbconvert and jupytext: imported only to run a notebook

    content = convert.nb2html(notebook, **settings["options"])
    tokens, title = toc_tokens(convert.nb2md(notebook), settings["toc_depth"])
    if settings.get("sandboxed") and others_running():
        return LEFT_RUNNING
    json.dump({"content": content, "toc_tokens": tokens, "title": title}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
