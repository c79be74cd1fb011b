"""What the publishing workflow does with a finished preview build, from GitHub's own record.

The build's report names its pull request, but the report is untrusted: the decision rests on
the pull request as GitHub's API describes it (``pull``) and on the workflow run that made the
report (its commit and repository, from the ``workflow_run`` event). Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass

PUBLISH, FAILED, NEEDS_LABEL, REMOVE, SKIP = "publish", "failed", "needs-label", "remove", "skip"
LABEL = "preview"   # a maintainer adds it to a pull request from a fork to allow its preview


@dataclass(frozen=True)
class Decision:
    action: str
    why: str


def decide(report_status: object, pull: dict, run_sha: str, run_repo: str, repo: str, label: str = LABEL) -> Decision:
    """``pull``: GET /repos/{repo}/pulls/{number}; ``run_sha``, ``run_repo``: the build run's
    head commit and head repository; ``repo``: this repository."""
    head = pull.get("head") or {}
    head_repo = ((head.get("repo") or {}).get("full_name")) or ""
    if pull.get("state") != "open":
        return Decision(REMOVE, "the pull request is closed")
    if head.get("sha") != run_sha or head_repo != run_repo:
        return Decision(SKIP, "the build is not of the pull request's newest commit (a newer build follows)")
    labels = {str((item or {}).get("name")) for item in pull.get("labels") or []}
    if head_repo != repo and label not in labels:
        return Decision(NEEDS_LABEL, f"the pull request comes from a fork and has no `{label}` label")
    if report_status == "built":
        return Decision(PUBLISH, "the build passed")
    if report_status == "needs-label":
        return Decision(NEEDS_LABEL, "the build waited for the label")
    return Decision(FAILED, "the build failed")
