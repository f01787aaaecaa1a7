"""The process that runs the student's file (inside the bubblewrap sandbox, see sandbox.py).

    python -I child.py REQUEST_FD REPLY_FD SHARED_FD SHARED_BYTES FILE SECONDS MEMORY_MB FILE_MB [SYS_PATH...]

First it sets HARD resource limits (CPU time, address space, file size, open files, processes,
no core dumps): a limit lowered to (v, v) cannot be raised again by the student's code. Then it
loads FILE and answers calls over the two pipes until the parent closes them. Answers are plain
data (wire.py); every verdict is computed by the parent. Imports only the standard library, NumPy
and wire.py, which sit beside it in the sandbox.
"""

from __future__ import annotations

import faulthandler
import math
import mmap
import os
import resource
import signal
import sys
import traceback
from pathlib import Path
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wire  # noqa: E402

OPEN_FILES = 64
PROCESSES = 64
REQUEST_LIMIT = 1 << 34  # the parent is trusted; the bound only stops a corrupted length


class Refusal(Exception):
    """A failure of the student's code, reported to the parent as one line."""


def address_space() -> int:
    """Bytes mapped now (NumPy and BLAS buffers are already there)."""
    try:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def hard_limits(seconds: float, memory_mb: float, file_mb: float) -> None:
    """Lower each limit to (v, v): soft and hard alike, so it can never be lifted in this process tree."""
    def lower(kind: int, value: int, hard: int | None = None) -> None:
        _, old_hard = resource.getrlimit(kind)
        hard = value if hard is None else hard
        if old_hard != resource.RLIM_INFINITY:
            value, hard = min(value, old_hard), min(hard, old_hard)
        resource.setrlimit(kind, (value, hard))

    lower(resource.RLIMIT_AS, address_space() + int(memory_mb * 2**20))
    lower(resource.RLIMIT_FSIZE, int(file_mb * 2**20))
    lower(resource.RLIMIT_NOFILE, OPEN_FILES)
    lower(resource.RLIMIT_NPROC, PROCESSES)
    lower(resource.RLIMIT_CORE, 0)
    if seconds > 0:  # SIGXCPU at the soft limit, SIGKILL one second later
        lower(resource.RLIMIT_CPU, math.ceil(seconds) + 1, math.ceil(seconds) + 2)


def serve(requests: int, replies: int, path: Path, shared: Any) -> None:
    namespace: dict[str, Any] = {}
    while True:
        try:
            header, arrays = wire.unpack(wire.receive(requests, REQUEST_LIMIT, None), shared)
        except EOFError:
            return
        wire.send(replies, answer(header, wire.rebuild(header["value"], arrays), namespace, path, shared))


def answer(header: dict[str, Any], args: Any, namespace: dict[str, Any], path: Path, shared: Any = None) -> bytes:
    try:
        if header.get("t") == "load":
            function, needs = args
            load(path, namespace)
            for name in (function, *needs):
                if not callable(namespace.get(name)):
                    raise Refusal(f"{path.name} defines no example(); expected example() -> (params, x, y), or use --net SPEC"
                                  if name == "example" else f"{path.name} defines no function {name}; expected "
                                  "def loss_and_grads(params, x, y) -> (loss, grads), or FILE.py:FUNC")
            return wire.message({"t": "ok"}, None)
        name, call_args = args
        value = run(f"your {name}", path, namespace[name], *call_args)
        if header.get("only") == 0 and isinstance(value, tuple) and value:  # a loss-only call: the gradients stay here
            value = (value[0],)
        return wire.message({"t": "ok"}, value, shared)
    except Refusal as exc:
        return wire.pack({"t": "error", "message": str(exc)}, [])


def load(path: Path, namespace: dict[str, Any]) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("dlprep_student", path)
    if spec is None or spec.loader is None:
        raise Refusal(f"cannot load {path.name} as Python; expected a .py file")
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)  # the file the user asked us to run, in this sandboxed child only
    except SyntaxError as exc:
        raise Refusal(f"{path.name} has a syntax error on line {exc.lineno}: {exc.msg}") from None
    except SystemExit as exc:
        raise Refusal(f"running {path.name} called sys.exit({exc.code!r}); put script code under "
                      "if __name__ == '__main__':") from None
    except BaseException as exc:  # noqa: BLE001
        raise Refusal(f"running {path.name} raised {type(exc).__name__}: {exc} ({where(exc, path)})") from None
    namespace.update(vars(module))


def run(label: str, path: Path, func: Any, *args: Any) -> Any:
    try:
        return func(*args)
    except SystemExit as exc:
        raise Refusal(f"{label} called sys.exit({exc.code!r}) ({where(exc, path)})") from None
    except BaseException as exc:  # noqa: BLE001 - the student's code may raise anything
        raise Refusal(f"{label} raised {type(exc).__name__}: {exc} ({where(exc, path)})") from None


def where(exc: BaseException, path: Path) -> str:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if Path(f.filename).resolve() == path]
    return f"{path.name} line {frames[-1].lineno}" if frames else path.name


def main(argv: list[str]) -> None:
    code = 0
    try:
        requests, replies, shared_fd, shared_bytes, file, seconds, memory_mb, file_mb, *paths = argv
        shared = mmap.mmap(int(shared_fd), int(shared_bytes))  # MAP_SHARED with the parent: arrays travel here
        os.close(int(shared_fd))
        faulthandler.disable()  # a crash of the student's code is reported by the parent, in one line
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        hard_limits(float(seconds), float(memory_mb), float(file_mb))
        path = Path(file).resolve()
        sys.path[:0] = [str(path.parent), *paths]
        serve(int(requests), int(replies), path, shared)
    except BaseException:  # noqa: BLE001
        code = 70
    finally:
        os._exit(code)


if __name__ == "__main__":
    main(sys.argv[1:])
