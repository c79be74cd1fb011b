"""The bot's comment on a pull request, from its preview report: safe however the report reads.

The report (report.py) is made by the pull request's own build, so it is untrusted: a pull
request from a fork can change the code that writes it. This module, run by the publishing
workflow from the default branch with the Python standard library only, is the one place its
values reach the comment, and it trusts none of them:

- page addresses must look like site paths (no ``..``, no scheme, no host) and are joined to
  the preview's address, which the workflow gives; any other is left out;
- titles are shown only as the text of those links, with every Markdown character escaped
  (GitHub makes no mentions or links inside a link's text), and cut to a short length; what
  reached a page (a file, a term) only inside inline code, without backticks;
- what each check found (file, line, text) is shown inside a fenced code block, where GitHub
  reads no Markdown, no mentions and no links;
- every list and text is cut short, so that the comment stays under GitHub's limit (MAX_COMMENT);
- the words around them (what each reason and check means) are this module's own.
"""

from __future__ import annotations

import re
import unicodedata

MARKER = "<!-- pacer-preview -->"   # finds the bot's earlier comment, to update it
MAX_PAGES = 40
MAX_PROBLEMS = 10
MAX_FILES = 10
MAX_TITLE = 90
MAX_DETAIL = 80
MAX_TEXT = 300
MAX_COMMENT = 65_536                 # GitHub refuses longer comments; the limits above keep well under it

ADDRESS = re.compile(r"^(?:[A-Za-z0-9_~-][A-Za-z0-9._~-]*/)*(?:[A-Za-z0-9_~-][A-Za-z0-9._~-]*)?$")
REPO_PATH = re.compile(r"^[A-Za-z0-9_.][A-Za-z0-9._/ -]{0,199}$")
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]()!~|#@])")
HTML_SPECIAL = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}

REASONS = {
    "page": "its page changed",
    "new-page": "a new page",
    "notebook": "its notebook changed",
    "module-file": "a file it uses changed",
    "front-matter": "a module's title, time or principles changed",
    "glossary": "a glossary entry it shows changed",
    "bibliography": "a reference it shows changed",
    "shared-file": "a shared block it includes changed",
}
CHECK_NAMES = {"module-checker": "The module checker", "build": "The strict build of the site",
               "links": "The link checker"}
CHECK_OUTCOMES = {"passed": "found no problems.", "problems": "found problems to fix:",
                  "failed": "stopped with errors:", "not-run": "did not run (an earlier step failed)."}


class ReportError(ValueError):
    """The report is not one this module can read."""


def plain(value: object, limit: int) -> str:
    """Text with control and formatting characters removed, on one line, at most ``limit`` long."""
    text = "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in str(value))
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def link_text(value: object) -> str:
    """Text shown as a link's text: every character Markdown could read is escaped, and the
    characters HTML could read are written as character references."""
    text = MARKDOWN_SPECIAL.sub(r"\\\1", plain(value, MAX_TITLE))
    return re.sub(r"[&<>]", lambda m: HTML_SPECIAL[m.group(0)], text) or "(no title)"


def code_block(lines: list[str]) -> str:
    """Lines in a fenced block longer than any run of backticks they hold."""
    longest = max((len(run) for line in lines for run in re.findall(r"`+", line)), default=0)
    fence = "`" * max(3, longest + 1)
    return "\n".join([fence + "text", *lines, fence])


def safe_address(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = value
    if len(text) > 300 or not ADDRESS.match(text) or ".." in text.split("/"):
        return None
    return text


def safe_repo_path(value: object) -> str | None:
    text = value if isinstance(value, str) else ""
    return text if REPO_PATH.match(text) and ".." not in text.split("/") else None


def pull_request_number(report: object) -> int:
    """The pull request a report is for (still to be checked against GitHub's own record)."""
    number = report.get("pr") if isinstance(report, dict) else None
    if isinstance(number, bool) or not isinstance(number, int) or not 0 < number < 10_000_000:
        raise ReportError("the report names no pull request number")
    return number


def _files(values: object) -> list[str]:
    items = values if isinstance(values, list) else []
    return [path for path in (safe_repo_path(v) for v in items[:200]) if path]


def _file_list(paths: list[str]) -> str:
    shown = ", ".join(f"`{p}`" for p in paths[:MAX_FILES])
    return shown + (f" and {len(paths) - MAX_FILES} more" if len(paths) > MAX_FILES else "")


def _pages(report: dict, preview_url: str) -> list[str]:
    entries = report.get("pages") if isinstance(report.get("pages"), list) else []
    lines = []
    for entry in entries:
        if not isinstance(entry, dict) or entry.get("reason") not in REASONS:
            continue
        address = safe_address(entry.get("address"))
        if address is None:
            continue
        detail = plain(entry.get("detail") or "", MAX_DETAIL).replace("`", "'")
        shown = f" (`{detail}`)" if detail and entry["reason"] not in ("page", "new-page", "notebook") else ""
        lines.append(f"- [{link_text(entry.get('title') or address or 'Home page')}]({preview_url}{address}): "
                     f"{REASONS[entry['reason']]}{shown}")
    if len(lines) > MAX_PAGES:
        lines = lines[:MAX_PAGES] + [f"- ... and {len(lines) - MAX_PAGES} more pages"]
    return lines


def _problem_lines(check: dict) -> list[str]:
    problems = check.get("problems") if isinstance(check.get("problems"), list) else []
    lines = []
    for found in problems[:MAX_PROBLEMS]:
        if not isinstance(found, dict):
            continue
        path = safe_repo_path(found.get("file"))
        line = found.get("line") if isinstance(found.get("line"), int) and not isinstance(found.get("line"), bool) else 0
        where = f"{path}, line {line}: " if path and line > 0 else f"{path}: " if path else ""
        lines.append(where + plain(found.get("text", ""), MAX_TEXT))
    count = check.get("count") if isinstance(check.get("count"), int) else len(problems)
    if count > len(lines) and lines:
        lines.append(f"... and {count - len(lines)} more (see the run's log)")
    return lines


def _checks(report: dict) -> list[str]:
    checks = report.get("checks") if isinstance(report.get("checks"), list) else []
    parts, shown = [], set()
    for check in checks:
        if not isinstance(check, dict) or check.get("name") not in CHECK_NAMES or check.get("status") not in CHECK_OUTCOMES \
                or check["name"] in shown:
            continue
        shown.add(check["name"])
        parts.append(f"- {CHECK_NAMES[check['name']]} {CHECK_OUTCOMES[check['status']]}")
        problems = _problem_lines(check) if check["status"] in ("problems", "failed") else []
        if problems:
            parts.append("")
            parts.append("\n".join("  " + line for line in code_block(problems).splitlines()))
    return parts


def render(report: object, preview_url: str, commit: str, run_url: str = "") -> str:
    """The comment for ``report``. ``preview_url`` (the preview's address, ending in /),
    ``commit`` and ``run_url`` come from the workflow, not from the report."""
    if not re.match(r"^https://[\w.-]+/(?:[\w.~-]+/)*$", preview_url):
        raise ReportError(f"the preview's address {preview_url!r} is not an https address ending in /")
    if not isinstance(report, dict) or report.get("format") != 1:
        raise ReportError("the report is not in a format this comment knows (format 1)")
    number = pull_request_number(report)
    status = report.get("status")
    short = str(commit)[:7] if re.fullmatch(r"[0-9a-f]{7,40}", str(commit)) else ""
    of_commit = f" (commit `{short}`)" if short else ""
    run = f" ([the run's log]({run_url}))" if re.match(r"^https://github\.com/[\w.-]+/[\w.-]+/actions/runs/\d+$", run_url or "") else ""
    lines = [MARKER]
    if status == "needs-label":
        lines += ["**No preview yet.** This pull request comes from a copy of the project (a fork). "
                  "A maintainer reads the change first, then adds the label `preview`; "
                  "the preview is built and linked here after that."]
        return "\n".join(lines) + "\n"
    if status == "built":
        lines += [f"**Preview of pull request #{number}:** {preview_url}", "",
                  f"This is how the site will look with the change{of_commit}{run}. Every page of the "
                  "preview says at the top that it is a preview. The preview updates when you push again, "
                  "and it is removed when the pull request is closed or merged.", ""]
        pages = _pages(report, preview_url)
        if pages:
            lines += ["**Pages this pull request changes:**", "", *pages, ""]
        every = _files(report.get("every_page"))
        if every:
            lines += [f"It also changes files that can change every page ({_file_list(every)}): "
                      f"look through a few pages, starting with [the home page]({preview_url}).", ""]
        if not pages and not every:
            lines += ["It changes no page of the site.", ""]
        removed = _files(report.get("removed"))
        if removed:
            lines += [f"It removes the pages made from {_file_list(removed)}.", ""]
    else:
        lines += [f"**No preview this time: the site did not build**{of_commit}{run}.", "",
                  "Fix the problems below (each one names the file, the line and what to do), then "
                  "commit again: the preview is built again by itself.", ""]
    checks = _checks(report)
    if checks:
        lines += ["**Checks:**", "", *checks, ""]
    return "\n".join(lines).rstrip() + "\n"
