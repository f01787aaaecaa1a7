"""Output helpers shared by the commands: JSON or text, the exit code of a verdict, and the one
"print the error, exit 2" path every command uses."""

from __future__ import annotations

import json
import sys
from typing import Any, NoReturn

import click

from checker.language.errors import DlprepError
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
