"""A multilayer perceptron of any depth: Dense → activation → … → Dense → loss (lecture ch. 4).

``MLP([784, 500, 10], "relu", "softmax-ce")`` has parameters W1, b1, W2, b2; the output layer is
linear and the loss applies softmax / σ itself. ``loss_and_grads(params, x, y)`` is the contract a
student's implementation is checked against (``dlprep gradcheck``).
"""

from __future__ import annotations

import numpy as np

from checker.networks.activations import ACTIVATIONS
from checker.networks.dense import Dense
from checker.networks.layer import Layer
from checker.networks.losses import LOSSES, MSE, Loss


class MLP:
    def __init__(self, sizes: list[int], activation: str = "sigmoid", loss: str = "mse", *, seed: int = 0,
                 output: str | None = None) -> None:
        rng = np.random.default_rng(seed)
        self.sizes, self.activation_name, self.loss_name = sizes, activation, loss
        self.dense = [Dense(a, b, rng) for a, b in zip(sizes[:-1], sizes[1:])]
        # hidden layers use the activation; the output is squashed by the loss (softmax-ce, logistic) or,
        # for mse, by the activation too, as the course's ½‖σ(z) − y‖²
        out = output or ("identity" if loss in ("softmax-ce", "ce", "cross-entropy", "logistic", "bce") else activation)
        self.acts: list[Layer] = [ACTIVATIONS[activation]() for _ in sizes[1:-1]] + [ACTIVATIONS[out]()]
        self.loss: Loss = LOSSES[loss]()

    @property
    def params(self) -> dict[str, np.ndarray]:
        return {f"{k}{i + 1}": v for i, layer in enumerate(self.dense) for k, v in layer.params.items()}

    def set_params(self, params: dict[str, np.ndarray]) -> None:
        for i, layer in enumerate(self.dense):
            layer.params = {k: params[f"{k}{i + 1}"] for k in layer.params}

    def forward(self, x: np.ndarray) -> np.ndarray:
        for dense, act in zip(self.dense, self.acts):
            x = act.forward(dense.forward(x))
        return x

    def loss_and_grads(self, params: dict[str, np.ndarray], x: np.ndarray, y: np.ndarray, *,
                       without_derivative: bool = False) -> tuple[float, dict[str, np.ndarray]]:
        """The reference: L(params; x, y) and every ∂L/∂param by backpropagation.
        ``without_derivative``: the classic slip of leaving out f′(z) of the hidden layers (for hints)."""
        self.set_params(params)
        loss = self.loss.forward(self.forward(x), y)
        g = self.loss.backward()
        grads: dict[str, np.ndarray] = {}
        for i in reversed(range(len(self.dense))):
            hidden = i < len(self.dense) - 1
            g = self.dense[i].backward(g if (without_derivative and hidden) else self.acts[i].backward(g))
            grads.update({f"{k}{i + 1}": v for k, v in self.dense[i].grads.items()})
        return (loss if np.iscomplexobj(loss) else float(loss)), grads  # complex only under complex-step probing

    def loss_value(self, params: dict[str, np.ndarray], x: np.ndarray, y: np.ndarray) -> float:
        self.set_params(params)
        return self.loss.forward(self.forward(x), y)

    def state(self, params: dict[str, np.ndarray], x: np.ndarray) -> list[np.ndarray]:
        """The ReLU masks (or other discrete states) of a forward pass, for kink detection."""
        self.set_params(params)
        self.forward(x)
        return [s for s in (a.state() for a in self.acts) if s is not None]

    @property
    def smooth(self) -> bool:
        return all(a.smooth for a in self.acts)

    def example(self, batch: int = 4, seed: int = 1, *, kink_margin: float = 1e-3) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray]:
        """Parameters, inputs and targets for a check: y one-hot for cross-entropy, in (0, 1) for mse.
        Examples with a kinked unit's |z| < ``kink_margin`` are redrawn (see ``sampling``); 0 keeps them."""
        from checker.networks.sampling import away_from_kinks

        rng = np.random.default_rng(seed)
        x = rng.standard_normal((self.sizes[0], batch))
        if kink_margin > 0 and not self.smooth:
            x = away_from_kinks(self, self.params, x, margin=kink_margin, rng=rng)
        k = self.sizes[-1]
        if isinstance(self.loss, MSE):
            y = rng.uniform(0.1, 0.9, (k, batch))
        elif k == 1 or self.loss_name in ("logistic", "bce"):
            y = rng.integers(0, 2, (k, batch)).astype(float)
        else:
            y = np.eye(k)[:, rng.integers(0, k, batch)]
        return {name: value.copy() for name, value in self.params.items()}, x, y
