"""`dlprep gradcheck FILE.py[:FUNC] [--net SPEC] [--json]`: check a student's backprop code.

The file runs in a child process (checker/gradcheck/student.py); the verdict is computed here.
"""

from __future__ import annotations

import sys
from typing import Any, Callable

import click

from checker.language.errors import DlprepError
from dlprep.commands.common import emit_json, fail
from dlprep.commands.options import COUNT, SECONDS, SEED, TEXT

FULL_CHECK_BUDGET = 2.0  # seconds of the student's code per parameter checked entry by entry
DEFAULT_MAX_FULL = 1000


def _affordable_entries(student: Callable[..., Any], params: dict, x: Any, y: Any) -> int:
    """How many entries one parameter may have to be checked one by one (2 calls each) within the budget."""
    import time

    start = time.perf_counter()
    student(params, x, y)
    seconds = time.perf_counter() - start
    return int(min(DEFAULT_MAX_FULL, FULL_CHECK_BUDGET / max(2 * seconds, 1e-9)))


@click.command()
@click.argument("target", metavar="FILE.py[:FUNC]")
@click.option("--net", "net_spec", type=TEXT, default=None,
              help="Reference network: mlp:SIZES:ACT:LOSS (e.g. mlp:784-500-10:relu:softmax-ce) or conv:MxM:K[:MODE[:CONVENTION]].")
@click.option("--batch", type=COUNT, default=4, show_default=True, help="Examples in the batch drawn for --net mlp.")
@click.option("--seed", type=SEED, default=0, show_default=True, help="Seed of the reference inputs and the probes.")
@click.option("--probes", type=COUNT, default=1, show_default=True, help="Random directions per parameter above --max-full entries.")
@click.option("--max-full", type=click.IntRange(min=0), default=None,
              help="Parameters up to this many entries are checked entry by entry [default: 1000, lowered so that one "
                   "parameter's entry-by-entry check costs at most about 2 s of your code's run time].")
@click.option("--complex-step", is_flag=True, help="Also differentiate by complex step (smooth models whose code accepts complex numbers).")
@click.option("--timeout", type=SECONDS, default=120.0, show_default=True,
              help="Give up after this many seconds; also the CPU-time limit of the process running your file.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable report.")
def gradcheck(target: str, net_spec: str | None, batch: int, seed: int, probes: int, max_full: int | None, complex_step: bool,
              timeout: float, as_json: bool) -> None:
    """Check the gradients of your implementation against central differences (float64).

    \b
    WARNING: FILE.py is run as Python code with your permissions. It runs in a
    child process with CPU-time and memory limits and its own temporary working
    directory, but that is no sandbox: grade untrusted files in a container or a
    throwaway account.

    \b
    Contract: FILE.py defines
        loss_and_grads(params: dict[str, ndarray], x, y) -> (float, dict[str, ndarray])
    returning the loss and its gradient for every parameter (same names and shapes).
    With --net, params, x and y come from that reference network (columns are examples,
    W_l has shape (n_out, n_in), b_l (n_out, 1), the loss is the batch mean) and your loss is
    also compared with the reference loss, which catches forward-pass bugs.
    Without --net, FILE.py also defines example() -> (params, x, y).

    Parameters up to 1,000 entries (fewer when your code is slow; see --max-full) are checked
    entry by entry; larger ones by seeded directional probes, and a failing one is rechecked on
    its largest and on random entries. Verdicts:
    pass (rel. error ≤ 1e-7), ok with kinks (≤ 1e-4, models with ReLU/max), suspicious, fail (> 1e-2).
    Exit 0: all right; 1: some gradient (or the loss) is wrong; 2: the file or its output is
    unusable, or its process ended without an answer (os._exit, a signal, the limits): never a pass.
    """
    from checker.gradcheck import render
    from checker.language.limits import deadline

    try:
        with deadline(timeout):
            report = _run(target, net_spec, batch, seed, probes, max_full, complex_step, timeout)
    except DlprepError as exc:
        fail(exc, {"ok": False, "error": str(exc)} if as_json else None)
    if as_json:
        emit_json(report.to_json())
    else:
        click.echo(render(report))
    sys.exit(0 if report.ok else 1)


def _run(target: str, net_spec: str | None, batch: int, seed: int, probes: int, max_full: int | None,
         complex_step: bool, timeout: float) -> Any:
    from checker.gradcheck import check_gradients
    from checker.gradcheck.student import StudentProcess

    alternatives: dict[str, dict] = {}
    state = None
    reference_loss = None
    smooth = True
    net = None
    if net_spec:
        from checker.networks import build

        net = build(net_spec, seed=seed)
    with StudentProcess.start(target, timeout=timeout, needs=() if net_spec else ("example",)) as student:
        if net is not None:
            params, x, y = net.example(batch=batch, seed=seed + 1) if net_spec.startswith("mlp") else net.example(seed=seed + 1)
            reference_loss, _ = net.loss_and_grads(params, x, y)
            state, smooth = (lambda p: net.state(p, x)), net.smooth
            if hasattr(net, "dense") and len(net.dense) > 1:
                alternatives["missing activation derivative f′(z) in the hidden layers"] = \
                    net.loss_and_grads(params, x, y, without_derivative=True)[1]
        else:
            params, x, y = student.example()
        if max_full is None:
            max_full = _affordable_entries(student.loss_and_grads, params, x, y)
        return check_gradients(student.loss_and_grads, params, x, y, state=state, smooth=smooth, alternatives=alternatives,
                               reference_loss=reference_loss, seed=seed, complex_step=complex_step,
                               probes=probes, max_full=max_full)
