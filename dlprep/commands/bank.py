"""`dlprep bank`: what the question bank can ask — catalog id × question type × families (logic:
question_bank.coverage). Exit 1 when a catalog result is not asked in every way CATALOG.md lists."""

from __future__ import annotations

import sys

import click

from dlprep.commands.common import emit_json


@click.command()
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="The table as data.")
def bank(lang: str, as_json: bool) -> None:
    """Print the coverage table: every catalog result, the ways it can be asked, the families that ask it."""
    from question_bank.coverage import render, table, to_data

    rows = table()
    if as_json:
        emit_json(to_data(rows))
    else:
        click.echo(render(rows, lang))
    sys.exit(1 if any(r.missing for r in rows) else 0)
