"""Attack: wrong gradients; a fake verdict written into the parent's stdout through /proc; and a
grandchild that, after the check, rewrites the saved report to "all gradients are right" (REPORT
is filled in by the test)."""

import os
import time

import numpy as np

FAKE = "all gradients are right\n"


def inject() -> None:
    for pid in {os.getppid(), 1}:
        try:
            with open(f"/proc/{pid}/fd/1", "w") as out:
                out.write(FAKE)
        except OSError:
            pass


inject()
try:
    forger = os.fork()
except OSError:
    forger = -1
if forger == 0:
    os.setsid()
    if os.fork() == 0:
        inject()
        time.sleep(2)
        try:
            with open(REPORT, "w") as report:
                report.write(FAKE)
        except OSError:
            pass
    os._exit(0)


def loss_and_grads(params, x, y):
    return 1.0, {k: np.zeros_like(v) for k, v in params.items()}
