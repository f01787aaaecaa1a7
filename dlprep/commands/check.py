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
from dlprep.commands.common import fail, finish, invalid, output_file
from dlprep.commands.options import SEED, TEXT

MARKS = {"correct": "✓", "follows": "→", "incorrect": "✗", "invalid": "!"}


def _render(verdict: Verdict) -> None:
    """The verdict as text, every label in the verdict's language (checker.language.messages)."""
    from checker.language.messages import code_name, message, shape_words

    lang = verdict.lang

    def say(key: str, **fields: object) -> str:
        return message(key, lang, **fields)

    def names(codes: list[str]) -> str:
        return say("list-sep").join(code_name(c, lang) for c in codes)

    if verdict.read_as:
        click.echo(say("label.read-as", text=verdict.read_as))
    if verdict.expected_shape and verdict.verdict != "correct":
        click.echo(say("label.expected-shape", shape=shape_words(verdict.expected_shape, lang)))
    for step in verdict.steps:
        note = say("label.step-note", codes=names(step["diagnosis"]), message=step["message"]) if step["verdict"] == "incorrect" else ""
        follows = say("label.follows") if step["verdict"] == "follows" else ""
        row = say("label.row", row=step["row"]) if step.get("row") else ""
        click.echo(f"  {MARKS[step['verdict']]} " + say("label.step", line=step["line"], row=row, text=step["text"]) + note + follows)
    codes = say("label.codes", codes=names(verdict.diagnosis)) if verdict.diagnosis else ""
    click.echo(say("label.verdict", mark=MARKS[verdict.verdict], verdict=say(f"verdict.{verdict.verdict}"), codes=codes, message=verdict.message))
    if verdict.counterexample:
        click.echo(say("label.counterexample"))
        example = verdict.counterexample
        click.echo("  " + say("label.sizes", sizes=say("list-sep").join(f"{k} = {v}" for k, v in example.get("sizes", {}).items())))
        sides = {say("label.left-side"): example.get("lhs"), say("label.right-side"): example.get("rhs")}
        for name, value in {**example.get("inputs", {}), **sides}.items():
            click.echo(f"  {name} = {_matrix(value)}")


def _matrix(value: object) -> str:
    from checker.language.messages import number

    if isinstance(value, float):
        return number(value)
    if isinstance(value, list) and value and isinstance(value[0], list):
        return "[" + "; ".join(" ".join(number(x) for x in row) for row in value) + "]"
    return str(value)


@click.command()
@click.argument("problem_id", required=False, metavar="[ID]")
@click.option("--part", type=TEXT, help="Part of the catalog problem (default: its first part).")
@click.option("--answer", type=TEXT, help="Your answer, plain text or LaTeX.")
@click.option("--steps", "steps_file", type=click.Path(dir_okay=False), help="A derivation: one step a line, or Markdown with $$…$$ blocks.")
@click.option("--expr", type=TEXT, help="A function f to differentiate (instead of a catalog ID).")
@click.option("--wrt", type=TEXT, help="The variable of --expr.")
@click.option("--where", type=TEXT, help='Abbreviations, e.g. "a = softmax(z)".')
@click.option("--kind", type=click.Choice(["gradient", "jacobian", "differential"]), help="What --answer is (default: gradient for a scalar f, Jacobian for a vector f).")
@click.option("--identity", type=TEXT, metavar="'LHS = RHS'", help="Check that an identity holds for all inputs.")
@click.option("--reference", type=TEXT, metavar="TEXT", help="A reference answer to check --answer against, e.g. a numeric key \"[0.25, 0.5; 0.5, 0.25]\".")
@click.option("--rtol", type=click.FloatRange(min=0, min_open=True, max=1), help="With --reference: the relative tolerance of each entry (default 1e-8).")
@click.option("--shapes", type=TEXT, default="", help='Symbol shapes, e.g. "A: m x n, x: n, lambda: scalar".')
@click.option("--batch", "batch_file", type=click.Path(dir_okay=False), help="Grade a JSONL file of requests.")
@click.option("--out", "out_file", type=click.Path(dir_okay=False), help="With --batch: write results here (JSONL).")
@click.option("--reveal", is_flag=True, help="Show the right answer when yours is wrong.")
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True, help="Language of the feedback.")
@click.option("--seed", type=SEED, default=0, show_default=True, help="Seed of the random instances.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable verdict.")
def check(problem_id: str | None, part: str | None, answer: str | None, steps_file: str | None, expr: str | None,
          wrt: str | None, where: str | None, kind: str | None, identity: str | None, reference: str | None,
          rtol: float | None, shapes: str, batch_file: str | None, out_file: str | None, reveal: bool, lang: str, seed: int, as_json: bool) -> None:
    """Check an answer or a derivation (decided on random matrices with distinct sizes) and name the mistake."""
    from checker.grading.messages import language
    from checker.language.worker import run_bounded

    forms = {"ID": problem_id, "--expr": expr, "--identity": identity, "--reference": reference,
             "--batch": batch_file}
    given = [name for name, value in forms.items() if value is not None]
    if len(given) != 1:
        raise click.UsageError(f"give exactly one of ID, --expr, --identity, --reference, --batch (got {', '.join(given) or 'none'})")
    extras = {"--answer": answer, "--steps": steps_file, "--part": part, "--wrt": wrt, "--where": where, "--kind": kind,
              "--out": out_file, "--rtol": rtol}
    allowed = {"ID": {"--answer", "--steps", "--part"}, "--expr": {"--answer", "--steps", "--wrt", "--where", "--kind"},
               "--identity": set(), "--reference": {"--answer", "--where", "--kind", "--rtol"}, "--batch": {"--out"}}[given[0]]
    stray = [name for name, value in extras.items() if value is not None and name not in allowed]
    if stray:
        raise click.UsageError(f"{', '.join(stray)} cannot be used with {given[0]}")
    if batch_file is not None:
        with language(lang):
            _batch(batch_file, out_file)
        return
    if identity is None and answer is not None and steps_file is not None:
        raise click.UsageError("give either --answer TEXT or --steps FILE, not both")
    if identity is None and answer is None and steps_file is None:
        raise click.UsageError("give --answer TEXT or --steps FILE")
    if expr is not None and not wrt:
        raise click.UsageError("--expr needs --wrt")
    with language(lang):
        try:
            verdict = run_bounded(_check_one, problem_id, part, answer, steps_file, expr, wrt, where, kind, identity,
                                  shapes, reveal, seed, lang, reference, rtol)
        except DlprepError as exc:
            invalid(exc, as_json)
    finish(verdict, as_json, _render)


def _check_one(problem_id, part, answer, steps_file, expr, wrt, where, kind, identity, shapes, reveal, seed, lang,  # type: ignore[no-untyped-def]
                reference=None, rtol=None) -> Verdict:  # type: ignore[no-untyped-def]
    """One check; the CLI runs it in a worker process with a hard time and memory limit (checker.language.worker)."""
    from checker.grading.messages import language

    with language(lang):
        return _check(problem_id, part, answer, steps_file, expr, wrt, where, kind, identity, shapes, reveal, seed, reference, rtol)


def _check(problem_id, part, answer, steps_file, expr, wrt, where, kind, identity, shapes, reveal, seed,  # type: ignore[no-untyped-def]
           reference=None, rtol=None) -> Verdict:  # type: ignore[no-untyped-def]
    from checker.grading.answer import check_answer
    from checker.language.errors import InputError
    from checker.language.limits import LIMITS

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
        LIMITS["step_file_bytes"].check(path.stat().st_size, f"(the size of {path.name})")
        content = path.read_text(encoding="utf-8", errors="replace")
        LIMITS["steps"].check(sum(1 for line in content.splitlines() if line.strip()), f"(non-blank lines of {path.name})")
        return check_steps(problem, content, function=function, wrt=wrt)
    return check_answer(problem, answer, reveal=reveal)


def _batch(batch_file: str, out_file: str | None) -> None:
    """Grade every line (one result each, flushed as it comes); --out is written atomically at the end."""
    import json
    from collections import Counter

    from checker.grading.batch import exit_code, grade_lines_isolated
    from question_bank.problems import resolve

    path = Path(batch_file)
    if not path.is_file():
        fail(f"no such batch file: {batch_file}")
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").split("\n")  # JSON lines end at \n only
        lines = lines[:-1] if lines and not lines[-1] else lines
    except OSError as exc:
        fail(f"cannot read {batch_file}: {exc.strerror}")
    counts: Counter[str] = Counter()
    with output_file(out_file, inputs=[batch_file]) as out:
        for result in grade_lines_isolated(lines, resolve):
            counts[result["verdict"]] += 1
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
            out.flush()
    from checker.language.messages import MESSAGES, message

    def word(k: str) -> str:
        return message(f"verdict.{k}") if f"verdict.{k}" in MESSAGES else k

    summary = "  ".join(message("label.count", what=word(k), n=counts.get(k, 0)) for k in ("correct", "incorrect", "invalid", "error") if k != "error" or counts[k])
    click.echo(message("label.graded", n=sum(counts.values()), summary=summary), err=True)
    sys.exit(exit_code(counts))
