"""The course homework, runnable: a ReLU MLP trained by mini-batch SGD with the reference backprop.

The homework is 784-500-10 on MNIST (batch 200, learning rate 0.1). MNIST cannot be downloaded
here, so this uses scikit-learn's bundled 8×8 digits (1,797 images, 10 classes): 64-500-10, same
batch size and learning rate, softmax cross-entropy, He initialisation, an 80/20 split.

Run: pip install '.[digits]' && python examples/homework_mlp.py [--epochs 30] [--seed 0]
"""

from __future__ import annotations

import argparse

import numpy as np

from checker.networks import MLP


def load_digits_split(seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Images as columns scaled to [0, 1], labels one-hot (10 × N), 80 % train / 20 % test."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    x = digits.data.T / 16.0
    y = np.eye(10)[:, digits.target]
    order = np.random.default_rng(seed).permutation(x.shape[1])
    cut = int(0.8 * len(order))
    return x[:, order[:cut]], y[:, order[:cut]], x[:, order[cut:]], y[:, order[cut:]]


def accuracy(net: MLP, params: dict[str, np.ndarray], x: np.ndarray, y: np.ndarray) -> float:
    net.set_params(params)
    return float(np.mean(net.forward(x).argmax(axis=0) == y.argmax(axis=0)))


def train(epochs: int = 30, batch: int = 200, lr: float = 0.1, hidden: int = 500, seed: int = 0, verbose: bool = True) -> float:
    """Mini-batch SGD; returns the final test accuracy."""
    x_train, y_train, x_test, y_test = load_digits_split(seed)
    net = MLP([x_train.shape[0], hidden, 10], "relu", "softmax-ce", seed=seed)
    rng = np.random.default_rng(seed)
    params = net.params
    for name in params:  # He initialisation for ReLU layers
        if name.startswith("W"):
            params[name] = rng.standard_normal(params[name].shape) * np.sqrt(2.0 / params[name].shape[1])
        else:
            params[name] = np.zeros_like(params[name])
    for epoch in range(1, epochs + 1):
        order = rng.permutation(x_train.shape[1])
        for start in range(0, len(order), batch):
            cols = order[start:start + batch]
            loss, grads = net.loss_and_grads(params, x_train[:, cols], y_train[:, cols])
            params = {k: v - lr * grads[k] for k, v in params.items()}
        if verbose:
            print(f"epoch {epoch:3d}  loss {loss:.4f}  train acc {accuracy(net, params, x_train, y_train):.3f}  "
                  f"test acc {accuracy(net, params, x_test, y_test):.3f}")
    return accuracy(net, params, x_test, y_test)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(f"test accuracy: {train(args.epochs, seed=args.seed):.3f}")
