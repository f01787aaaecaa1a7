"""The sandbox the student's file runs in: bubblewrap (Debian's ``bubblewrap``, Flatpak's sandbox tool).

    bwrap --unshare-user --uid 65534 --gid 65534 --unshare-pid --unshare-net --unshare-ipc --unshare-uts
          --die-with-parent --new-session --cap-drop ALL --clearenv
          --ro-bind /usr /usr (and /lib, /lib64, /bin as the host has them) --ro-bind PYTHON PYTHON
          --ro-bind checker/gradcheck /opt/dlprep --ro-bind FILE /submission/NAME
          --proc /proc --dev /dev --size 64M --tmpfs /tmp --chdir /tmp --remount-ro /
          -- python -I /opt/dlprep/child.py ...

What that gives: user "nobody" in a new user namespace with no capabilities; no network at all
(a new network namespace has only a down loopback); a PID namespace, so the child sees only its own
processes and every descendant is killed when the check ends or dlprep dies (--die-with-parent);
a read-only view of /usr, Python's own folders and the one file; a private 64 MB scratch /tmp
(tmpfs) as its working folder; no access to the home folder, other submissions or dlprep's output.
a seccomp filter (seccomp.py) lets it start threads but no processes; child.py then sets hard
rlimits the code cannot lift. Where bubblewrap is missing the command
refuses (``--unsafe-no-sandbox`` runs the child unconfined, with the same hard limits).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import numpy as np

SCRATCH_MB = 64
CHILD_DIR = Path(__file__).resolve().parent  # child.py and wire.py, mounted read-only
MOUNTED_CHILD = "/opt/dlprep"
SUBMISSION = "/submission"
ENVIRONMENT = {"PATH": "/usr/bin:/bin", "HOME": "/tmp", "LANG": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1",
               "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
NAMESPACES = ("--unshare-user", "--uid", "65534", "--gid", "65534", "--unshare-pid", "--unshare-net", "--unshare-ipc",
              "--unshare-uts", "--unshare-cgroup-try", "--die-with-parent", "--new-session", "--cap-drop", "ALL")
TOP_LEVEL = ("bin", "lib", "lib32", "lib64", "libx32", "sbin")  # /usr-merged symlinks or real folders, as the host has them


class SandboxMissing(Exception):
    """bubblewrap is not installed."""


def bwrap() -> str | None:
    return shutil.which("bwrap")


def python_roots() -> list[str]:
    """The folders Python and NumPy live in (outside /usr they must be mounted too)."""
    roots = {os.path.realpath(sys.base_prefix), os.path.realpath(sys.prefix),
             os.path.realpath(Path(np.__file__).parent.parent), os.path.dirname(os.path.realpath(sys.executable))}
    return sorted(r for r in roots if not (r == "/usr" or r.startswith("/usr/")) and os.path.isdir(r))


def _top_level() -> list[str]:
    args: list[str] = []
    for name in TOP_LEVEL:
        host = Path("/") / name
        if host.is_symlink():
            args += ["--symlink", os.readlink(host), str(host)]
        elif host.is_dir():
            args += ["--ro-bind", str(host), str(host)]
    return args


def command(file: Path, child_args: list[str], seccomp_fd: int | None = None) -> tuple[list[str], str]:
    """(argv, the file's path inside the sandbox): ``child.py FILE child_args`` under bubblewrap, with
    the seccomp filter read from ``seccomp_fd`` (seccomp.py: threads but no new processes)."""
    tool = bwrap()
    if tool is None:
        raise SandboxMissing
    inside = f"{SUBMISSION}/{file.name}"
    args = [tool, *NAMESPACES, "--clearenv", *(["--seccomp", str(seccomp_fd)] if seccomp_fd is not None else [])]
    for key, value in ENVIRONMENT.items():
        args += ["--setenv", key, value]
    args += ["--ro-bind", "/usr", "/usr", *_top_level()]
    for root in python_roots():
        args += ["--ro-bind", root, root]
    args += ["--ro-bind", str(CHILD_DIR), MOUNTED_CHILD, "--ro-bind", str(file), inside,
             "--proc", "/proc", "--dev", "/dev", "--size", str(SCRATCH_MB << 20), "--tmpfs", "/tmp",
             "--chdir", "/tmp", "--remount-ro", "/",
             "--", os.path.realpath(sys.executable), "-I", "-B", f"{MOUNTED_CHILD}/child.py"]
    return args, inside


def unconfined(file: Path, workdir: str) -> tuple[list[str], str]:
    """``--unsafe-no-sandbox``: the same child, hard limits, own working folder, and nothing else."""
    del workdir
    return [os.path.realpath(sys.executable), "-I", "-B", str(CHILD_DIR / "child.py")], str(file)
