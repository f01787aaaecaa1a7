"""Gradient checking speed (issue #4): the homework's 784-500-10 ReLU MLP (≈397k parameters) in
directional mode, side by side with torch.autograd.gradcheck(fast_mode=True) on the same network in
float64; and a full entry-by-entry check of an exam-size network (< 1,000 parameters).

Targets: no slower than torch; the exam-size full check under 1 s.
Run: pip install torch==2.13.0 (benchmark-only extra) && python benchmarks/bench_gradcheck.py
"""

from __future__ import annotations

import statistics
import time

import numpy as np

from checker.gradcheck import check_gradients
from checker.networks import build


def timed(fn, repeat: int = 5) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, out = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), out


def ours_directional(batch: int) -> tuple[float, str]:
    net = build("mlp:784-500-10:relu:softmax-ce")
    params, x, y = net.example(batch=batch)
    seconds, report = timed(lambda: check_gradients(net.loss_and_grads, params, x, y, max_full=0, probes=1,
                                                    state=lambda p: net.state(p, x), smooth=net.smooth,
                                                    loss=lambda p: net.loss_value(p, x, y)))
    return seconds, "ok" if report.ok else "NOT OK"  # type: ignore[attr-defined]


def torch_fast_mode(batch: int) -> tuple[float, str] | None:
    try:
        import torch
    except ImportError:
        return None
    net = build("mlp:784-500-10:relu:softmax-ce")
    params, x, y = net.example(batch=batch)
    tensors = [torch.tensor(params[k], dtype=torch.float64, requires_grad=True) for k in ("W1", "b1", "W2", "b2")]
    tx, ty = torch.tensor(x, dtype=torch.float64), torch.tensor(y, dtype=torch.float64)

    def loss(W1, b1, W2, b2):  # type: ignore[no-untyped-def]
        z = W2 @ torch.relu(W1 @ tx + b1) + b2
        return -(ty * torch.log_softmax(z, dim=0)).sum() / tx.shape[1]

    seconds, ok = timed(lambda: torch.autograd.gradcheck(loss, tensors, fast_mode=True))
    return seconds, "ok" if ok else "NOT OK"


def ours_full_exam_size() -> tuple[float, int, str]:
    net = build("mlp:20-30-10:sigmoid:mse")
    params, x, y = net.example(batch=5)
    count = sum(v.size for v in params.values())
    seconds, report = timed(lambda: check_gradients(net.loss_and_grads, params, x, y, max_full=10_000,
                                                    loss=lambda p: net.loss_value(p, x, y)))
    return seconds, count, "ok" if report.ok else "NOT OK"  # type: ignore[attr-defined]


def main() -> None:
    batch = 20
    rows = []
    seconds, verdict = ours_directional(batch)
    rows.append(("dlprep check_gradients, 784-500-10, directional (1 probe/param)", f"{seconds * 1e3:.0f} ms", verdict))
    theirs = torch_fast_mode(batch)
    rows.append(("torch.autograd.gradcheck(fast_mode=True), same network, float64",
                 f"{theirs[0] * 1e3:.0f} ms" if theirs else "torch not installed", theirs[1] if theirs else ""))
    seconds, count, verdict = ours_full_exam_size()
    rows.append((f"dlprep full entry-by-entry check, 20-30-10 ({count} parameters)", f"{seconds * 1e3:.0f} ms", verdict))
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'median':>10}  result")
    for name, value, verdict in rows:
        print(f"{name:<{width}}  {value:>10}  {verdict}")
    print(f"(batch {batch}; targets: no slower than torch, full check < 1 s)")


if __name__ == "__main__":
    np.seterr(all="ignore")
    main()
