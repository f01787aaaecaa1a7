"""A right 2-layer sigmoid MLP with the squared-error loss (the control; mlp:4-5-3:sigmoid:mse)."""

import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def loss_and_grads(params, x, y):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    n = x.shape[1]
    a1 = sigmoid(W1 @ x + b1)
    a2 = sigmoid(W2 @ a1 + b2)
    loss = 0.5 * np.sum((a2 - y) ** 2) / n
    d2 = (a2 - y) * a2 * (1 - a2) / n
    d1 = (W2.T @ d2) * a1 * (1 - a1)
    return loss, {"W1": d1 @ x.T, "b1": d1.sum(1, keepdims=True), "W2": d2 @ a1.T, "b2": d2.sum(1, keepdims=True)}
