"""Every page can be edited at its real file and says when it last changed.

The edit link of each page (site pages in docs/, course pages, notebooks) opens the file it was
built from on GitHub. The "last update" date comes from git history; outside git, or for a file
git does not track yet, it is the build date, and it never turns a strict build into a failure.
Modules also show the "content last reviewed" date of their front matter.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

from lxml import html

from pacer.render import views
from conftest import ROOT, mkdocs_build
from pacer.model.frontmatter import split
from pacer.paths import is_notebook

CONFIG = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
REPO_URL = re.search(r"^repo_url:\s*(\S+)", CONFIG, re.MULTILINE).group(1).rstrip("/")
EDIT_URI = re.search(r"^edit_uri:\s*(\S+)", CONFIG, re.MULTILINE).group(1).strip("/")
EDIT_BASE = f"{REPO_URL}/{EDIT_URI.removesuffix('/docs')}/"          # .../edit/main/
TIMEZONE = ZoneInfo("America/Edmonton")  # the program's (Calgary): a page's day is its day there
COURSES = ("course1", "course2", "course3")
SKIPPED = {"_data", "_snippets", "__pycache__", ".ipynb_checkpoints"}


def shown(day: dt.date) -> str:
    """A date as the site shows it: 26 November 2026."""
    return f"{day.day} {day:%B} {day.year}"


def page_sources() -> list[str]:
    """Every file the site turns into a page, as a path in the repository."""
    found = [p for p in (ROOT / "docs").rglob("*.md")]
    for course in COURSES:
        found += [p for p in (ROOT / course).rglob("*") if p.suffix == ".md" or is_notebook(p)]
    return sorted(p.relative_to(ROOT).as_posix() for p in found
                  if p.is_file() and not any(part in SKIPPED or part.startswith(".") for part in p.relative_to(ROOT).parts))


def built_page(site: Path, source: str) -> Path:
    """The page built from ``source``: facilitator guides are in the facilitator view only."""
    relative = Path(source).relative_to("docs") if source.startswith("docs/") else Path(source)
    if views.facilitator_only(relative.as_posix()):
        site = site / views.FACILITATOR_FOLDER
    relative = relative.with_suffix("")
    if relative.name == "index":
        relative = relative.parent
    return site / relative / "index.html"


def last_commit_day(source: str, cwd: Path = ROOT) -> dt.date | None:
    stamp = subprocess.run(["git", "log", "-1", "--format=%at", "--", source],
                           cwd=cwd, capture_output=True, text=True).stdout.strip()
    return dt.datetime.fromtimestamp(int(stamp), TIMEZONE).date() if stamp else None


def today() -> dt.date:
    return dt.datetime.now(TIMEZONE).date()


def revision_date(page: Path) -> str | None:
    if not page.exists():
        return None
    tree = html.parse(str(page)).getroot()
    dates = tree.cssselect(".md-source-file time")
    if not dates:
        return None
    shown_day = dates[0].text_content().strip()
    assert shown_day == shown(dt.date.fromisoformat(dates[0].get("datetime"))), f"{page}: {shown_day} is not its datetime"
    return shown_day


def test_the_site_has_pages_of_every_kind():
    sources = page_sources()
    assert any(s.startswith("docs/") for s in sources)
    assert any(re.match(r"course\d/\d\d-[^/]+/index\.md$", s) for s in sources), "no module page"
    assert any(s.endswith(".py") for s in sources), "no notebook page"


def test_every_page_has_an_edit_link_to_its_real_file(built_site):
    problems = []
    for source in page_sources():
        page = built_page(built_site.site, source)
        if not page.exists():
            problems.append(f"{source}: no page at {page.relative_to(built_site.site)}")
            continue
        links = html.parse(str(page)).getroot().cssselect("a.md-content__button[rel=edit]")
        expected = EDIT_BASE + source
        if not links:
            problems.append(f"{source}: the page has no edit link")
        elif links[0].get("href") != expected:
            problems.append(f"{source}: the edit link is {links[0].get('href')}, not {expected}")
    assert not problems, "\n".join(problems)


def test_every_page_shows_when_it_last_changed_from_git_history(built_site):
    problems = []
    for source in page_sources():
        committed = last_commit_day(source)
        expected = {shown(committed)} if committed else {shown(today()), shown(today() - dt.timedelta(days=1))}
        date = revision_date(built_page(built_site.site, source))
        if date not in expected:
            problems.append(f"{source}: shows {date!r}, expected {' or '.join(sorted(expected))}")
    assert not problems, "\n".join(problems)


def _commit(folder: Path, when: str, message: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"]
    subprocess.run(git + ["add", "-A"], cwd=folder, env=env, check=True, capture_output=True)
    subprocess.run(git + ["commit", "-q", "-m", message], cwd=folder, env=env, check=True, capture_output=True)


def _is_git_repository(folder: Path) -> bool:
    return subprocess.run(["git", "rev-parse", "--git-dir"], cwd=folder, capture_output=True).returncode == 0


def test_outside_git_the_page_shows_the_build_date_without_a_warning(make_project, tmp_path):
    project = make_project()
    assert not _is_git_repository(project), "this test needs a project folder outside any git repository"
    build = mkdocs_build(project, tmp_path / "out")
    assert build.returncode == 0, build.log
    assert "WARNING" not in build.log, build.log
    assert revision_date(tmp_path / "out" / "index.html") in {shown(today()), shown(today() - dt.timedelta(days=1))}


def test_in_git_committed_pages_show_their_commit_date_and_new_files_do_not_warn(make_project, tmp_path):
    nav = ("nav:\n  - Home: index.md\n  - committed.md\n  - not-committed.md\n  - Course 1: course1/index.md\n"
           "  - Course 2: course2/index.md\n  - Course 3: course3/index.md\n")
    project = make_project({"docs/committed.md": "# Committed\n\nText.\n"}, nav=nav)
    subprocess.run(["git", "init", "-q"], cwd=project, check=True, capture_output=True)
    _commit(project, "2024-03-05T12:00:00-07:00", "first")
    (project / "docs" / "not-committed.md").write_text("# Not committed yet\n\nText.\n", encoding="utf-8")

    build = mkdocs_build(project, tmp_path / "out")
    assert build.returncode == 0, build.log
    assert "WARNING" not in build.log, build.log
    assert revision_date(tmp_path / "out" / "committed" / "index.html") == "5 March 2024"
    assert revision_date(tmp_path / "out" / "not-committed" / "index.html") in {
        shown(today()), shown(today() - dt.timedelta(days=1))}


def review_date_forms(day: dt.date) -> set[str]:
    return {day.isoformat(), shown(day), f"{day:%B} {day.day}, {day.year}"}


def test_every_module_shows_its_content_review_date(built_site):
    modules = sorted(p for course in COURSES for p in (ROOT / course).glob("[0-9][0-9]-*/index.md"))
    assert modules, "no module to check"
    problems = []
    for module in modules:
        source = module.relative_to(ROOT).as_posix()
        reviewed = split(module.read_text(encoding="utf-8")).meta.get("reviewed")
        if not isinstance(reviewed, dt.date):
            problems.append(f"{source}: no `reviewed:` date in the front matter")
            continue
        page = built_page(built_site.site, source)
        if not page.exists():
            problems.append(f"{source}: no page at {page.relative_to(built_site.site)}")
            continue
        content = html.parse(str(page)).getroot().cssselect("article")[0]
        mentions = [element for element in content.iter()
                    if "review" in element.text_content().lower()
                    and any(form in element.text_content() for form in review_date_forms(reviewed))
                    and len(element.text_content()) < 300]
        if not mentions:
            problems.append(f"{source}: the page does not show 'reviewed' with {shown(reviewed)}")
    assert not problems, "\n".join(problems)


# --- the history the dates come from (pacer/history.py): one `git log` for every question -------


def test_the_history_gives_each_file_the_day_of_its_last_commit_in_calgary(tmp_path):
    from pacer.history import History

    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True, capture_output=True)
    (tmp_path / "a.md").write_text("a\n", encoding="utf-8")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "one.csv").write_text("x\n", encoding="utf-8")
    (tmp_path / "name with spaces é.md").write_text("n\n", encoding="utf-8")
    _commit(tmp_path, "2024-03-05T12:00:00-07:00", "first")
    (tmp_path / "data" / "one.csv").write_text("y\n", encoding="utf-8")
    # 23:30 in Calgary is the next day in UTC: the day shown is Calgary's
    _commit(tmp_path, "2024-04-10T23:30:00-06:00", "second")
    (tmp_path / "a.md").rename(tmp_path / "b.md")
    _commit(tmp_path, "2024-05-01T08:00:00-06:00", "renamed")
    (tmp_path / "new.md").write_text("not committed\n", encoding="utf-8")

    history = History(tmp_path)
    assert history.day(tmp_path / "name with spaces é.md") == dt.date(2024, 3, 5)
    assert history.day(tmp_path / "data" / "one.csv") == dt.date(2024, 4, 10)
    assert history.day(tmp_path / "data") == dt.date(2024, 4, 10), "a folder: its newest file"
    assert history.day(tmp_path / "b.md") == dt.date(2024, 5, 1), "a renamed file: the day it got its name"
    assert history.day("name with spaces é.md", tmp_path / "data" / "one.csv") == dt.date(2024, 4, 10)
    assert history.day() == dt.date(2024, 5, 1), "no path: the last commit"
    assert history.day(tmp_path / "new.md") == today(), "not committed yet: the build's day"


def test_outside_git_every_day_is_the_build_day(tmp_path):
    from pacer.history import History

    assert not _is_git_repository(tmp_path), "this test needs a folder outside any git repository"
    (tmp_path / "a.md").write_text("a\n", encoding="utf-8")
    assert History(tmp_path).day(tmp_path / "a.md") == today()
    assert History(tmp_path).day() == today()
