"""The publishing side of a pull request's preview: read the build's report, decide, comment.

Usage (the Preview publishing workflow runs these from the default branch, with no dependency
beyond Python's standard library):

  python3 scripts/preview_comment.py number REPORT
      the pull request the report is for (a whole number, still to be checked with GitHub)
  python3 scripts/preview_comment.py decide REPORT PULL_JSON --run-sha SHA --run-repo OWNER/NAME --repo OWNER/NAME
      what to do, as `action=...` lines for $GITHUB_OUTPUT: publish, failed, needs-label, remove or skip
  python3 scripts/preview_comment.py render REPORT --site-url URL --commit SHA [--run-url URL]
      the comment, in Markdown, with every value from the report checked and escaped; the
      preview's address is the published site's (site_url in mkdocs.yml) and pr-preview/pr-N/

REPORT is untrusted (the pull request's build wrote it); PULL_JSON is GitHub's record of the pull
request (gh api repos/OWNER/NAME/pulls/N). Exit status: 0 done, 2 the report cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pacer.preview import branch, comment, gate

MAX_REPORT = 2 * 1024 * 1024


def read_report(path: Path) -> dict:
    try:
        if path.stat().st_size > MAX_REPORT:
            raise comment.ReportError(f"{path} is larger than {MAX_REPORT // 1024} KB")
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise comment.ReportError(f"{path} cannot be read as a preview report ({error})") from None
    if not isinstance(data, dict):
        raise comment.ReportError(f"{path} is not a preview report")
    return data


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    number = commands.add_parser("number")
    number.add_argument("report", type=Path)
    decide = commands.add_parser("decide")
    decide.add_argument("report", type=Path)
    decide.add_argument("pull", type=Path)
    decide.add_argument("--run-sha", required=True)
    decide.add_argument("--run-repo", required=True)
    decide.add_argument("--repo", required=True)
    render = commands.add_parser("render")
    render.add_argument("report", type=Path)
    render.add_argument("--site-url", required=True, help="the published site's address (site_url)")
    render.add_argument("--commit", required=True)
    render.add_argument("--run-url", default="")
    options = parser.parse_args(argv)
    try:
        report = read_report(options.report)
        pr = comment.pull_request_number(report)
        if options.command == "number":
            print(pr)
        elif options.command == "decide":
            pull = json.loads(options.pull.read_text(encoding="utf-8"))
            if pull.get("number") != pr:
                raise comment.ReportError(f"{options.pull} describes pull request {pull.get('number')}, not {pr}")
            decision = gate.decide(report.get("status"), pull, options.run_sha, options.run_repo, options.repo)
            print(f"action={decision.action}")
            print(f"pr={pr}")
            print(f"{decision.action}: {decision.why}", file=sys.stderr)
        else:
            preview_url = options.site_url.rstrip("/") + "/" + branch.preview_folder(pr) + "/"
            sys.stdout.write(comment.render(report, preview_url, options.commit, options.run_url))
    except (comment.ReportError, OSError, ValueError) as error:
        print(f"preview_comment.py: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
