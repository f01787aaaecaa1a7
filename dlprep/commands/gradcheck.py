"""`dlprep gradcheck FILE.py[:FUNC] [--net SPEC] [--json]`: check a student's backprop code."""

from __future__ import annotations

import contextlib
import importlib.util
import sys
import traceback
from pathlib import Path
from typing import Any, Callable

import click

from checker.language.errors import DlprepError, InputError
from dlprep.commands.common import emit_json


class StudentCode:
    """The student's function, run under our control: any exception becomes one clear line."""

    def __init__(self, path: Path, func: Callable[..., Any], name: str) -> None:
        self.path, self.func, self.name = path, func, name

    def __call__(self, *args: Any) -> Any:
        try:
            with contextlib.redirect_stdout(sys.stderr):  # the student's prints must not mix with our output
                return self.func(*args)
        except DlprepError:  # our own time limit, raised while the student's code runs
            raise
        except SystemExit as exc:
            raise InputError(f"your {self.name} called sys.exit({exc.code!r}) ({_where(exc, self.path)})") from None
        except Exception as exc:  # noqa: BLE001 - the student's code may raise anything
            raise InputError(f"your {self.name} raised {type(exc).__name__}: {exc} ({_where(exc, self.path)})") from None


def _where(exc: BaseException, path: Path) -> str:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if Path(f.filename).resolve() == path.resolve()]
    return f"{path.name} line {frames[-1].lineno}" if frames else path.name


def load(target: str, default: str = "loss_and_grads") -> tuple[Any, Path, str]:
    """The module of FILE.py (run as the user asked) and the function name to check."""
    file, _, func = target.partition(":") if target.count(":") == 1 and not target.endswith(".py") else (target, "", "")
    path = Path(file)
    if not path.is_file():
        raise InputError(f"no such file: {file}", expected="FILE.py[:FUNC], a Python file that defines loss_and_grads")
    spec = importlib.util.spec_from_file_location(f"dlprep_student_{abs(hash(path.resolve()))}", path)
    if spec is None or spec.loader is None:
        raise InputError(f"cannot load {file} as Python", expected="a .py file")
    module = importlib.util.module_from_spec(spec)
    try:
        with contextlib.redirect_stdout(sys.stderr):
            spec.loader.exec_module(module)
    except SyntaxError as exc:
        raise InputError(f"{path.name} has a syntax error on line {exc.lineno}: {exc.msg}") from None
    except SystemExit as exc:
        raise InputError(f"running {path.name} called sys.exit({exc.code!r}); put script code under "
                         "if __name__ == '__main__':") from None
    except Exception as exc:  # noqa: BLE001
        raise InputError(f"running {path.name} raised {type(exc).__name__}: {exc} ({_where(exc, path)})") from None
    return module, path, func or default


def _function(module: Any, name: str, path: Path) -> StudentCode:
    func = getattr(module, name, None)
    if not callable(func):
        raise InputError(f"{path.name} defines no function {name}",
                         expected="def loss_and_grads(params, x, y) -> (loss, grads), or FILE.py:FUNC")
    return StudentCode(path, func, name)


def _checked_call(student: StudentCode) -> Callable[..., tuple[float, dict]]:
    import numpy as np

    def call(params: dict, x: Any, y: Any) -> tuple[float, dict]:
        out = student(params, x, y)
        if not (isinstance(out, tuple) and len(out) == 2 and isinstance(out[1], dict)):
            raise InputError(f"your {student.name} returned {type(out).__name__}",
                             expected="a pair (loss: float, grads: dict[str, np.ndarray])")
        loss, grads = out
        if isinstance(loss, np.ndarray) and loss.size == 1:
            loss = loss.reshape(()).item() if loss.dtype.kind in "fciu" else loss
        if isinstance(loss, bool) or not isinstance(loss, (int, float, complex, np.number)):
            raise InputError(f"your {student.name} returned a loss of type {type(loss).__name__}", expected="a float")
        if isinstance(loss, np.floating) and loss.dtype.itemsize < 8:
            raise InputError(f"your {student.name} returned a {loss.dtype} loss: gradient checking needs float64",
                             expected="float64 arithmetic throughout")
        return loss, grads

    return call


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
@click.option("--net", "net_spec", default=None,
              help="Reference network: mlp:SIZES:ACT:LOSS (e.g. mlp:784-500-10:relu:softmax-ce) or conv:MxM:K[:MODE[:CONVENTION]].")
@click.option("--batch", default=4, show_default=True, help="Examples in the batch drawn for --net mlp.")
@click.option("--seed", default=0, show_default=True)
@click.option("--probes", default=1, show_default=True, help="Random directions per parameter above --max-full entries.")
@click.option("--max-full", type=int, default=None,
              help="Parameters up to this many entries are checked entry by entry [default: 1000, lowered so that one "
                   "parameter's entry-by-entry check costs at most about 2 s of your code's run time].")
@click.option("--complex-step", is_flag=True, help="Also differentiate by complex step (smooth models whose code accepts complex numbers).")
@click.option("--timeout", type=float, default=120.0, show_default=True, help="Give up after this many seconds (0: no limit).")
@click.option("--json", "as_json", is_flag=True)
def gradcheck(target: str, net_spec: str | None, batch: int, seed: int, probes: int, max_full: int | None, complex_step: bool,
              timeout: float, as_json: bool) -> None:
    """Check the gradients of your implementation against central differences (float64).

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
    Exit 0: all right; 1: some gradient (or the loss) is wrong; 2: the file or its output is unusable.
    """
    from checker.gradcheck import render
    from checker.language.limits import deadline

    try:
        with deadline(timeout):
            report = _run(target, net_spec, batch, seed, probes, max_full, complex_step)
    except DlprepError as exc:
        if as_json:
            emit_json({"ok": False, "error": str(exc)})
        click.echo(exc.render(), err=True)
        sys.exit(2)
    if as_json:
        emit_json(report.to_json())
    else:
        click.echo(render(report))
    sys.exit(0 if report.ok else 1)


def _run(target: str, net_spec: str | None, batch: int, seed: int, probes: int, max_full: int | None,
         complex_step: bool) -> Any:
    from checker.gradcheck import check_gradients

    module, path, func_name = load(target)
    student = _checked_call(_function(module, func_name, path))
    alternatives: dict[str, dict] = {}
    state = None
    reference_loss = None
    smooth = True
    if net_spec:
        from checker.networks import build

        net = build(net_spec, seed=seed)
        params, x, y = net.example(batch=batch, seed=seed + 1) if net_spec.startswith("mlp") else net.example(seed=seed + 1)
        reference_loss, _ = net.loss_and_grads(params, x, y)
        state, smooth = (lambda p: net.state(p, x)), net.smooth
        if hasattr(net, "dense") and len(net.dense) > 1:
            alternatives["missing activation derivative f′(z) in the hidden layers"] = \
                net.loss_and_grads(params, x, y, without_derivative=True)[1]
    else:
        example = getattr(module, "example", None)
        if not callable(example):
            raise InputError(f"{path.name} defines no example()", expected="example() -> (params, x, y), or use --net SPEC")
        got = StudentCode(path, example, "example")()
        if not (isinstance(got, tuple) and len(got) == 3 and isinstance(got[0], dict)):
            raise InputError("example() must return (params: dict, x, y)")
        params, x, y = got
    if max_full is None:
        max_full = _affordable_entries(student, params, x, y)
    return check_gradients(student, params, x, y, state=state, smooth=smooth, alternatives=alternatives,
                           reference_loss=reference_loss, seed=seed, complex_step=complex_step,
                           probes=max(1, probes), max_full=max(0, max_full))
