"""Output helpers shared by the commands: JSON or text, and the exit code of a verdict."""

from __future__ import annotations

import json
import sys
from typing import Any

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


def invalid(exc: DlprepError, as_json: bool) -> None:
    """Bad input: one line on stderr (and an `invalid` JSON verdict on stdout with --json); exit 2."""
    if as_json:
        emit_json(Verdict.invalid(str(exc)).to_json())
    click.echo(exc.render(), err=True)
    sys.exit(2)
