"""`dlprep list`, `dlprep show ID`, `dlprep verify [ID ...]`: the course catalog."""

from __future__ import annotations

import sys

import click

from checker.language.errors import DlprepError
from checker.language.limits import short
from dlprep.commands.common import emit_json, fail


def _entries(topic: str | None):  # type: ignore[no-untyped-def]
    from derivations.catalog import all_entries

    entries = all_entries()
    chosen = [e for e in entries if topic is None or e.topic == topic or e.topic.replace(" ", "_") == topic]
    if topic is not None and not chosen:
        topics = sorted({e.topic.replace(" ", "_") for e in entries})
        fail(f"unknown topic '{short(topic, 40)}'; the topics are: {', '.join(topics)}")
    return chosen


@click.command("list")
@click.option("--topic", help="Only this topic.")
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True)
@click.option("--json", "as_json", is_flag=True)
def list_(topic: str | None, lang: str, as_json: bool) -> None:
    """List the catalog: id, title, topic, parts, question types."""
    from checker.language.messages import word

    rows = [{"id": e.id, "title": e.title[lang], "topic": word("topic", e.topic, lang) if lang == "zh" else e.topic, "parts": [p.name for p in e.parts],
             "asked": list(e.asked), "core": e.core} for e in _entries(topic)]
    if as_json:
        emit_json(rows)
        return
    from checker.language.messages import message

    width = max((len(r["id"]) for r in rows), default=2)
    for r in rows:
        parts = message("show.parts", lang, parts=message("list-sep", lang).join(r["parts"]))
        click.echo(f"{r['id']:<{width}}  {r['topic']:<13} {r['title']}  {parts}")


@click.command()
@click.argument("entry_id", metavar="ID")
@click.option("--part", help="Only this part.")
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "latex", "json"]), default="text", show_default=True)
@click.option("--brief", is_flag=True, help="Without the derivation steps.")
@click.option("--steps", "steps", type=click.Choice(["model", "all"]), default="model", show_default=True,
              help="The model answer (course-style lines), or every step of the derivation.")
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
def show(entry_id: str, part: str | None, lang: str, fmt: str, brief: bool, steps: str, as_json: bool) -> None:
    """Show one result: statement, parts with their answers and derivation (each line checked), convention."""
    from checker.language.messages import message, word
    from checker.language.parser import parse
    from checker.language.printing import to_latex, to_unicode
    from derivations.catalog import get

    if as_json and fmt != "text" and fmt != "json":
        raise click.UsageError(f"--json cannot be used with --format {fmt}")
    fmt = "json" if as_json else fmt
    try:
        entry = get(entry_id)
        parts = [p for p in entry.parts if part is None or p.name == part]
        if part is not None and not parts:
            raise DlprepError(f"{entry_id} has no part '{short(part, 40)}'; its parts are: {', '.join(p.name for p in entry.parts)}")
    except DlprepError as exc:
        fail(exc)
    from checker.language.shapes import parse_shapes

    names = set(parse_shapes(entry.symbols)) | set(entry.aliases)
    answers = {p.name: parse(p.reference, names=names | ({p.where.split("=")[0].strip()} if p.where else set())) for p in parts}
    derivations = {} if brief else _derivations(entry, parts)
    models = {} if brief else {name: _model(entry, name) for name in derivations}
    if fmt == "json":
        emit_json({"id": entry.id, "title": entry.title, "statement": entry.statement, "symbols": entry.symbols,
                   "convention": entry.convention, "asked": list(entry.asked), "verified_against": entry.verified_against,
                   "parts": [{"name": p.name, "shape": p.shape, "answer": p.reference, "latex": to_latex(answers[p.name]),
                              "where": p.where, "derivation": derivations[p.name].to_json() if p.name in derivations else None,
                              "model_answer": _model_json(models[p.name]) if p.name in models else None}
                             for p in parts]})
        return
    latex = fmt in ("markdown", "latex")
    title = entry.title[lang]
    click.echo(f"# {title}" if fmt == "markdown" else f"\\section*{{{title}}}" if fmt == "latex" else f"{entry.id}: {title}")
    click.echo("")
    click.echo(entry.statement[lang])
    if entry.convention:
        click.echo("")
        click.echo(message("show.convention", lang, text=entry.convention[lang]))
    click.echo("")
    for p in parts:
        shown = f"${to_latex(answers[p.name])}$" if latex else to_unicode(answers[p.name])
        where = message("show.where", lang, where=_where_shown(p.where, names, latex)) if p.where else ""
        name = word("part", p.name, lang) if lang == "zh" else p.name  # en keeps the --part id
        shape = message("shape.scalar-word", lang) if p.shape == "scalar" else p.shape.replace(" x ", "×")
        click.echo(message("show.part", lang, name=name, shape=shape, answer=shown, where=where))
        if p.name in derivations and steps == "all":
            _echo_steps(derivations[p.name], latex, lang, [t.note for t in models[p.name].trace])
        elif p.name in models:
            _echo_model(models[p.name], derivations[p.name].source, latex, lang)
    if entry.verified_against:
        click.echo("")
        click.echo(message("show.verified-against", lang, text=_verified_against(entry.verified_against, lang)))


def _where_shown(where: str, names: set[str], latex: bool) -> str:
    """``alpha = softmax(z)`` as the answers are printed: α = softmax(z) (or LaTeX); as written when it does not parse."""
    from checker.language import printing
    from checker.language.parser import parse

    try:
        tree = parse(where, names=names | {where.split("=")[0].strip()})
    except DlprepError:
        return where
    return f"${printing.to_latex(tree)}$" if latex else printing.to_unicode(tree)


def _verified_against(text: str, lang: str) -> str:
    """The catalog's English note as it is, or in zh its reference classes (and 中心差分 when it says so)."""
    import re

    from checker.language.messages import message

    if lang == "en":
        return text
    names = message("list-sep", lang).join(re.findall(r"checker\.networks\.\w+", text))
    return names + (message("show.and-central-differences", lang) if "central differences" in text else "")


def _derivations(entry, parts):  # type: ignore[no-untyped-def]
    from derivations.catalog.steps import part_steps

    out = {}
    for p in parts:
        found = part_steps(entry, p)
        if found.source != "none":
            out[p.name] = found
    return out


def _model(entry, name: str):  # type: ignore[no-untyped-def]
    from derivations.model_answer import for_part

    return for_part(entry, next(p for p in entry.parts if p.name == name))


def _model_json(answer) -> dict:  # type: ignore[no-untyped-def]
    return {"lines": [{"latex": line.latex, "text": line.unicode, "note": line.note, "verified": line.verified,
                       "stated": line.stated} for line in answer.lines],
            "marking": [{"text": m.text, "points": m.points} for m in answer.marking], "verified": answer.verified}


def _echo_model(answer, source: str, latex: bool, lang: str) -> None:  # type: ignore[no-untyped-def]
    """The model answer: its lines, a mark each (✓ checked, · stated), the idea each uses."""
    from checker.language.messages import message
    from derivations.model_answer import plain_note

    how = message("show.how.proof" if source == "proof" else "show.how.model", lang)
    status = message("show.model-verified" if answer.verified else "show.not-verified", lang)
    click.echo(message("show.model-heading", lang, how=how, status=status))
    width = max(len(line.unicode.partition(" = ")[0]) for line in answer.lines)
    for line in answer.lines:
        mark = "✓" if line.verified else "·" if line.stated else "✗"
        note = line.note[lang] or line.note["en"]
        lhs, _, rhs = line.unicode.partition(" = ")
        text = f"${line.latex}$" if latex or not line.unicode else f"{lhs:>{width}} = {rhs}"
        note = note if latex else plain_note(note)
        click.echo(f"      {text}  {mark}" + (message("show.note", lang, note=note) if note else ""))


def _echo_steps(found, latex: bool, lang: str, notes: list | None = None) -> None:  # type: ignore[no-untyped-def]
    """Every step; each named by its idea in ``lang`` (``notes``, from the model answer's trace) when given."""
    from checker.language.messages import message
    from derivations.model_answer import plain_note

    status = message("show.verified" if found.verified else "show.not-verified", lang)
    click.echo(message("show.heading", lang, how=message(f"show.how.{found.source}", lang), status=status))
    last = None
    named = notes if notes is not None and len(notes) == len(found.lines) else None
    for k, line in enumerate(found.lines):
        lhs = line["lhs"] if line["lhs"] != last else ""
        last = line["lhs"]
        if latex:
            body = line["latex"] or _printed(line["expr"], "to_latex")
            text = f"${lhs} = {body}$" if lhs else f"$\\quad = {body}$"
        else:
            text = f"{lhs:>8} = {line.get('unicode') or _printed(line['expr'], 'to_unicode')}"
        mark = "✓" if line["verified"] else "✗"
        said = line["rule"]
        if named is not None:  # a step that only moves brackets is named by nothing
            said = named[k][lang] or named[k]["en"]
            said = said if latex else plain_note(said)
        click.echo(f"      {text}  {mark}" + (message("show.note", lang, note=said) if said else ""))


def _printed(expr: str, printer: str) -> str:
    """A hand-written step's expression in Unicode or LaTeX (as written when it does not parse)."""
    from checker.language import printing
    from checker.language.parser import parse

    try:
        return getattr(printing, printer)(parse(expr))
    except DlprepError:
        return expr


@click.command()
@click.argument("entry_ids", nargs=-1, metavar="[ID ...]")
@click.option("--json", "as_json", is_flag=True)
def verify(entry_ids: tuple[str, ...], as_json: bool) -> None:
    """Verify results numerically (finite differences, random matrices); exit 1 on any failure."""
    from derivations.catalog import all_entries, get
    from derivations.catalog.verify import verify as verify_entry

    try:
        entries = [get(i) for i in entry_ids] if entry_ids else all_entries()
    except DlprepError as exc:
        fail(exc)
    reports = [verify_entry(e) for e in entries]
    if as_json:
        emit_json([{"id": r.id, "checks": r.checks, "ok": r.ok, "max_rel_error": r.max_rel_error,
                    "seconds": round(r.seconds, 4), "failures": r.failures} for r in reports])
    else:
        width = max(len(r.id) for r in reports)
        click.echo(f"{'id':<{width}}  checks  max rel. error  time     result")
        for r in reports:
            click.echo(f"{r.id:<{width}}  {r.checks:>6}  {r.max_rel_error:>13.1e}  {r.seconds:6.3f}s  {'✓' if r.ok else '✗ ' + '; '.join(r.failures)}")
    sys.exit(0 if all(r.ok for r in reports) else 1)
