"""Attack: answer a tiny network with 32 MB of gradients (the parent must not read more than the network's size)."""

import numpy as np


def loss_and_grads(params, x, y):
    return 1.0, {k: np.zeros(2**20) for k in params}
