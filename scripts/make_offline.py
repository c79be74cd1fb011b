"""Build the offline copy of the site and zip it: it opens from disk (file://), search included.

Usage: python scripts/make_offline.py [--out ZIP]      (default: dist/pacer-curriculum-offline.zip)

The site is built strictly from mkdocs.yml with PACER_OFFLINE=true, which switches on
Material's offline plugin (every link points at an index.html and the search index goes inside
the pages' scripts). Learners unzip it and open index.html; nothing is loaded from the network.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import zipfile
from pathlib import Path

from pacer import mkdocs_run
from pacer.paths import ROOT, rel

CONFIG = ROOT / "mkdocs.yml"
TOP_FOLDER = "pacer-curriculum"  # the one folder the zip unpacks into


def build_offline(site: Path) -> None:
    result = mkdocs_run.build(ROOT, site, "--config-file", str(CONFIG), env=mkdocs_run.environment(PACER_OFFLINE="true"))
    if result.returncode:
        raise SystemExit(f"make_offline: the offline build of {rel(CONFIG)} failed; the log ends with:\n{mkdocs_run.problems(result.stderr)}")


def zip_site(site: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(site.rglob("*")):
            if path.is_file() and path.suffix != ".map":  # source maps only help developers
                archive.write(path, f"{TOP_FOLDER}/{path.relative_to(site).as_posix()}")
    return target


def make_offline(target: Path) -> Path:
    with tempfile.TemporaryDirectory() as temporary:
        site = Path(temporary) / "site"
        build_offline(site)
        return zip_site(site, target)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / "pacer-curriculum-offline.zip")
    args = parser.parse_args(argv)
    target = make_offline(args.out)
    print(f"{rel(target)}  {target.stat().st_size / 1024 / 1024:.1f} MB: unzip it and open {TOP_FOLDER}/index.html")
    return 0


if __name__ == "__main__":
    sys.exit(main())
