"""Run one request in a forked worker process with a hard wall-clock limit and a memory limit.

The signal deadline of :func:`checker.language.limits.deadline` cannot stop a long NumPy call or a
huge integer power; a child process can be killed. The child runs ``fn(*args)`` under
``RLIMIT_AS`` and sends back the pickled result or the user error; the parent waits at most
``seconds`` and kills it after that. A child that dies without an answer is an internal error.

>>> run_bounded(sum, [1, 2, 3], seconds=5)
6
"""

from __future__ import annotations

import contextlib
import faulthandler
import os
import pickle
import resource
import select
import signal
import sys
import time
import traceback
from typing import Any, Callable, Iterator, Sequence, TypeVar

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
    except BaseException:  # Ctrl-C or the caller's own deadline: the worker never outlives the request
        with contextlib.suppress(ProcessLookupError, ChildProcessError):
            _kill(pid)
        raise
    finally:
        os.close(read_end)
    status, payload = pickle.loads(data)
    if status == "ok":
        return payload  # type: ignore[no-any-return]
    if status == "error":
        raise payload
    raise WorkerDied(payload)


def address_space() -> int:
    """Bytes of address space this process maps now (0 where /proc is missing)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def limit_memory(memory_mb: float) -> None:
    """RLIMIT_AS = what is mapped already (NumPy, BLAS buffers: more on machines with many cores) + ``memory_mb``."""
    if memory_mb <= 0:
        return
    limit = address_space() + int(memory_mb * 2**20)
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))


def _collect(fd: int, pid: int, seconds: float) -> bytes:
    end = time.monotonic() + seconds if seconds > 0 else None
    chunks: list[bytes] = []
    while True:
        remaining = None if end is None else end - time.monotonic()
        if remaining is not None and remaining <= 0:
            _kill(pid)
            raise LimitExceeded(f"the request took longer than {seconds:g} s (limit seconds = {seconds:g})")
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
        faulthandler.disable()
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        signal.setitimer(signal.ITIMER_REAL, 0)
        limit_memory(memory_mb)
        try:
            message: tuple[str, Any] = ("ok", fn(*args))
        except DlprepError as exc:
            message = ("error", exc)
        except MemoryError:
            message = ("error", LIMITS["worker_memory_mb"].refuse("the memory needed", "(memory of one request)"))
        except RecursionError:
            message = ("error", LimitExceeded("the expression is too deeply nested to evaluate (limit tree_depth)"))
        except BaseException as exc:  # noqa: BLE001 - reported to the parent as a bug of ours
            frames = traceback.extract_tb(exc.__traceback__)  # the function's name only: no paths, no SymPy frames
            message = ("bug", f"{type(exc).__name__}: {exc}" + (f" (in {frames[-1].name})" if frames else ""))
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


def map_bounded(fn: Callable[[int, Any], T], items: Sequence[Any], *, seconds: float | None = None,
                memory_mb: float | None = None, on_failure: Callable[[int, Any, DlprepError], T]) -> Iterator[T]:
    """``fn(i, item)`` for every item, in order, in one forked worker that keeps its caches between items.

    Each item gets at most ``seconds``: past that (or when the worker dies) the worker is killed, the
    item's result is ``on_failure(i, item, error)`` and a fresh worker goes on with the next item.
    """
    seconds = LIMITS["seconds"].value if seconds is None else seconds
    memory_mb = LIMITS["worker_memory_mb"].value if memory_mb is None else memory_mb
    start = 0
    while start < len(items):
        sys.stdout.flush()
        sys.stderr.flush()
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_end)
            _map_child(write_end, fn, items, start, memory_mb)
        os.close(write_end)
        stream = os.fdopen(read_end, "rb")
        try:
            while start < len(items):
                try:
                    index, result = _next_result(stream, pid, seconds)
                except DlprepError as exc:
                    yield on_failure(start, items[start], exc)
                    start += 1
                    break
                start = index + 1
                yield result
        finally:
            stream.close()
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)


def _next_result(stream: Any, pid: int, seconds: float) -> tuple[int, Any]:
    fd = stream.fileno()
    end = time.monotonic() + seconds if seconds > 0 else None
    header = b""
    while len(header) < 8:
        remaining = None if end is None else end - time.monotonic()
        if remaining is not None and (remaining <= 0 or not select.select([fd], [], [], remaining)[0]):
            raise LimitExceeded(f"the request took longer than {seconds:g} s (limit seconds = {seconds:g})")
        chunk = os.read(fd, 8 - len(header))
        if not chunk:
            raise LimitExceeded("the worker grading this request ended without a result "
                                f"(out of memory? limit worker_memory_mb = {LIMITS['worker_memory_mb'].value:g})")
        header += chunk
    length = int.from_bytes(header, "big")
    data = b""
    while len(data) < length:
        chunk = os.read(fd, min(length - len(data), 1 << 20))
        if not chunk:
            raise LimitExceeded("the worker grading this request ended while sending its result")
        data += chunk
    index, result = pickle.loads(data)  # our own child's data, never the user's
    return index, result


def _map_child(fd: int, fn: Callable[[int, Any], Any], items: Sequence[Any], start: int, memory_mb: float) -> None:
    code = 0
    try:
        faulthandler.disable()
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        signal.setitimer(signal.ITIMER_REAL, 0)
        limit_memory(memory_mb)
        for index in range(start, len(items)):
            data = pickle.dumps((index, fn(index, items[index])))
            view = memoryview(len(data).to_bytes(8, "big") + data)
            while view:
                view = view[os.write(fd, view):]
    except BaseException:  # noqa: BLE001 - the parent sees the missing result and goes on
        code = 70
    finally:
        os._exit(code)
