"""Preview the site as you edit: both views, each reloading by itself when a file is saved.

Usage: python scripts/serve.py [--port 8000]   (what `make serve` runs)

The learner view is served on the port given and the facilitator view on the next one, each by
its own ``mkdocs serve`` (one MkDocs build makes one view); the view switch at the end of a page
leads to the same page on the other server. A save rebuilds both; while a problem stands, every
page shows it, with the file, the line and what to do. Ctrl+C stops both.

The facilitator view starts once the learner view answers, so the first preview has the
computer to itself; it runs no notebook itself (the learner view runs each one once, and both
pages reload when a run is ready).
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from pacer import mkdocs_run

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"


def busy(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex((HOST, port)) == 0


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def start(view: str, port: int, **env: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--no-strict", "--dev-addr", f"{HOST}:{port}"]
    return subprocess.Popen(command, cwd=ROOT, env=mkdocs_run.environment(PACER_VIEW=view, **env), start_new_session=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000, help="the learner view's port (the facilitator view: the next)")
    args = parser.parse_args(argv)
    ports = {"learner": args.port, "facilitator": args.port + 1}
    taken = [port for port in ports.values() if busy(port)]
    if taken:
        print(f"make serve: port {taken[0]} is busy (another preview?). Stop it, or run: make serve PORT={args.port + 2}",
              file=sys.stderr)
        return 1
    prefix = mkdocs_run.site_prefix(ROOT)
    learner_url = f"http://{HOST}:{ports['learner']}{prefix}"
    servers = [start("learner", ports["learner"])]
    print(f"Learner view:     {learner_url} (building: it opens in a minute or less)\n"
          f"Facilitator view: http://{HOST}:{ports['facilitator']}{prefix}facilitator/ (starts after the learner view)\n"
          "Each page updates by itself when you save a file. Press Ctrl+C to stop.", flush=True)

    def stop(*_args) -> None:
        for server in servers:
            if server.poll() is None:
                os.killpg(server.pid, signal.SIGINT)
        for server in servers:
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)

    signal.signal(signal.SIGTERM, lambda *_: (stop(), sys.exit(0)))
    try:
        while all(server.poll() is None for server in servers):
            if len(servers) == 1 and answers(learner_url):
                servers.append(start("facilitator", ports["facilitator"], PACER_RUN_NOTEBOOKS="false"))
                print("Learner view ready; the facilitator view is starting.", flush=True)
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        stop()
    return max((server.returncode or 0) for server in servers)


if __name__ == "__main__":
    sys.exit(main())
