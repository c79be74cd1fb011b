"""A sandbox for notebook code: bubblewrap (``bwrap``), the tool Flatpak builds on.

A notebook in a pull request is code from someone else. It runs in namespaces of its own:

* no network (a network namespace with only its own loopback, which the kernel's messages use);
* no view of other processes: its own process namespace and no ``/proc`` at all (so nothing of
  the build's environment), and every process it starts dies with it;
* a file system of its own: the system and the Python installation read-only, its own folder
  (a throw-away copy) and the course helpers read-only, and an empty ``/tmp`` and home that
  vanish when it ends; the real home folder, the repository, ``.cache`` and ``site/`` are not
  there at all;
* an empty environment but for a few harmless variables (no tokens, no secrets);
* limits on memory, file size, processes and time.

Where bubblewrap cannot run (it is missing, or a container forbids namespaces), ``problem``
says why, and the build runs only notebooks it may trust (scripts/pacer/notebooks/trust.py).
"""

from __future__ import annotations

import functools
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

BWRAP = "bwrap"
INSTALL_HINT = ("install bubblewrap (Debian and Ubuntu: `sudo apt-get install -y bubblewrap`; `make setup` "
                "does this when it runs as root)")
# Read-only system folders the Python runtime, its libraries and matplotlib's fonts need.
SYSTEM_FOLDERS = ("/usr", "/lib", "/lib64", "/lib32", "/bin", "/sbin", "/etc/fonts", "/etc/alternatives",
                  "/etc/ssl/certs")
SYSTEM_FILES = ("/etc/ld.so.cache", "/etc/localtime", "/etc/mime.types")
HOME = "/home/notebook"
KEPT_ENVIRONMENT = ("LANG", "LC_ALL", "LC_CTYPE", "TZ", "PYTHONHASHSEED", "SOURCE_DATE_EPOCH")
MEMORY_BYTES = 3 * 1024**3      # address space of each process
FILE_BYTES = 200 * 1024**2      # the largest file it may write (in its /tmp)
PROCESSES = 512                 # processes and threads


@functools.lru_cache(maxsize=1)
def problem() -> str | None:
    """Why the sandbox cannot run here, or None when it can (tried once per process)."""
    if shutil.which(BWRAP) is None:
        return f"bubblewrap (`bwrap`) is not installed: {INSTALL_HINT}"
    try:
        trial = subprocess.run([BWRAP, "--ro-bind", "/", "/", "--unshare-all", "--die-with-parent", "true"],
                               capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as error:
        return f"bubblewrap could not start ({error})"
    if trial.returncode != 0:
        reason = (trial.stderr.strip().splitlines() or ["no message"])[-1]
        return f"bubblewrap cannot make namespaces here ({reason}); this system or container forbids them"
    return None


def _bind(kind: str, path: str) -> list[str]:
    return [kind, path, path] if os.path.exists(path) else []


def command(argv: list[str], folder: Path, readable: list[Path], environment: dict[str, str]) -> list[str]:
    """``argv`` wrapped in bubblewrap: it runs in ``folder`` (read-only) and can read ``readable``."""
    python_homes = sorted({sys.base_prefix, sys.prefix, sys.exec_prefix})
    args = [BWRAP, "--unshare-all", "--die-with-parent", "--new-session", "--dev", "/dev",
            "--tmpfs", "/tmp", "--dir", HOME, "--tmpfs", HOME]
    for path in SYSTEM_FOLDERS:
        if os.path.islink(path):  # /bin -> usr/bin on merged-/usr systems
            args += ["--symlink", os.readlink(path), path]
        else:
            args += _bind("--ro-bind", path)
    for path in SYSTEM_FILES:
        args += _bind("--ro-bind", path)
    for path in python_homes + [str(p) for p in readable] + [str(folder)]:
        args += _bind("--ro-bind", path)
    # Last of the mounts: the rest of the file system (the folders bubblewrap made) becomes read-only.
    args += ["--remount-ro", "/", "--chdir", str(folder), "--clearenv"]
    for name, value in environment.items():
        args += ["--setenv", name, value]
    return args + ["--", *argv]


def kept_environment() -> dict[str, str]:
    """The variables of the build's own environment that a notebook is given (its language, its
    time zone ...): what it prints may depend on them."""
    return {name: os.environ[name] for name in KEPT_ENVIRONMENT if name in os.environ}


def environment(home: str = HOME, python_path: str = "") -> dict[str, str]:
    """The notebook's whole environment: a few harmless variables, a home that is thrown away."""
    return {**kept_environment(), "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "HOME": home, "PYTHONPATH": python_path,
            "MPLCONFIGDIR": f"{home}/mpl", "IPYTHONDIR": f"{home}/ipython", "JUPYTER_CONFIG_DIR": f"{home}/jupyter",
            "JUPYTER_RUNTIME_DIR": f"{home}/runtime", "JUPYTER_DATA_DIR": f"{home}/data", "PYTHONNOUSERSITE": "1"}


def limits() -> None:
    """Limits for the sandboxed process and everything it starts (run in the child before exec)."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_BYTES, FILE_BYTES))
    resource.setrlimit(resource.RLIMIT_NPROC, (PROCESSES, PROCESSES))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
