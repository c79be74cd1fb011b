"""A pull request's preview: the same strict build, published beside the course, that says so.

``make preview PR=12`` (or ``PACER_PREVIEW=12``) builds the site as the pull request would make
it, for the address it is published at: ``pr-preview/pr-12/`` under the published site. Every
page then carries a banner that names the pull request and links the same page on the published
course (overrides/pacer/preview-banner.html); every page asks search engines not to index it and
the build writes no sitemap; and the learner's saved state (progress, reading preferences) is
kept under keys of its own (``pr-12:...``), since the preview shares the published site's origin.
The publishing workflow (.github/workflows/preview-publish.yml) copies the built folder there.
"""

from __future__ import annotations

from dataclasses import dataclass

from mkdocs.config.base import BaseConfigOption, ValidationError

PREVIEW_FOLDER = "pr-preview"      # the previews' place on the published site (the gh-pages branch)


def folder(number: int) -> str:
    """Where pull request ``number``'s preview lives under the published site: pr-preview/pr-12/."""
    return f"{PREVIEW_FOLDER}/pr-{number}/"


def storage_prefix(number: int) -> str:
    """What the preview's saved state is kept under, before each key (a11y.js, pacerStorageKey)."""
    return f"pr-{number}:"


class PullRequestNumber(BaseConfigOption[int | None]):
    """The ``preview`` option: a pull request's number, or empty for the published course."""

    def run_validation(self, value: object) -> int | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        text = str(value).strip().removeprefix("#")
        if isinstance(value, bool) or not text.isdigit() or not 0 < int(text) < 10_000_000:
            raise ValidationError(f"the preview's pull request number must be a whole number such as 12 "
                                  f"(make preview PR=12), not {value!r}")
        return int(text)


@dataclass(frozen=True)
class Preview:
    number: int
    pull_url: str        # the pull request on GitHub
    published_url: str   # the published course (this view of it), which the banner links to
    site_url: str        # where this preview is published

    @property
    def storage_prefix(self) -> str:
        return storage_prefix(self.number)

    def banner(self, page_url: str | None) -> dict:
        """What the banner template shows on a page (``page_url`` relative to the site, or None)."""
        return {"number": self.number, "pull_url": self.pull_url,
                "published_url": self.published_url + (page_url or "")}


def settings(number: int | None, site_url: str | None, repo_url: str | None, view_folder: str = "") -> Preview | None:
    """The preview of pull request ``number`` of a site published at ``site_url``, or None.
    ``view_folder``: the view's folder in the site ("facilitator/"), which the banner's link to
    the published page keeps; the preview's own address gets it as the view's build adds it."""
    if number is None:
        return None
    if not site_url or not repo_url:
        raise ValueError("a preview needs site_url and repo_url in mkdocs.yml: the banner links the "
                              "published page and the pull request")
    published = site_url.rstrip("/") + "/"
    return Preview(number, f"{repo_url.rstrip('/')}/pull/{number}", published + view_folder, published + folder(number))
