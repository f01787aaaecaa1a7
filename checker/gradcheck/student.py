"""The student's file, run in a sandboxed child process that the checker drives; the verdict stays here.

The child is ``python -I child.py`` under bubblewrap (sandbox.py): nobody in new user, PID, network,
IPC and mount namespaces, a read-only view of Python and the file, a private scratch /tmp, hard
rlimits. Its stdin is /dev/null; its stdout and stderr are one pipe this process drains and closes
(a descendant can never hold the caller's stdio); requests and answers travel over two more pipes
as plain data (wire.py: JSON and raw arrays of plain dtypes, never pickle), each answer read with a
bound (``reply_limit``, set from the network's size). Every finite difference and verdict is
computed here. A child that ends without an answer (``os._exit``, a signal, a limit) is an error,
never a pass; closing kills the sandbox and with it every process the file started.

    with StudentProcess.start("mine.py:loss_and_grads", timeout=120) as student:
        loss, grads = student.loss_and_grads(params, x, y)
"""

from __future__ import annotations

import contextlib
import mmap
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np

from checker.gradcheck import sandbox, seccomp, wire
from checker.language.errors import InputError, LimitExceeded

DEFAULT_FUNCTION = "loss_and_grads"
MEMORY_MB = 4096  # address space the child may add to what it has mapped after start-up
FILE_MB = 64  # largest file the child may write
DEFAULT_REPLY_MB = 64  # bound of an answer before the network's size is known (example())
SHARED_MB = 256  # the region both sides map, where arrays travel (pages are used only when touched)
OUTPUT_KEPT = 4096  # bytes of the child's stdout/stderr kept (for the message when the sandbox fails)


class StudentDied(InputError):
    """The child ended without an answer: never a pass."""


class SandboxUnavailable(InputError):
    """bubblewrap is missing or cannot start here."""


def split_target(target: str, default: str = DEFAULT_FUNCTION) -> tuple[Path, str]:
    """``FILE.py[:FUNC]`` → (path, function name)."""
    file, _, func = target.partition(":") if target.count(":") == 1 and not target.endswith(".py") else (target, "", "")
    path = Path(file)
    if not path.is_file():
        raise InputError(f"no such file: {file}", expected="FILE.py[:FUNC], a Python file that defines loss_and_grads")
    return path.resolve(), func or default


class _Drain(threading.Thread):
    """Reads the child's stdout/stderr pipe to its end, keeping only the last OUTPUT_KEPT bytes."""

    def __init__(self, fd: int) -> None:
        super().__init__(daemon=True)
        self.fd, self.tail, self.stop = fd, b"", threading.Event()

    def run(self) -> None:
        import select

        with contextlib.suppress(OSError, ValueError):
            while not self.stop.is_set():
                if not select.select([self.fd], [], [], 0.1)[0]:
                    continue
                chunk = os.read(self.fd, 1 << 16)
                if not chunk:
                    return
                self.tail = (self.tail + chunk)[-OUTPUT_KEPT:]


class StudentProcess:
    """A sandboxed child that loaded the student's file; ``call(name, *args)`` runs one of its functions."""

    reply_limit = DEFAULT_REPLY_MB << 20

    def __init__(self, process: subprocess.Popen, to_child: int, from_child: int, drain: _Drain, workdir: str | None,
                 path: Path, function: str, seconds: float) -> None:
        self.process, self.pid, self.to_child, self.from_child, self.drain = process, process.pid, to_child, from_child, drain
        self.workdir, self.path, self.function, self.seconds = workdir, path, function, seconds
        self.started = time.monotonic()
        self.closed = False

    # ---------------------------------------------------------------- parent side
    @classmethod
    def start(cls, target: str, *, timeout: float, needs: tuple[str, ...] = (), confined: bool = True) -> StudentProcess:
        """Start the child (under bubblewrap unless ``confined`` is False), load the file there, and check
        that the function and ``needs`` exist."""
        path, function = split_target(target)
        workdir, extra_fds = None, []
        if confined:
            program = seccomp.no_new_processes()
            if program is not None:  # the filter travels in a memfd bwrap reads at start-up
                extra_fds.append(os.memfd_create("dlprep-seccomp", 0))
                os.write(extra_fds[0], program)
                os.lseek(extra_fds[0], 0, os.SEEK_SET)
            try:
                argv, inside = sandbox.command(path, [], extra_fds[0] if extra_fds else None)
            except sandbox.SandboxMissing:
                for fd in extra_fds:
                    os.close(fd)
                raise SandboxUnavailable("bubblewrap (bwrap) is not installed, so the file cannot be sandboxed",
                                         expected="apt-get install bubblewrap, or --unsafe-no-sandbox to run it "
                                                  "with your permissions") from None
        else:
            workdir = tempfile.mkdtemp(prefix="dlprep-gradcheck-")
            argv, inside = sandbox.unconfined(path, workdir)
        down_r, down_w = os.pipe()
        up_r, up_w = os.pipe()
        for fd in (down_w, up_w):  # big pipes: parameters and gradients of a real network are megabytes
            with contextlib.suppress(OSError, AttributeError):
                import fcntl

                fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, 1 << 20)
        region = os.memfd_create("dlprep-gradcheck", 0)  # arrays travel here, both sides map it
        os.ftruncate(region, SHARED_MB << 20)
        shared = mmap.mmap(region, SHARED_MB << 20)
        argv = argv + [str(down_r), str(up_w), str(region), str(SHARED_MB << 20), inside, repr(float(timeout)),
                       str(MEMORY_MB), str(FILE_MB), *sandbox.python_roots()]
        try:
            process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                       pass_fds=(down_r, up_w, region, *extra_fds), cwd=workdir or "/", start_new_session=True,
                                       env=dict(sandbox.ENVIRONMENT) if workdir else None)
        except OSError as exc:
            for fd in (down_w, up_r):
                os.close(fd)
            shared.close()
            raise SandboxUnavailable(f"cannot start the process for {path.name}: {exc.strerror or exc}") from None
        finally:
            for fd in (down_r, up_w, region, *extra_fds):
                with contextlib.suppress(OSError):
                    os.close(fd)
        assert process.stdout is not None
        drain = _Drain(process.stdout.fileno())
        drain.start()
        student = cls(process, down_w, up_r, drain, workdir, path, function, timeout)
        student.shared = shared
        try:
            student._ask("load", (function, needs))
        except StudentDied as exc:
            student.close()
            said = student.drain.tail.decode("utf-8", "replace").strip().splitlines()
            if confined and said and said[-1].startswith("bwrap:"):
                raise SandboxUnavailable(f"the sandbox (bubblewrap) cannot start here: {said[-1][6:].strip()}",
                                         expected="a system that allows unprivileged user namespaces, or "
                                                  "--unsafe-no-sandbox") from None
            raise exc from None
        except BaseException:
            student.close()
            raise
        return student

    def __enter__(self) -> StudentProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Kill the sandbox (its PID namespace dies with it, so every process the file started does too),
        wait for it, and close every pipe; idempotent."""
        if self.closed:
            return
        self.closed = True
        for fd in (self.to_child, self.from_child):
            with contextlib.suppress(OSError):
                os.close(fd)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.pid, signal.SIGKILL)  # the session it leads (--unsafe-no-sandbox: its descendants)
        with contextlib.suppress(ProcessLookupError):
            self.process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(10)
        self.drain.join(1)  # the sandbox is gone: its output ends (EOF) and is read to the end
        self.drain.stop.set()
        self.drain.join(1)
        if self.process.stdout is not None and not self.drain.is_alive():
            with contextlib.suppress(OSError):
                self.process.stdout.close()
        if self.workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)
        with contextlib.suppress(AttributeError, BufferError):
            self.shared.close()

    def call(self, name: str, *args: Any) -> Any:
        """The value ``name(*args)`` returned in the child (plain data), or InputError naming what went wrong."""
        return self._ask("call", (name, args))

    def loss_and_grads(self, params: dict, x: Any, y: Any) -> tuple[Any, dict]:
        """The student's (loss, grads), checked to be a float64 loss and a dict (else one clear line)."""
        out = self.call(self.function, params, x, y)
        name = self.function
        if not (isinstance(out, tuple) and len(out) == 2 and isinstance(out[1], dict)):
            raise InputError(f"your {name} returned {type(out).__name__}",
                             expected="a pair (loss: float, grads: dict[str, np.ndarray])")
        loss, grads = out
        return self._as_loss(loss, params), grads

    def _as_loss(self, loss: Any, params: dict) -> Any:
        """The loss as a number: float64 or wider; complex only while complex-step probing (complex parameters)."""
        name = self.function
        if isinstance(loss, np.ndarray) and loss.size == 1:
            loss = loss.reshape(()).item() if loss.dtype.kind in "fciu" else loss
        if isinstance(loss, bool) or not isinstance(loss, (int, float, complex, np.number)):
            raise InputError(f"your {name} returned a loss of type {type(loss).__name__}", expected="a float")
        if isinstance(loss, np.floating) and loss.dtype.itemsize < 8:
            raise InputError(f"your {name} returned a {loss.dtype} loss: gradient checking needs float64",
                             expected="float64 arithmetic throughout")
        if np.iscomplexobj(loss) and not any(np.iscomplexobj(v) for v in params.values()):
            if complex(loss).imag != 0:
                raise InputError(f"your {name} returned a complex loss ({complex(loss):.6g}) for real parameters",
                                 expected="a real float64 loss")
            loss = complex(loss).real
        return loss

    def loss(self, params: dict, x: Any, y: Any) -> Any:
        """The student's loss alone (the gradients are not sent back): for finite differences."""
        out = self.call_only(self.function, params, x, y)
        if not (isinstance(out, tuple) and len(out) == 1):
            raise InputError(f"your {self.function} returned {type(out).__name__}",
                             expected="a pair (loss: float, grads: dict[str, np.ndarray])")
        return self._as_loss(out[0], params)

    def call_only(self, name: str, *args: Any) -> Any:
        """Like :meth:`call`, but of a tuple the child sends back only the first item."""
        return self._ask("call", (name, args), only=0)

    def example(self) -> tuple[dict, Any, Any]:
        """The file's example() -> (params, x, y)."""
        got = self.call("example")
        if not (isinstance(got, tuple) and len(got) == 3 and isinstance(got[0], dict)):
            raise InputError("example() must return (params: dict, x, y)")
        return got

    def _ask(self, kind: str, value: Any, **extra: Any) -> Any:
        if self.closed:
            raise StudentDied(f"the process running {self.path.name} was stopped; no verdict")
        try:
            wire.send(self.to_child, wire.message({"t": kind, **extra}, value, self.shared))
            reply = wire.receive(self.from_child, self.reply_limit, self._remaining())
            header, arrays = wire.unpack(reply, self.shared, self.reply_limit)
            if header.get("t") == "error":
                message = " ".join(str(header.get("message", "your code failed")).split())
                raise InputError(message if len(message) <= 500 else message[:500] + "…")
            return wire.rebuild(header.get("value"), arrays)
        except (BrokenPipeError, EOFError):
            raise self._died() from None
        except TimeoutError:
            raise LimitExceeded(f"your code ran over the limit of --timeout {self.seconds:g} s") from None
        except wire.WireError as exc:
            self.close()  # a reply over its bound is not read further: the child is stopped
            what = str(exc) if "limit" in str(exc) else "an unreadable answer"
            raise InputError(f"the process running your code sent {what}"
                             + (" (bound from the network's size)" if "limit" in what else "")) from None

    def _remaining(self) -> float | None:
        return None if self.seconds <= 0 else max(0.0, self.seconds - (time.monotonic() - self.started))

    def _died(self) -> StudentDied:
        try:
            status = self.process.wait(0.5)
        except subprocess.TimeoutExpired:
            return StudentDied(f"the process running {self.path.name} stopped answering; no verdict")
        number = -status if status < 0 else status - 128 if status > 128 and self.workdir is None else 0
        if number > 0:
            why = {signal.SIGXCPU: " (the CPU-time limit)", signal.SIGKILL: " (killed: out of memory or the time limit?)",
                   signal.SIGABRT: " (aborted)", signal.SIGSEGV: " (a crash)", signal.SIGXFSZ: " (the file-size limit)"}.get(number, "")
            with contextlib.suppress(ValueError):
                how = f"was ended by signal {signal.Signals(number).name}{why}"
                return StudentDied(f"the process running {self.path.name} {how} without returning a result; no verdict")
        return StudentDied(f"the process running {self.path.name} exited with code {status} without returning a result; "
                           "no verdict")
