"""Run one request in a forked worker process with a hard wall-clock limit and a memory limit.

The signal deadline of :func:`checker.language.limits.deadline` cannot stop a long NumPy call or a
huge integer power; a child process can be killed. The child runs ``fn(*args)`` under
``RLIMIT_AS`` and sends back the pickled result or the user error; the parent waits at most
``seconds`` and kills it after that. A child that dies without an answer is an internal error.

>>> run_bounded(sum, [1, 2, 3], seconds=5)
6
"""

from __future__ import annotations

import os
import pickle
import resource
import select
import signal
import sys
import time
import traceback
from typing import Any, Callable, TypeVar

from checker.language.errors import DlprepError, LimitExceeded
from checker.language.limits import LIMITS

T = TypeVar("T")


class WorkerDied(RuntimeError):
    """The worker ended without sending an answer (a bug of ours, or the machine ran out of memory)."""


def run_bounded(fn: Callable[..., T], *args: Any, seconds: float | None = None, memory_mb: float | None = None) -> T:
    """``fn(*args)`` in a forked child: its result, its DlprepError re-raised, or LimitExceeded after ``seconds``."""
    seconds = LIMITS["seconds"].value if seconds is None else seconds
    memory_mb = LIMITS["worker_memory_mb"].value if memory_mb is None else memory_mb
    sys.stdout.flush()
    sys.stderr.flush()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_end)
        _child(write_end, fn, args, memory_mb)
    os.close(write_end)
    try:
        data = _collect(read_end, pid, seconds)
    finally:
        os.close(read_end)
    status, payload = pickle.loads(data)
    if status == "ok":
        return payload  # type: ignore[no-any-return]
    if status == "error":
        raise payload
    raise WorkerDied(payload)


def _collect(fd: int, pid: int, seconds: float) -> bytes:
    end = time.monotonic() + seconds if seconds > 0 else None
    chunks: list[bytes] = []
    while True:
        remaining = None if end is None else end - time.monotonic()
        if remaining is not None and remaining <= 0:
            _kill(pid)
            raise LimitExceeded(f"the request ran over the limit seconds = {seconds:g} (time of one request)")
        ready, _, _ = select.select([fd], [], [], remaining)
        if not ready:
            continue
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            break
        chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    data = b"".join(chunks)
    if not data:
        how = f"signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status) else f"exit code {os.WEXITSTATUS(status)}"
        if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
            raise LimitExceeded(f"the request was killed (out of memory?); limit worker_memory_mb = {LIMITS['worker_memory_mb'].value:g}")
        raise WorkerDied(f"the worker ended with {how} and no answer")
    return data


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)


def _child(fd: int, fn: Callable[..., Any], args: tuple[Any, ...], memory_mb: float) -> None:
    code = 0
    try:
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        signal.setitimer(signal.ITIMER_REAL, 0)
        if memory_mb > 0:
            limit = int(memory_mb * 2**20)
            soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))
        try:
            message: tuple[str, Any] = ("ok", fn(*args))
        except DlprepError as exc:
            message = ("error", exc)
        except MemoryError:
            message = ("error", LIMITS["worker_memory_mb"].refuse("the memory needed", "(memory of one request)"))
        except RecursionError:
            message = ("error", LimitExceeded("the expression is too deeply nested to evaluate (limit tree_depth)"))
        except BaseException as exc:  # noqa: BLE001 - reported to the parent as a bug of ours
            message = ("bug", f"{type(exc).__name__}: {exc} [{traceback.extract_tb(exc.__traceback__)[-1:]}]")
        try:
            data = pickle.dumps(message)
        except Exception as exc:  # noqa: BLE001
            data = pickle.dumps(("bug", f"unpicklable result: {type(exc).__name__}: {exc}"))
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    except BaseException:  # noqa: BLE001
        code = 70
    finally:
        os._exit(code)
