"""A bounded pool of worker processes for the practice server: the event loop never checks anything.

Every request that parses, generates or checks (``question_bank.practice.tasks``) is sent to one of
``size`` long-lived worker processes (forked from a preloaded ``forkserver``, so they share no sockets
or pipes with the server and keep their own caches between requests). In the worker, the task runs on
its main thread under the checker's deadline (``checker.language.limits.deadline``, SIGALRM; a result
that comes back after the deadline passed is refused too, since an alarm absorbed inside the checker
may have cut its work short) and the
memory bound of ``checker.language.worker.limit_memory``; the server waits for it without blocking the
loop, and past ``seconds + GRACE`` kills the worker and starts a fresh one (a NumPy call the alarm
cannot interrupt). At most ``waiting`` requests queue for a worker; beyond that the server answers
503 at once (``Busy``) instead of piling up work.

``size = 0`` runs the tasks inline on the loop (the API tests, which replace tasks by fakes).

>>> import asyncio
>>> asyncio.run(Pool(0).run("health"))
'ok'
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import signal
import time
from multiprocessing.connection import Connection
from typing import Any

from checker.language.errors import DlprepError, LimitExceeded
from checker.language.limits import DEFAULT_SECONDS, LIMITS

GRACE = 2.0  # seconds past the task's own deadline before its worker is killed
PRELOAD = ["question_bank.practice.tasks"]


class Busy(DlprepError):
    """Every worker is busy and the queue is full: the server answers 503 (try again)."""


class WorkerDied(RuntimeError):
    """A worker ended without an answer (a bug of ours): the server answers 500."""


def _serve(conn: Connection, memory_mb: float, seconds: float) -> None:
    """The worker: run named tasks from ``conn`` until the server closes it, each under ``seconds``."""
    from checker.language.limits import deadline
    from checker.language.worker import limit_memory
    from question_bank.practice import tasks

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's; it closes the pipe
    limit_memory(memory_mb)
    while True:
        try:
            name, args, bound = conn.recv()
        except (EOFError, OSError):
            return
        limit = bound or seconds
        started = time.monotonic()
        try:
            with deadline(limit):
                reply: tuple[str, Any] = ("ok", tasks.run(name, *args))
            if time.monotonic() - started > limit:  # an alarm absorbed somewhere inside: the result is not to be trusted
                raise LimitExceeded(f"the work took longer than {limit:g} s (the time limit)")
        except DlprepError as exc:  # past the deadline, an error is the time-out's (the step reader rewraps it per line)
            late = time.monotonic() - started > limit and not isinstance(exc, LimitExceeded)
            reply = ("error", LimitExceeded(f"the work took longer than {limit:g} s (the time limit)") if late else exc)
        except MemoryError:
            reply = ("error", LIMITS["worker_memory_mb"].refuse("the memory needed", "(memory of one request)"))
        except RecursionError:
            reply = ("error", LimitExceeded("the expression is too deeply nested to evaluate (limit tree_depth)"))
        except Exception as exc:  # noqa: BLE001 - a bug of ours, reported without internals
            reply = ("bug", type(exc).__name__)
        try:
            conn.send(reply)
        except Exception as exc:  # noqa: BLE001 - an unpicklable reply
            conn.send(("bug", f"unpicklable reply: {type(exc).__name__}"))


class _Worker:
    def __init__(self, ctx: Any, memory_mb: float, seconds: float) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child, memory_mb, seconds), daemon=True, name="dlprep-practice-worker")
        self.process.start()
        child.close()

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self.conn.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)


class Pool:
    """``await pool.run(name, *args)``: the task's result, its DlprepError re-raised, LimitExceeded past the deadline."""

    def __init__(self, size: int, *, seconds: float = DEFAULT_SECONDS, waiting: int = 16,
                 memory_mb: float | None = None) -> None:
        self.size, self.seconds, self.waiting = size, seconds, waiting
        self.memory_mb = LIMITS["worker_memory_mb"].value if memory_mb is None else memory_mb
        self._ctx: Any = None
        self._idle: asyncio.Queue[_Worker] | None = None
        self._all: list[_Worker] = []
        self._queued = 0

    async def start(self) -> None:
        """Start the workers (in a thread: the forkserver's first start imports the checker)."""
        if self.size and self._idle is None:
            self._idle = asyncio.Queue()
            self._ctx = multiprocessing.get_context("forkserver")
            self._ctx.set_forkserver_preload(PRELOAD)
            for worker in await asyncio.gather(*(asyncio.to_thread(_Worker, self._ctx, self.memory_mb, self.seconds) for _ in range(self.size))):
                self._all.append(worker)
                self._idle.put_nowait(worker)

    def close(self) -> None:
        for worker in self._all:
            worker.stop()
        self._all.clear()
        self._idle = None

    async def run(self, name: str, *args: Any, seconds: float | None = None) -> Any:
        """Run task ``name``; ``seconds`` overrides the pool's bound for this task (generation is ours, not the user's)."""
        if not self.size:
            from question_bank.practice import tasks

            return tasks.run(name, *args)
        await self.start()
        assert self._idle is not None
        if self._idle.empty() and self._queued >= self.waiting:
            raise Busy("the server is busy checking other answers; try again in a moment")
        self._queued += 1
        try:
            worker = await self._idle.get()
        finally:
            self._queued -= 1
        try:
            status, payload = await self._ask(worker, name, args, seconds or self.seconds)
        except BaseException:
            self._all.remove(worker)
            await asyncio.to_thread(worker.stop)
            worker = await asyncio.to_thread(_Worker, self._ctx, self.memory_mb, self.seconds)
            self._all.append(worker)
            raise
        finally:
            if self._idle is not None:
                self._idle.put_nowait(worker)
        if status == "ok":
            return payload
        if status == "error":
            raise payload
        raise WorkerDied(payload)

    async def _ask(self, worker: _Worker, name: str, args: tuple[Any, ...], seconds: float) -> tuple[str, Any]:
        loop = asyncio.get_running_loop()
        worker.conn.send((name, args, seconds))
        ready = loop.create_future()
        fd = worker.conn.fileno()
        loop.add_reader(fd, lambda: ready.done() or ready.set_result(None))
        try:
            await asyncio.wait_for(ready, seconds + GRACE)
        except asyncio.TimeoutError:
            raise LimitExceeded(f"the work took longer than {seconds:g} s (the time limit)") from None
        finally:
            loop.remove_reader(fd)
        try:
            return worker.conn.recv()  # type: ignore[no-any-return]
        except (EOFError, OSError):
            raise WorkerDied(f"the worker ended with no answer (exit code {worker.process.exitcode})") from None


__all__ = ["Busy", "Pool", "WorkerDied"]
