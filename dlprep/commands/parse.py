"""`dlprep parse TEXT --shapes S [--json]`: how the text was read, and the shape of every part."""

from __future__ import annotations

import click

from dlprep.commands.common import emit_json, invalid
from checker.language.errors import DlprepError


@click.command()
@click.argument("text")
@click.option("--shapes", "shapes", default="", help='Symbol shapes, e.g. "A: m x n, x: n, lambda: scalar".')
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def parse(text: str, shapes: str, as_json: bool) -> None:
    """Show how TEXT (plain, LaTeX or Unicode) is read."""
    from checker.language import ast as A
    from checker.language.dims import format_shape
    from checker.language.literal import is_constant
    from checker.language.parser import parse as parse_text
    from checker.language.printing import to_latex, to_text, to_unicode
    from checker.language.shapes import infer, parse_shapes

    try:
        decls = parse_shapes(shapes) if shapes.strip() else None
        tree = parse_text(text, names=decls)
        if decls is None and is_constant(tree):
            decls = {}  # numbers and matrix literals have a shape without declarations: [1, 2; 3, 4] is 2×2
        typed = infer(tree, decls) if decls is not None else None
    except DlprepError as exc:
        invalid(exc, as_json)
        return
    shape = format_shape(typed.shape) if typed is not None and typed.shape is not None else None
    parts = []
    if typed is not None:
        seen = set()
        inside = {id(e) for m in typed.walk() if isinstance(m, A.Matrix) for e in m.walk() if e is not m}
        for node in typed.walk():
            if id(node) in inside:  # a literal's entries are numbers, not parts worth a line
                continue
            label = to_text(node)
            if label not in seen and node.shape is not None:
                seen.add(label)
                parts.append({"expr": label, "shape": format_shape(node.shape)})
    if as_json:
        emit_json({"plain": to_text(tree), "latex": to_latex(tree), "unicode": to_unicode(tree),
                   "shape": shape, "parts": parts})
        return
    click.echo(f"read as: {to_unicode(tree)}")
    click.echo(f"plain:   {to_text(tree)}")
    click.echo(f"latex:   {to_latex(tree)}")
    if shape is not None:
        click.echo(f"shape:   {shape}")
        width = max(len(p["expr"]) for p in parts)
        for p in parts[1:]:
            click.echo(f"  {p['expr']:<{width}}  {p['shape']}")
