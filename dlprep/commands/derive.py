"""`dlprep derive EXPR --wrt X --shapes S [--where ...] [--format text|latex|markdown|json]`."""

from __future__ import annotations

import sys

import click

from checker.language.errors import DlprepError
from dlprep.commands.common import emit_json

FORMATS = ("text", "latex", "markdown", "json")


@click.command(context_settings={"ignore_unknown_options": True})
@click.argument("expr")
@click.option("--wrt", required=True, help="The variable to differentiate with respect to, e.g. x or W1.")
@click.option("--shapes", required=True, help='Symbol shapes, e.g. "A: m x n, x: n, b: m, lambda: scalar".')
@click.option("--where", default=None, help='Abbreviations, e.g. "a = softmax(z); h = tanh(W x)".')
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--seed", default=0, show_default=True, help="Seed of the random instances used for the checks.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable derivation (the same as --format json).")
def derive(expr: str, wrt: str, shapes: str, where: str | None, fmt: str, seed: int, as_json: bool) -> None:
    """Derive the gradient (or Jacobian) of EXPR step by step, the course's way:
    f → df by differential rules → df = Tr(Gᵀ dX) by trace rules → ∇f = G.

    Every step is checked against finite differences of f on random instances with distinct sizes;
    exit 0 when all steps are verified, 1 if any step failed its check (a bug: please report it),
    2 for invalid input or an expression outside what the engine can differentiate.

    \b
    Example:
      dlprep derive "norm(A x - b)^2" --wrt x --shapes "A: m x n, x: n, b: m"
      dlprep derive "-y' log(a)" --wrt z --shapes "z: n, y: n" --where "a = softmax(z)"
    """
    from derivations.engine import derive as run

    if as_json:
        if fmt not in ("text", "json"):
            raise click.UsageError(f"--json and --format {fmt} ask for two different outputs; give one")
        fmt = "json"

    try:
        d = run(expr, wrt, shapes, where, seed=seed)
    except DlprepError as exc:
        if fmt == "json":
            emit_json({"verified": False, "error": str(exc)})
        click.echo(exc.render(), err=True)
        sys.exit(2)
    if fmt == "json":
        emit_json(d.to_json())
    elif fmt == "latex":
        click.echo(d.to_latex())
    elif fmt == "markdown":
        click.echo(d.to_markdown())
    else:
        click.echo(d.to_text())
    sys.exit(0 if d.verified else 1)
