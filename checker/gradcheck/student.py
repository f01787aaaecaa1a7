"""The student's file, run in a child process that the checker drives; the verdict stays in the parent.

The file is Python and runs as code with the caller's permissions: grade untrusted files in a
container or a throwaway account. What this module adds: the file runs in a forked child with
CPU-time, memory and file-size limits and its own temporary working directory; the parent sends
(params, x, y) and receives only plain data (JSON, and raw NumPy arrays of plain dtypes: never
pickle), validates it, and computes every finite difference and verdict itself.
A child that ends without an answer (``os._exit``, a signal, the CPU limit) is an error, never a pass.

    with StudentProcess.start("mine.py:loss_and_grads", timeout=120) as student:
        loss, grads = student.loss_and_grads(params, x, y)
"""

from __future__ import annotations

import contextlib
import faulthandler
import json
import math
import mmap
import os
import pickle
import resource
import shutil
import signal
import struct
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

import numpy as np

from checker.language.errors import InputError, LimitExceeded
from checker.language.worker import limit_memory

DEFAULT_FUNCTION = "loss_and_grads"
MEMORY_MB = 4096  # address space the child may add to what it inherits
FILE_MB = 64  # largest file the child may write
REPLY_MB = 1024  # largest answer the parent reads
SHARED_MB = 256  # region both sides map, where arrays travel (pages are used only when touched)
ARRAY_KINDS = "biufcSU"  # dtypes that travel without pickle
_LENGTH = struct.Struct("!Q")


class StudentDied(InputError):
    """The child ended without an answer: never a pass."""


def split_target(target: str, default: str = DEFAULT_FUNCTION) -> tuple[Path, str]:
    """``FILE.py[:FUNC]`` → (path, function name)."""
    file, _, func = target.partition(":") if target.count(":") == 1 and not target.endswith(".py") else (target, "", "")
    path = Path(file)
    if not path.is_file():
        raise InputError(f"no such file: {file}", expected="FILE.py[:FUNC], a Python file that defines loss_and_grads")
    return path.resolve(), func or default


class StudentProcess:
    """A child process that loaded the student's file; ``call(name, *args)`` runs one of its functions."""

    def __init__(self, pid: int, to_child: int, from_child: int, workdir: str, path: Path, function: str, seconds: float) -> None:
        self.pid, self.to_child, self.from_child = pid, to_child, from_child
        self.workdir, self.path, self.function, self.seconds = workdir, path, function, seconds
        self.started = time.monotonic()

    # ---------------------------------------------------------------- parent side
    @classmethod
    def start(cls, target: str, *, timeout: float, needs: tuple[str, ...] = ()) -> StudentProcess:
        """Fork the child, load the file there, and check that ``function`` and ``needs`` exist."""
        path, function = split_target(target)
        workdir = tempfile.mkdtemp(prefix="dlprep-gradcheck-")
        down_r, down_w = os.pipe()
        up_r, up_w = os.pipe()
        for fd in (down_w, up_w):  # big pipes: parameters and gradients of a real network are megabytes
            with contextlib.suppress(OSError, AttributeError):
                import fcntl

                fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, 1 << 20)
        shared = mmap.mmap(-1, SHARED_MB << 20)  # MAP_SHARED: arrays travel here, not through the pipes
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            os.close(down_w)
            os.close(up_r)
            _serve(down_r, up_w, path, workdir, timeout, shared)  # never returns
        os.close(down_r)
        os.close(up_w)
        student = cls(pid, down_w, up_r, workdir, path, function, timeout)
        student.shared = shared
        try:
            student._ask(("load", (function, needs)))
        except BaseException:
            student.close()
            raise
        return student

    def __enter__(self) -> StudentProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        for fd in (self.to_child, self.from_child):
            with contextlib.suppress(OSError):
                os.close(fd)
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)
        shutil.rmtree(self.workdir, ignore_errors=True)
        with contextlib.suppress(AttributeError, BufferError):
            self.shared.close()

    def call(self, name: str, *args: Any) -> Any:
        """The value ``name(*args)`` returned in the child (plain data), or InputError naming what went wrong."""
        return self._ask(("call", (name, args)))

    def loss_and_grads(self, params: dict, x: Any, y: Any) -> tuple[Any, dict]:
        """The student's (loss, grads), checked to be a float64 loss and a dict (else one clear line)."""
        out = self.call(self.function, params, x, y)
        name = self.function
        if not (isinstance(out, tuple) and len(out) == 2 and isinstance(out[1], dict)):
            raise InputError(f"your {name} returned {type(out).__name__}",
                             expected="a pair (loss: float, grads: dict[str, np.ndarray])")
        loss, grads = out
        if isinstance(loss, np.ndarray) and loss.size == 1:
            loss = loss.reshape(()).item() if loss.dtype.kind in "fciu" else loss
        if isinstance(loss, bool) or not isinstance(loss, (int, float, complex, np.number)):
            raise InputError(f"your {name} returned a loss of type {type(loss).__name__}", expected="a float")
        if isinstance(loss, np.floating) and loss.dtype.itemsize < 8:
            raise InputError(f"your {name} returned a {loss.dtype} loss: gradient checking needs float64",
                             expected="float64 arithmetic throughout")
        return loss, grads

    def example(self) -> tuple[dict, Any, Any]:
        """The file's example() -> (params, x, y)."""
        got = self.call("example")
        if not (isinstance(got, tuple) and len(got) == 3 and isinstance(got[0], dict)):
            raise InputError("example() must return (params: dict, x, y)")
        return got

    def _ask(self, request: tuple[str, Any]) -> Any:
        try:
            _send(self.to_child, pickle.dumps(_to_shared(request, self.shared, [0]), protocol=pickle.HIGHEST_PROTOCOL))
            reply = _receive(self.from_child, REPLY_MB * 2**20, self._remaining())
        except (BrokenPipeError, EOFError):
            raise self._died() from None
        except TimeoutError:
            raise LimitExceeded(f"your code ran over the limit of --timeout {self.seconds:g} s") from None
        header, arrays = _decode(reply, self.shared)
        if header.get("t") == "error":
            message = " ".join(str(header.get("message", "your code failed")).split())
            raise InputError(message if len(message) <= 500 else message[:500] + "…")
        return _rebuild(header["value"], arrays)

    def _remaining(self) -> float | None:
        return None if self.seconds <= 0 else max(0.0, self.seconds - (time.monotonic() - self.started))

    def _died(self) -> StudentDied:
        with contextlib.suppress(ChildProcessError):
            for _ in range(50):
                done, status = os.waitpid(self.pid, os.WNOHANG)
                if done:
                    break
                time.sleep(0.01)
            else:
                return StudentDied(f"the process running {self.path.name} stopped answering; no verdict")
            if os.WIFSIGNALED(status):
                number = os.WTERMSIG(status)
                why = {signal.SIGXCPU: " (the CPU-time limit)", signal.SIGKILL: " (killed: out of memory or the time limit?)",
                       signal.SIGABRT: " (aborted)", signal.SIGSEGV: " (a crash)"}.get(number, "")
                how = f"was ended by signal {signal.Signals(number).name}{why}"
            else:
                how = f"exited with code {os.WEXITSTATUS(status)}"
            return StudentDied(f"the process running {self.path.name} {how} without returning a result; no verdict")
        return StudentDied(f"the process running {self.path.name} ended without returning a result; no verdict")


# -------------------------------------------------------------------- framing and plain-data codec
def _send(fd: int, data: bytes) -> None:
    view = memoryview(_LENGTH.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view):]


def _read_exactly(fd: int, n: int, end: float | None) -> bytes:
    import select

    chunks, got = [], 0
    while got < n:
        if end is not None:
            remaining = end - time.monotonic()
            if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
                raise TimeoutError
        chunk = os.read(fd, min(n - got, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def _receive(fd: int, limit: int, seconds: float | None) -> bytes:
    end = None if seconds is None else time.monotonic() + seconds
    (length,) = _LENGTH.unpack(_read_exactly(fd, _LENGTH.size, end))
    if length > limit:
        raise InputError(f"your code returned {length} bytes; the limit is {limit}")
    return _read_exactly(fd, length, end)


def _encode(value: Any, arrays: list[np.ndarray], depth: int = 0) -> Any:
    """A JSON description of ``value``; arrays of plain dtypes go to ``arrays``, anything else by type name only."""
    if depth > 20:
        return {"t": "other", "type": type(value).__name__}
    if value is None or isinstance(value, (bool, str)):
        return {"t": "json", "v": value}
    if isinstance(value, int):
        return {"t": "json", "v": value} if abs(value) < 2**63 else {"t": "json", "v": float(value)}
    if isinstance(value, float):
        return {"t": "float", "v": float.__repr__(float(value))}
    if isinstance(value, complex):
        return {"t": "complex", "v": [float.__repr__(float(value.real)), float.__repr__(float(value.imag))]}
    if isinstance(value, (np.ndarray, np.generic)) and np.asarray(value).dtype.kind in ARRAY_KINDS:
        arrays.append(np.asarray(value))
        return {"t": "scalar" if isinstance(value, np.generic) else "array", "i": len(arrays) - 1}
    if isinstance(value, (tuple, list)) and len(value) <= 10_000:
        return {"t": type(value).__name__, "v": [_encode(v, arrays, depth + 1) for v in value]}
    if isinstance(value, dict) and len(value) <= 10_000 and all(isinstance(k, str) for k in value):
        return {"t": "dict", "v": {k: _encode(v, arrays, depth + 1) for k, v in value.items()}}
    name = type(value).__name__ + (f" of {value.dtype}" if isinstance(value, np.ndarray) else "")
    return {"t": "other", "type": name}


def _pack(header: dict[str, Any], arrays: list[np.ndarray], shared: mmap.mmap | None = None) -> bytes:
    """Header JSON (each array's dtype, shape, offset) then the arrays' raw bytes, or the bytes put in the
    shared region when they fit: no pickle, no zip."""
    arrays = [np.require(a, requirements="C") for a in arrays]  # (ascontiguousarray would make 0-d arrays 1-d)
    offsets, total = [], 0
    for a in arrays:
        offsets.append(total)
        total += a.nbytes
    inline = shared is None or total > len(shared)
    header = {**header, "shared": not inline, "arrays": [[a.dtype.str, list(a.shape), o] for a, o in zip(arrays, offsets)]}
    if not inline:
        for a, o in zip(arrays, offsets):
            np.frombuffer(shared, a.dtype, a.size, o).reshape(a.shape)[...] = a  # one copy, straight into the region
    head = json.dumps(header).encode()
    return b"".join([_LENGTH.pack(len(head)), head, *(() if not inline else (a.tobytes() for a in arrays))])


def _decode(data: bytes, shared: mmap.mmap | None = None) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """The child's answer, read as JSON and plain arrays only; anything malformed is one clear line."""
    unreadable = InputError("the process running your code sent an unreadable answer")
    try:
        (size,) = _LENGTH.unpack_from(data, 0)
        header = json.loads(data[_LENGTH.size:_LENGTH.size + size].decode())
        source = shared if header.get("shared") is True and shared is not None else data
        base = 0 if source is shared else _LENGTH.size + size
        arrays = {}
        for i, (dtype_text, shape, offset) in enumerate(header.get("arrays", [])):
            dtype = np.dtype(str(dtype_text))
            if dtype.kind not in ARRAY_KINDS or dtype.hasobject or dtype.fields is not None:
                raise ValueError(dtype_text)
            shape = tuple(int(n) for n in shape)
            count = int(np.prod(shape, dtype=np.int64)) if shape else 1
            start = base + int(offset)
            if count < 0 or start < base or start + count * dtype.itemsize > len(source):
                raise ValueError("short")
            arrays[f"a{i}"] = np.frombuffer(source, dtype, count, start).reshape(shape).copy()
    except InputError:
        raise
    except Exception:  # noqa: BLE001 - whatever the child sent
        raise unreadable from None
    if not isinstance(header, dict):
        raise unreadable
    return header, arrays


class _Ref(tuple):  # type: ignore[type-arg]
    """(offset, dtype, shape) of an array the parent put in the shared region."""


def _to_shared(value: Any, shared: mmap.mmap, cursor: list[int]) -> Any:
    """``value`` with its plain arrays moved into ``shared`` (those that fit), for the pickle to the child."""
    if isinstance(value, np.ndarray) and value.dtype.kind in ARRAY_KINDS and cursor[0] + value.nbytes <= len(shared):
        array = value
        np.frombuffer(shared, array.dtype, array.size, cursor[0]).reshape(array.shape)[...] = array
        ref = _Ref((cursor[0], array.dtype.str, array.shape))
        cursor[0] += array.nbytes
        return ref
    if isinstance(value, dict):
        return {k: _to_shared(v, shared, cursor) for k, v in value.items()}
    if isinstance(value, (tuple, list)) and not isinstance(value, _Ref):
        return type(value)(_to_shared(v, shared, cursor) for v in value)
    return value


def _from_shared(value: Any, shared: mmap.mmap) -> Any:
    if isinstance(value, _Ref):
        offset, dtype, shape = value
        count = int(np.prod(shape, dtype=np.int64)) if shape else 1
        return np.frombuffer(shared, np.dtype(dtype), count, offset).reshape(shape).copy()
    if isinstance(value, dict):
        return {k: _from_shared(v, shared) for k, v in value.items()}
    if isinstance(value, (tuple, list)):
        return type(value)(_from_shared(v, shared) for v in value)
    return value


class _Other:
    """Stands for a value of a type that does not travel (its type name is kept for the messages)."""


def _rebuild(node: Any, arrays: dict[str, np.ndarray]) -> Any:
    if not isinstance(node, dict):
        raise InputError("the process running your code sent an unreadable answer")
    kind, value = node.get("t"), node.get("v")
    if kind == "json":
        return value
    if kind == "float":
        return float(value)
    if kind == "complex":
        return complex(float(value[0]), float(value[1]))
    if kind in ("array", "scalar"):
        array = arrays.get(f"a{int(node.get('i', -1))}")
        if array is None:
            raise InputError("the process running your code sent an unreadable answer")
        return array[()] if kind == "scalar" else array
    if kind in ("tuple", "list"):
        items = [_rebuild(v, arrays) for v in value]
        return tuple(items) if kind == "tuple" else items
    if kind == "dict":
        return {str(k): _rebuild(v, arrays) for k, v in value.items()}
    return type(str(node.get("type", "object"))[:60], (_Other,), {})()


# -------------------------------------------------------------------- child side
def _serve(requests: int, replies: int, path: Path, workdir: str, seconds: float, shared: mmap.mmap) -> None:
    """The child: limits, own directory, load the file, answer calls until the parent closes the pipe."""
    code = 0
    try:
        os.dup2(2, 1)  # the student's prints go to stderr, never into our output
        faulthandler.disable()  # a crash of the student's code is reported by the parent, in one line
        sys.stdout = sys.stderr
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        signal.setitimer(signal.ITIMER_REAL, 0)
        limit_memory(MEMORY_MB)
        _limit(resource.RLIMIT_FSIZE, FILE_MB * 2**20)
        if seconds > 0:
            _limit(resource.RLIMIT_CPU, math.ceil(seconds) + 1)
        os.chdir(workdir)
        sys.path.insert(0, str(path.parent))
        namespace: dict[str, Any] = {}
        while True:
            try:
                method, args = _from_shared(pickle.loads(_receive(requests, 2**40, None)), shared)
            except EOFError:
                break
            _send(replies, _answer(method, args, namespace, path, shared))
    except BaseException:  # noqa: BLE001
        code = 70
    finally:
        os._exit(code)


def _limit(kind: int, value: int) -> None:
    soft, hard = resource.getrlimit(kind)
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    resource.setrlimit(kind, (value, hard))


def _answer(method: str, args: Any, namespace: dict[str, Any], path: Path, shared: mmap.mmap | None = None) -> bytes:
    arrays: list[np.ndarray] = []
    try:
        if method == "load":
            function, needs = args
            _load(path, namespace)
            for name in (function, *needs):
                if not callable(namespace.get(name)):
                    raise _Refusal(f"{path.name} defines no example(); expected example() -> (params, x, y), or use --net SPEC"
                                   if name == "example" else f"{path.name} defines no function {name}; expected "
                                   "def loss_and_grads(params, x, y) -> (loss, grads), or FILE.py:FUNC")
            return _pack({"t": "ok", "value": _encode(None, arrays)}, arrays)
        name, call_args = args
        value = _run(f"your {name}", path, namespace[name], *call_args)
        return _pack({"t": "ok", "value": _encode(value, arrays)}, arrays, shared)
    except _Refusal as exc:
        return _pack({"t": "error", "message": str(exc)}, [])


class _Refusal(Exception):
    pass


def _load(path: Path, namespace: dict[str, Any]) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("dlprep_student", path)
    if spec is None or spec.loader is None:
        raise _Refusal(f"cannot load {path.name} as Python; expected a .py file")
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)  # the file the user asked us to run, in this child only
    except SyntaxError as exc:
        raise _Refusal(f"{path.name} has a syntax error on line {exc.lineno}: {exc.msg}") from None
    except SystemExit as exc:
        raise _Refusal(f"running {path.name} called sys.exit({exc.code!r}); put script code under "
                       "if __name__ == '__main__':") from None
    except BaseException as exc:  # noqa: BLE001
        raise _Refusal(f"running {path.name} raised {type(exc).__name__}: {exc} ({_where(exc, path)})") from None
    namespace.update(vars(module))


def _run(label: str, path: Path, func: Any, *args: Any) -> Any:
    try:
        return func(*args)
    except SystemExit as exc:
        raise _Refusal(f"{label} called sys.exit({exc.code!r}) ({_where(exc, path)})") from None
    except BaseException as exc:  # noqa: BLE001 - the student's code may raise anything
        raise _Refusal(f"{label} raised {type(exc).__name__}: {exc} ({_where(exc, path)})") from None


def _where(exc: BaseException, path: Path) -> str:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if Path(f.filename).resolve() == path]
    return f"{path.name} line {frames[-1].lineno}" if frames else path.name
