"""Atomic writes: a file appears whole or not at all (temporary file in the same directory, then rename)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write(path: str | Path, content: str | bytes) -> Path:
    """Write ``content`` (str as UTF-8) to ``path`` atomically; parent directories are created."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix="." + target.name + ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return target


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
