"""Attack: lift the memory and CPU limits to their hard values, then reserve 6 GiB (never touched);
if that worked, answer rightly (a pass that ignored the limits)."""

import resource

import numpy as np

for kind in (resource.RLIMIT_AS, resource.RLIMIT_CPU):
    soft, hard = resource.getrlimit(kind)
    try:
        resource.setrlimit(kind, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    except (ValueError, OSError):
        resource.setrlimit(kind, (hard, hard))
reserved = np.empty(6 * 2**30, dtype=np.uint8)  # MemoryError under a hard 4 GiB limit


def sigmoid(z):
    return 1 / (1 + np.exp(-z))

def loss_and_grads(params, x, y):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    n = x.shape[1]
    a1 = sigmoid(W1 @ x + b1)
    a2 = sigmoid(W2 @ a1 + b2)
    d2 = (a2 - y) * a2 * (1 - a2) / n
    d1 = (W2.T @ d2) * a1 * (1 - a1)
    return 0.5 * np.sum((a2 - y) ** 2) / n, {"W1": d1 @ x.T, "b1": d1.sum(1, keepdims=True), "W2": d2 @ a1.T,
                                             "b2": d2.sum(1, keepdims=True)}
