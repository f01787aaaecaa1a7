"""The wire between the checker and the process running the student's file: length-prefixed frames
of a JSON header and raw arrays of plain dtypes. No pickle in either direction.

A frame: 8-byte big-endian length, then that many bytes: 8-byte header length, header JSON (values
described as {"t": kind, ...}; each array's dtype, shape and offset), then the arrays' bytes.
The reader checks every length against a bound before reading, so a hostile peer cannot make it
allocate more than the bound. Imports only the standard library and NumPy: the sandboxed child
(child.py) loads this file on its own, without the checker package.
"""

from __future__ import annotations

import json
import os
import select
import struct
import time
from typing import Any

import numpy as np

ARRAY_KINDS = "biufcSU"  # dtypes that travel as raw bytes
LENGTH = struct.Struct("!Q")
MAX_DEPTH = 20
MAX_ITEMS = 10_000


class WireError(ValueError):
    """A frame that is malformed or over its bound."""


class Other:
    """Stands for a value of a type that does not travel (its type name is kept for the messages)."""


def send(fd: int, data: bytes) -> None:
    view = memoryview(LENGTH.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view):]


def read_exactly(fd: int, n: int, end: float | None) -> bytes:
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


def receive(fd: int, limit: int, seconds: float | None) -> bytes:
    """One frame of at most ``limit`` bytes (WireError before reading a longer one)."""
    end = None if seconds is None else time.monotonic() + seconds
    (length,) = LENGTH.unpack(read_exactly(fd, LENGTH.size, end))
    if length > limit:
        raise WireError(f"{length} bytes; the limit is {limit}")
    return read_exactly(fd, length, end)


def encode(value: Any, arrays: list[np.ndarray], depth: int = 0) -> Any:
    """A JSON description of ``value``; arrays of plain dtypes go to ``arrays``, anything else by type name only."""
    if depth > MAX_DEPTH:
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
    if isinstance(value, (tuple, list)) and len(value) <= MAX_ITEMS:
        return {"t": type(value).__name__, "v": [encode(v, arrays, depth + 1) for v in value]}
    if isinstance(value, dict) and len(value) <= MAX_ITEMS and all(isinstance(k, str) for k in value):
        return {"t": "dict", "v": {k: encode(v, arrays, depth + 1) for k, v in value.items()}}
    name = type(value).__name__ + (f" of {value.dtype}" if isinstance(value, np.ndarray) else "")
    return {"t": "other", "type": name}


def pack(header: dict[str, Any], arrays: list[np.ndarray], shared: Any = None) -> bytes:
    """Header JSON (each array's dtype, shape, offset) then the arrays' raw bytes, or, when they fit,
    the arrays written into ``shared`` (a memory region both processes map: one copy, no pipe traffic)."""
    arrays = [np.require(a, requirements="C") for a in arrays]  # (ascontiguousarray would make 0-d arrays 1-d)
    offsets, total = [], 0
    for a in arrays:
        offsets.append(total)
        total += a.nbytes
    inline = shared is None or total > len(shared)
    header = {**header, "shared": not inline, "arrays": [[a.dtype.str, list(a.shape), o] for a, o in zip(arrays, offsets)]}
    if not inline:
        for a, o in zip(arrays, offsets):
            np.frombuffer(shared, a.dtype, a.size, o).reshape(a.shape)[...] = a
    head = json.dumps(header).encode()
    return b"".join([LENGTH.pack(len(head)), head, *(() if not inline else (a.tobytes() for a in arrays))])


def message(header: dict[str, Any], value: Any, shared: Any = None) -> bytes:
    """A frame's body: ``header`` plus ``value`` encoded."""
    arrays: list[np.ndarray] = []
    return pack({**header, "value": encode(value, arrays)}, arrays, shared)


def unpack(data: bytes, shared: Any = None, limit: int | None = None) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """The header and arrays of a frame, read as JSON and plain arrays only (WireError if malformed);
    arrays are copied out of ``shared`` when the header says they are there. ``limit``: the most bytes
    the frame and its arrays may hold together (checked before anything is copied)."""
    try:
        (size,) = LENGTH.unpack_from(data, 0)
        header = json.loads(data[LENGTH.size:LENGTH.size + size].decode())
        in_shared = header.get("shared") is True
        if in_shared and shared is None:
            raise ValueError("no shared region")
        source = shared if in_shared else data
        base = 0 if in_shared else LENGTH.size + size
        if limit is not None:
            total = len(data) + sum(np.dtype(str(d)).itemsize * int(np.prod([int(n) for n in shape], dtype=np.int64))
                                    for d, shape, _ in header.get("arrays", []))
            if total > limit:
                raise WireError(f"{total} bytes; the limit is {limit}")
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
    except WireError:
        raise
    except Exception:  # noqa: BLE001 - whatever the peer sent
        raise WireError("unreadable") from None
    if not isinstance(header, dict):
        raise WireError("unreadable")
    return header, arrays


def rebuild(node: Any, arrays: dict[str, np.ndarray], depth: int = 0) -> Any:
    """The value an :func:`encode` description stands for (types that do not travel become :class:`Other`)."""
    if not isinstance(node, dict) or depth > MAX_DEPTH + 1:
        raise WireError("unreadable")
    kind, value = node.get("t"), node.get("v")
    try:
        if kind == "json":
            return value
        if kind == "float":
            return float(value)
        if kind == "complex":
            return complex(float(value[0]), float(value[1]))
        if kind in ("array", "scalar"):
            array = arrays.get(f"a{int(node.get('i', -1))}")
            if array is None:
                raise WireError("unreadable")
            return array[()] if kind == "scalar" else array
        if kind in ("tuple", "list"):
            items = [rebuild(v, arrays, depth + 1) for v in value]
            return tuple(items) if kind == "tuple" else items
        if kind == "dict":
            return {str(k): rebuild(v, arrays, depth + 1) for k, v in value.items()}
    except (TypeError, ValueError, AttributeError, KeyError, IndexError):
        raise WireError("unreadable") from None
    return type(str(node.get("type", "object"))[:60], (Other,), {})()


def bound(*values: Any, floor: int = 1 << 20) -> int:
    """A reply bound for answers about ``values``: twice their arrays' bytes (the loss and a gradient per
    parameter, with room for float64 of int inputs) plus ``floor`` for the header and small values."""
    def size(v: Any) -> int:
        if isinstance(v, np.ndarray):
            return v.size * 8
        if isinstance(v, dict):
            return sum(size(x) for x in v.values())
        if isinstance(v, (tuple, list)):
            return sum(size(x) for x in v)
        return 16
    return 2 * sum(size(v) for v in values) + floor
