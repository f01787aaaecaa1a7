"""`dlprep exam`: a practice exam with its answer key, every answer computed (logic: question_bank.exam).

    dlprep exam                                   10 questions, Markdown + HTML, key apart, in ./exam/
    dlprep exam --seed 7 --questions 20 --topics B,F --types numeric,derivation --format tex,pdf --lang zh
    dlprep exam --spec midterm.toml --copies 30 --format md,moodle --out class/ --force
"""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command()
@click.option("--seed", default=1, show_default=True, type=click.IntRange(0, 10**9), help="Seed of the first copy (copy c uses seed + c).")
@click.option("--questions", "n", default=10, show_default=True, type=click.IntRange(1, 200), help="Number of questions (without --spec).")
@click.option("--spec", "spec_file", type=click.Path(dir_okay=False), help="A TOML spec: title, duration, [[questions]] count/types/topics/points.")
@click.option("--topics", help="CATALOG.md sections, e.g. B,F.")
@click.option("--types", help="concept, fill-in, proof, derivation, numeric (comma-separated).")
@click.option("--lang", type=click.Choice(["zh", "en", "both"]), default="en", show_default=True)
@click.option("--format", "fmt", default="md,html", show_default=True, help="Any of md, tex, pdf, html, moodle, anki.")
@click.option("--answers", type=click.Choice(["separate", "inline", "none"]), default="separate", show_default=True)
@click.option("--copies", default=1, show_default=True, type=click.IntRange(1, 1000), help="Variants, each with its own seed and key.")
@click.option("--out", "out_dir", default="exam", show_default=True, type=click.Path(file_okay=False), help="Output directory.")
@click.option("--title", help="Title printed on the exam.")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True, help="Paper size of the PDF.")
@click.option("--space", type=click.Choice(["none", "compact", "full"]), default="full", show_default=True, help="Answer space on the paper, by points.")
@click.option("--force", is_flag=True, help="Write into a non-empty output directory.")
@click.option("--json", "as_json", is_flag=True, help="Print the exam as data (JSON) on stdout.")
def exam(seed: int, n: int, spec_file: str | None, topics: str | None, types: str | None, lang: str, fmt: str,
         answers: str, copies: int, out_dir: str, title: str | None, paper: str, space: str, force: bool, as_json: bool) -> None:
    """Write a practice exam and its answer key (same seed and options: byte-identical files)."""
    from question_bank import exam as E
    from question_bank import spec as S
    from question_bank.export.sheet import Sheet, rerun_command

    spec = S.from_toml(spec_file, topics, types) if spec_file else S.from_options(n, topics, types, title)
    if spec_file and title:
        spec = S.ExamSpec(spec.sections, title=title, duration=spec.duration)
    fmts = E.formats(fmt)
    out = Path(out_dir)
    E.prepare_out(out, force)
    progress = (lambda r: r)
    if copies >= 5 and sys.stderr.isatty():
        from rich.progress import track

        progress = (lambda r: track(r, description="writing copies", transient=True))
    sheet = Sheet(paper=paper, space=space, command=rerun_command(click.get_current_context().params))
    written = E.write_copies(spec, seed, copies, out, fmts, lang, answers, progress, sheet)
    if as_json:
        click.echo(E.to_json(written, out))
        return
    files = sum(len(w.files) for w in written)
    seeds = f"seed {seed}" if copies == 1 else f"seeds {seed}–{seed + copies - 1}"
    click.echo(f"wrote {copies} exam{'s' if copies > 1 else ''} of {spec.count} questions ({seeds}), {files} files, to {out}/")
    for f in written[0].files[:6]:
        click.echo(f"  {f}")
    click.echo(f"check an answer: dlprep check q:{written[0].questions[0].id} --part 1 --answer \"…\"")
