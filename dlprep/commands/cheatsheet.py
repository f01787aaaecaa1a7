"""`dlprep cheatsheet`: the verified cheat sheet as PDF, LaTeX, HTML or Markdown (thin: see question_bank.cheatsheet)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from checker.language.errors import DlprepError
from dlprep.commands.common import emit_json


@click.command()
@click.option("--lang", type=click.Choice(["zh", "en", "both"]), default="both", show_default=True,
              help="One file per language.")
@click.option("--format", "fmt", default="pdf,html", show_default=True, help="Comma-separated: pdf, tex, html, md.")
@click.option("--topics", multiple=True, help="Only these sections (comma-separated), e.g. traces,backprop,conv.")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default=Path("cheatsheet"), show_default=True)
@click.option("--force", is_flag=True, help="Write into a non-empty output directory.")
@click.option("--json", "as_json", is_flag=True, help="Print every formula with its catalog id and check (writes files only with --format).")
def cheatsheet(lang: str, fmt: str, topics: tuple[str, ...], out: Path, force: bool, as_json: bool) -> None:
    """Build the cheat sheet; every formula is re-verified now, and a failing one stops the build."""
    from question_bank.cheatsheet import FormulaFailed, make

    from click.core import ParameterSource

    given = click.get_current_context().get_parameter_source("fmt") == ParameterSource.COMMANDLINE
    writes = not as_json or given
    start = time.perf_counter()
    try:
        made = make(lang, [fmt], list(topics) or None, out if writes else None, force)
    except FormulaFailed as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except DlprepError as exc:
        click.echo(exc.render(), err=True)
        sys.exit(2)
    seconds = time.perf_counter() - start
    if as_json:
        emit_json({**made.sheet.to_json(), "files": [str(p) for p in made.files], "seconds": round(seconds, 2)})
        return
    click.echo(f"verified {len(made.sheet.formulas)} formulas in {made.sheet.seconds:.1f} s; wrote {len(made.files)} files to {out}/ in {seconds:.1f} s:")
    for path in made.files:
        if path.parent == out:
            click.echo(f"  {path}")

