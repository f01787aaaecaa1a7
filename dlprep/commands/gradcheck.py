"""`dlprep gradcheck FILE.py[:FUNC]... [--net SPEC] [--json] [--out FILE]`: check students' backprop code.

Each file runs in a sandboxed child process (checker/gradcheck/student.py, sandbox.py); the verdict
is computed here. Several files or a folder: one result per file (JSON lines or CSV) and a summary.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from checker.language.errors import DlprepError
from dlprep.commands.common import fail, output_file, sigterm_interrupts
from dlprep.commands.options import COUNT, SECONDS, SEED, TEXT


@click.command()
@click.argument("targets", metavar="FILE.py[:FUNC]|FOLDER...", nargs=-1, required=True)
@click.option("--net", "net_spec", type=TEXT, default=None,
              help="Reference network: mlp:SIZES:ACT:LOSS (e.g. mlp:784-500-10:relu:softmax-ce) or conv:MxM:K[:MODE[:CONVENTION]].")
@click.option("--batch", type=COUNT, default=4, show_default=True, help="Examples in the batch drawn for --net mlp.")
@click.option("--seed", type=SEED, default=0, show_default=True, help="Seed of the reference inputs and the probes.")
@click.option("--points", type=click.IntRange(min=1, max=20), default=3, show_default=True,
              help="With --net: points (parameters, inputs, targets) at which your loss and gradients are compared with the network's.")
@click.option("--probes", type=COUNT, default=1, show_default=True, help="Random directions per parameter above --max-full entries.")
@click.option("--max-full", type=click.IntRange(min=0), default=None,
              help="Parameters up to this many entries are checked entry by entry [default: 1000, lowered so that one "
                   "parameter's entry-by-entry check costs at most about 2 s of your code's run time].")
@click.option("--complex-step", is_flag=True, help="Also differentiate by complex step (smooth models whose code accepts complex numbers).")
@click.option("--timeout", type=SECONDS, default=120.0, show_default=True,
              help="Give up on a file after this many seconds; also the CPU-time limit of the process running it.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable report (one file).")
@click.option("--out", "out_file", type=click.Path(dir_okay=False), default=None,
              help="Write the report (or the class's results) to this file, atomically, instead of stdout.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True,
              help="Several files or a folder: one line per file as JSON lines or CSV.")
@click.option("--unsafe-no-sandbox", "unsafe", is_flag=True,
              help="Run the file without bubblewrap, with your permissions (hard limits only). Only for your own code.")
def gradcheck(targets: tuple[str, ...], net_spec: str | None, batch: int, seed: int, points: int, probes: int,
              max_full: int | None, complex_step: bool, timeout: float, as_json: bool, out_file: str | None, fmt: str,
              unsafe: bool) -> None:
    """Check the gradients of your implementation (float64), in a sandbox.

    \b
    The file runs as Python code under bubblewrap: as user nobody in new user,
    PID, network, IPC and mount namespaces, with no network, a read-only view of
    Python and of that one file, a private 64 MB scratch /tmp as its working
    folder, and hard CPU-time, memory, file-size, open-file and process limits it
    cannot lift; it may start threads but no processes, and nothing it runs
    outlives the check. Without bubblewrap
    (apt-get install bubblewrap) the command refuses; --unsafe-no-sandbox runs the
    file with your permissions instead (hard limits only).

    \b
    Contract: FILE.py defines
        loss_and_grads(params: dict[str, ndarray], x, y) -> (float, dict[str, ndarray])
    returning the loss and its gradient for every parameter (same names and shapes).
    With --net, params, x and y come from that reference network (columns are examples,
    W_l has shape (n_out, n_in), b_l (n_out, 1), the loss is the batch mean): at --points
    points your gradients are compared with the network's gradients and with central
    differences of ITS loss, and your loss with its loss at every evaluation.
    Without --net, FILE.py also defines example() -> (params, x, y), and only the
    consistency of your gradients with your own loss is checked.

    Parameters up to 1,000 entries (fewer when your code is slow; see --max-full) are checked
    entry by entry; larger ones by seeded directional probes, and a failing one is rechecked on
    its largest and on random entries. Verdicts:
    pass (rel. error ≤ 1e-7), ok with kinks (≤ 1e-4, models with ReLU/max), suspicious, fail (> 1e-2).
    Exit 0: all right; 1: some gradient (or the loss) is wrong; 2: the file or its output is
    unusable, or its process ended without an answer (os._exit, a signal, the limits): never a pass.
    Several files or a FOLDER (its *.py): one JSON line (or CSV row) per file, a summary on stderr,
    never stopping on a bad file; exit 0 if every file is right, else 1.
    """
    from checker.gradcheck.run import Settings

    settings = Settings(net=net_spec, batch=batch, seed=seed, probes=probes, max_full=max_full, complex_step=complex_step,
                        timeout=timeout, points=points, confined=not unsafe)
    with sigterm_interrupts():
        if len(targets) == 1 and not _is_folder(targets[0]):
            _one(targets[0], settings, as_json, out_file)
        _class(targets, settings, out_file, fmt)


def _is_folder(target: str) -> bool:
    from pathlib import Path

    return Path(target).is_dir()


def _check(target: str, settings: Any) -> Any:
    from checker.gradcheck.run import run_file
    from checker.language.limits import deadline

    with deadline(settings.timeout):
        return run_file(target, settings)


def _one(target: str, settings: Any, as_json: bool, out_file: str | None) -> None:
    from checker.gradcheck import render
    from checker.gradcheck.student import split_target

    try:
        report = _check(target, settings)
    except DlprepError as exc:
        fail(exc, {"ok": False, "error": str(exc)} if as_json else None)
    inputs = [str(split_target(target)[0])]
    with output_file(out_file, inputs) as out:
        if as_json:
            import json

            out.write(json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n")
        else:
            out.write(render(report) + "\n")
    sys.exit(0 if report.ok else 1)


def _class(targets: tuple[str, ...], settings: Any, out_file: str | None, fmt: str) -> None:
    from checker.gradcheck import batch

    files = batch.files(targets)
    if not files:
        fail("no .py files to check in " + ", ".join(targets))
    rows = []
    with output_file(out_file, [f.split(":")[0] for f in files]) as out:
        if fmt == "csv":
            out.write(batch.csv_header())
        for target in files:
            row = batch.outcome(target, lambda t: _check(t, settings))
            rows.append(row)
            out.write(batch.csv_row(row) if fmt == "csv" else batch.jsonl(row))
            out.flush()
    click.echo(batch.summary(rows), err=True)
    sys.exit(0 if all(r["exit"] == 0 for r in rows) else 1)
