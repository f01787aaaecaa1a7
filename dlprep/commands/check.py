"""`dlprep check`: answers, derivations and identities. Exit 0 correct, 1 incorrect, 2 invalid.

    dlprep check ID [--part P] --answer TEXT          against a catalog problem
    dlprep check q:<family>.<seed> [--part N] --answer TEXT   against a question of an exam
    dlprep check ID [--part P] --steps FILE           a derivation, step by step
    dlprep check --expr F --wrt X --shapes S [--where "a = softmax(z)"] [--kind K] --answer TEXT
    dlprep check --identity "LHS = RHS" --shapes S
    dlprep check --reference "[0.25, 0.5; 0.5, 0.25]" [--rtol 1e-3] --answer TEXT   a numeric key, entry by entry
    dlprep check --batch FILE.jsonl [--out results.jsonl]
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from checker.language.errors import DlprepError
from checker.grading.verdict import Verdict
from dlprep.commands.common import finish, invalid

MARKS = {"correct": "✓", "follows": "→", "incorrect": "✗", "invalid": "!"}


def _render(verdict: Verdict) -> None:
    if verdict.read_as:
        click.echo(f"read as: {verdict.read_as}")
    if verdict.expected_shape and verdict.verdict != "correct":
        click.echo(f"expected shape: {verdict.expected_shape}")
    for step in verdict.steps:
        note = f"  ({', '.join(step['diagnosis'])}) {step['message']}" if step["verdict"] == "incorrect" else ""
        follows = "  follows correctly from the last valid step" if step["verdict"] == "follows" else ""
        click.echo(f"  {MARKS[step['verdict']]} line {step['line']}: {step['text']}{note}{follows}")
    codes = f" [{', '.join(verdict.diagnosis)}]" if verdict.diagnosis else ""
    click.echo(f"{MARKS[verdict.verdict]} {verdict.verdict}{codes}: {verdict.message}")
    if verdict.counterexample:
        click.echo("counterexample:")
        example = verdict.counterexample
        click.echo("  sizes: " + ", ".join(f"{k} = {v}" for k, v in example.get("sizes", {}).items()))
        for name, value in {**example.get("inputs", {}), "left side": example.get("lhs"), "right side": example.get("rhs")}.items():
            click.echo(f"  {name} = {_matrix(value)}")


def _matrix(value: object) -> str:
    if isinstance(value, list) and value and isinstance(value[0], list):
        return "[" + "; ".join(" ".join(f"{x:g}" for x in row) for row in value) + "]"
    return str(value)


@click.command()
@click.argument("problem_id", required=False, metavar="[ID]")
@click.option("--part", help="Part of the catalog problem (default: its first part).")
@click.option("--answer", help="Your answer, plain text or LaTeX.")
@click.option("--steps", "steps_file", type=click.Path(dir_okay=False), help="A derivation: one step a line, or Markdown with $$…$$ blocks.")
@click.option("--expr", help="A function f to differentiate (instead of a catalog ID).")
@click.option("--wrt", help="The variable of --expr.")
@click.option("--where", help='Abbreviations, e.g. "a = softmax(z)".')
@click.option("--kind", type=click.Choice(["gradient", "jacobian", "differential"]), help="What --answer is (default: gradient for a scalar f, Jacobian for a vector f).")
@click.option("--identity", metavar="'LHS = RHS'", help="Check that an identity holds for all inputs.")
@click.option("--reference", metavar="TEXT", help="A reference answer to check --answer against, e.g. a numeric key \"[0.25, 0.5; 0.5, 0.25]\".")
@click.option("--rtol", type=click.FloatRange(min=0, min_open=True, max=1), help="With --reference: the relative tolerance of each entry (default 1e-8).")
@click.option("--shapes", default="", help='Symbol shapes, e.g. "A: m x n, x: n, lambda: scalar".')
@click.option("--batch", "batch_file", type=click.Path(dir_okay=False), help="Grade a JSONL file of requests.")
@click.option("--out", "out_file", type=click.Path(dir_okay=False), help="With --batch: write results here (JSONL).")
@click.option("--reveal", is_flag=True, help="Show the right answer when yours is wrong.")
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True, help="Language of the feedback.")
@click.option("--seed", default=0, show_default=True, help="Seed of the random instances.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable verdict.")
def check(problem_id: str | None, part: str | None, answer: str | None, steps_file: str | None, expr: str | None,
          wrt: str | None, where: str | None, kind: str | None, identity: str | None, reference: str | None,
          rtol: float | None, shapes: str, batch_file: str | None, out_file: str | None, reveal: bool, lang: str, seed: int, as_json: bool) -> None:
    """Check an answer or a derivation (decided on random matrices with distinct sizes) and name the mistake."""
    from checker.language.limits import deadline
    from checker.grading.messages import language

    forms = [problem_id is not None, expr is not None, identity is not None, reference is not None, batch_file is not None]
    if sum(forms) != 1:
        raise click.UsageError("give exactly one of: ID, --expr, --identity, --reference, --batch")
    if rtol is not None and reference is None:
        raise click.UsageError("--rtol goes with --reference")
    if batch_file is not None:
        with language(lang):
            _batch(batch_file, out_file)
        return
    if identity is None and (answer is None) == (steps_file is None):
        raise click.UsageError("give --answer TEXT or --steps FILE")
    if expr is not None and not wrt:
        raise click.UsageError("--expr needs --wrt")
    try:
        with language(lang), deadline():
            verdict = _check_one(problem_id, part, answer, steps_file, expr, wrt, where, kind, identity, shapes, reveal, seed,
                                 reference, rtol)
    except DlprepError as exc:
        invalid(exc, as_json)
        return
    finish(verdict, as_json, _render)


def _check_one(problem_id, part, answer, steps_file, expr, wrt, where, kind, identity, shapes, reveal, seed,  # type: ignore[no-untyped-def]
               reference=None, rtol=None) -> Verdict:
    from checker.grading.answer import check_answer
    from checker.language.errors import InputError

    if identity is not None:
        from checker.grading.identity import check_identity

        return check_identity(identity, shapes, seed=seed)
    function = None
    if reference is not None:
        from checker.grading.equivalence import RTOL
        from checker.grading.problem import from_reference

        problem = from_reference(reference, shapes, kind=kind or "value", where=where, rtol=rtol or RTOL, seed=seed)
    elif expr is not None:
        from checker.grading.problem import from_expression

        problem, function = from_expression(expr, wrt, shapes, where=where, kind=kind, seed=seed)
    else:
        from question_bank.problems import resolve

        problem = resolve(problem_id, part, seed)
    if steps_file is not None:
        from checker.grading.steps import check_steps

        path = Path(steps_file)
        if not path.is_file():
            raise InputError(f"no such step file: {steps_file}")
        content = path.read_text(encoding="utf-8", errors="replace")
        return check_steps(problem, content, function=function, wrt=wrt)
    return check_answer(problem, answer, reveal=reveal)


def _batch(batch_file: str, out_file: str | None) -> None:
    import json
    from collections import Counter

    from checker.grading.batch import grade_lines
    from question_bank.problems import resolve

    path = Path(batch_file)
    if not path.is_file():
        click.echo(f"error: no such batch file: {batch_file}", err=True)
        sys.exit(2)
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    counts: Counter[str] = Counter()
    out = open(out_file, "w", encoding="utf-8") if out_file else None
    try:
        results = grade_lines(lines, resolve)
        if sys.stderr.isatty():
            from rich.progress import track

            results = track(results, total=len(lines), description="grading", console=None, transient=True)
        for result in results:
            counts[result["verdict"]] += 1
            text = json.dumps(result, ensure_ascii=False)
            if out is not None:
                out.write(text + "\n")
            else:
                click.echo(text)
    finally:
        if out is not None:
            out.close()
    summary = "  ".join(f"{k}: {counts.get(k, 0)}" for k in ("correct", "incorrect", "invalid"))
    click.echo(f"graded {sum(counts.values())} requests — {summary}", err=True)
    sys.exit(0)
