"""Output helpers shared by the commands: JSON or text, the exit code of a verdict, and the one
"print the error, exit 2" path every command uses."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, Iterator, NoReturn, Sequence, TextIO

import click

from checker.language.errors import DlprepError
from checker.language.limits import short
from checker.grading.verdict import Verdict


def emit_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def finish(verdict: Verdict, as_json: bool, render_text) -> None:  # type: ignore[no-untyped-def]
    """Print ``verdict`` (JSON or text) and exit with its code."""
    if as_json:
        emit_json(verdict.to_json())
    else:
        render_text(verdict)
    sys.exit(verdict.exit_code)


def one_line(error: DlprepError | str) -> str:
    """The error as one line ``error: …`` (a caret under the column is added on an interactive terminal)."""
    if isinstance(error, str):
        return error if error.startswith("error:") else f"error: {error}"
    text = error.render()
    return text if _interactive() else text.splitlines()[0]


def _interactive() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def fail(error: DlprepError | str, json_payload: Any = None) -> NoReturn:
    """Bad input or usage: ``json_payload`` on stdout when given, one line on stderr, exit 2."""
    if json_payload is not None:
        emit_json(json_payload)
    click.echo(one_line(error), err=True)
    sys.exit(2)


def invalid(exc: DlprepError, as_json: bool) -> NoReturn:
    """Bad input: an `invalid` JSON verdict on stdout with --json, one line on stderr; exit 2."""
    fail(exc, Verdict.invalid(str(exc)).to_json() if as_json else None)


@contextmanager
def output_file(out_file: str | None, inputs: Sequence[str | Path] = (), option: str = "--out") -> Iterator[TextIO]:
    """stdout, or a temporary file beside ``out_file`` renamed onto it only when the block ends without
    an error (Ctrl-C, SIGTERM, a failure: no partial file is left). Refused in one line: an output
    that is one of ``inputs`` (it would destroy it) or exists and is not a regular file (a folder,
    a device, a FIFO). The file gets the ordinary mode 0666 & ~umask, not mkstemp's 0600."""
    if out_file is None:
        yield sys.stdout
        return
    target = Path(out_file)
    for given in inputs:
        with suppress(OSError):
            if target.exists() and target.samefile(given):
                fail(f"{option} {short(out_file)} is also an input: refusing to overwrite it", None)
    if target.exists() and not target.is_file() or target.is_symlink() and not target.exists():
        fail(f"cannot write {option} {short(out_file)}: it is not a regular file", None)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".partial")
    except OSError as exc:
        fail(f"cannot write {option} {short(out_file)}: {exc.strerror or exc}")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            yield out
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        fail(f"cannot write {option} {short(out_file)}: {exc.strerror or exc}")
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the program is, so that every ``with`` block cleans up (exit 143)."""

    exit_code = 143


@contextmanager
def sigterm_interrupts() -> Iterator[None]:
    """Within the block SIGTERM raises :class:`Terminated`: children are killed, partial files removed."""
    import signal

    def raise_terminated(signum: int, frame: Any) -> None:
        raise Terminated

    try:
        previous = signal.signal(signal.SIGTERM, raise_terminated)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
