"""Publish to the gh-pages branch: the course at its top, or one pull request's preview.

Usage (the Deploy and Preview publishing workflows run it from the default branch, with no
dependency beyond Python's standard library):

  python3 scripts/publish_pages.py --remote URL --production site/
      the course, at the top of the branch; every preview in pr-preview/ stays
  python3 scripts/publish_pages.py --remote URL --preview 12 --from artifact/site/
      pull request 12's preview, in pr-preview/pr-12/; nothing else changes
  python3 scripts/publish_pages.py --remote URL --remove-preview 12
      pr-preview/pr-12/ removed (nothing is pushed when it is not there)

How the branch is changed without one change undoing another: scripts/pacer/preview/branch.py.
The environment's GITHUB_TOKEN, when set, authorizes the push to github.com.
Exit status: 0 published (or nothing to do), 1 it could not be published.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from pacer.preview import branch


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--remote", required=True, help="the repository to push to (a URL or a path)")
    parser.add_argument("--branch", default="gh-pages", help="the branch GitHub Pages publishes (gh-pages)")
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--production", type=Path, metavar="SITE", help="publish the built course")
    what.add_argument("--preview", type=int, metavar="N", help="publish pull request N's preview (with --from)")
    what.add_argument("--remove-preview", type=int, metavar="N", help="remove pull request N's preview")
    parser.add_argument("--from", dest="source", type=Path, metavar="SITE", help="the built preview")
    options = parser.parse_args(argv)
    try:
        if options.production:
            change, message = branch.production(options.production), "Publish the course"
        elif options.preview is not None:
            if options.source is None:
                parser.error("--preview needs --from: the folder of the built preview")
            change = branch.put_preview(options.preview, options.source)
            message = f"Publish the preview of pull request #{options.preview}"
        else:
            change = branch.remove_preview(options.remove_preview)
            message = f"Remove the preview of pull request #{options.remove_preview}"
        commit = branch.publish(options.remote, options.branch, change, message, token=os.environ.get("GITHUB_TOKEN"))
    except branch.PublishError as error:
        print(f"publish_pages.py: {error}", file=sys.stderr)
        return 1
    print(f"{message}: {commit[:12]}" if commit else "Nothing to change on the branch.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
