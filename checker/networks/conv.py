"""2-D convolution layer on one channel, as in the course (lecture ch. 7): z = a ⋆ ω + b·11ᵀ.

Two conventions, named: ``"convolution"`` flips the kernel (Matlab's conv2, the lecture's
formulas), ``"cross-correlation"`` does not (what most libraries call conv). Modes: ``valid``
(M − K + 1), ``full`` (M + K − 1, zero padding K − 1) and ``same`` (M, Matlab's centring).

For cross-correlation ``valid``, z = xcorr(a, k):  ∂L/∂a = conv_full(g, k) = xcorr_full(g, rot180(k)),
∂L/∂k = xcorr(a, g), ∂L/∂b = Σ g. Convolution is cross-correlation with rot180(ω), so every
flip moves (CATALOG F: δ_l = conv2(δ_{l+1}, rot180(ω), 'full') ∘ f'(z_l)).
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from checker.networks.layer import Layer

CONVENTIONS = ("convolution", "cross-correlation")
MODES = ("valid", "full", "same")


def xcorr_valid(a: np.ndarray, k: np.ndarray) -> np.ndarray:
    """Σᵤᵥ a[i+u, j+v] k[u, v]."""
    windows = sliding_window_view(a, k.shape)
    return np.einsum("ijuv,uv->ij", windows, k)


def padding(mode: str, k: int) -> tuple[int, int]:
    """(before, after) zero padding of each axis: full pads K − 1; same keeps Matlab's centre."""
    if mode == "valid":
        return 0, 0
    if mode == "full":
        return k - 1, k - 1
    if mode == "same":
        s = k // 2
        return k - 1 - s, s
    raise ValueError(f"unknown mode {mode!r}; expected one of {MODES}")


def conv2d(a: np.ndarray, w: np.ndarray, mode: str = "valid", convention: str = "convolution") -> np.ndarray:
    """The forward map without bias (for convolution, equal to Matlab's conv2(a, w, mode))."""
    k = w if convention == "cross-correlation" else np.rot90(w, 2)
    before, after = padding(mode, w.shape[0])
    return xcorr_valid(np.pad(a, ((before, after), (before, after))), k)


class Conv2D(Layer):
    def __init__(self, k: int, *, mode: str = "valid", convention: str = "convolution", rng: np.random.Generator | None = None) -> None:
        super().__init__()
        if convention not in CONVENTIONS:
            raise ValueError(f"unknown convention {convention!r}; expected one of {CONVENTIONS}")
        rng = rng or np.random.default_rng(0)
        self.mode, self.convention = mode, convention
        self.params = {"w": rng.standard_normal((k, k)) / k, "b": np.array([[0.1]])}

    def _kernel(self) -> np.ndarray:
        w = self.params["w"]
        return w if self.convention == "cross-correlation" else np.rot90(w, 2)

    def forward(self, a: np.ndarray) -> np.ndarray:
        before, after = padding(self.mode, self.params["w"].shape[0])
        self.padded, self.pad = np.pad(a, ((before, after), (before, after))), (before, after)
        return xcorr_valid(self.padded, self._kernel()) + self.params["b"][0, 0]

    def backward(self, g: np.ndarray) -> np.ndarray:
        k = self._kernel()
        dk = xcorr_valid(self.padded, g)  # ∂L/∂k for the cross-correlation kernel
        dw = dk if self.convention == "cross-correlation" else np.rot90(dk, 2)
        self.grads = {"w": dw, "b": np.array([[g.sum()]])}
        kk = k.shape[0]
        dpadded = xcorr_valid(np.pad(g, ((kk - 1, kk - 1), (kk - 1, kk - 1))), np.rot90(k, 2))
        before, after = self.pad
        rows, cols = dpadded.shape
        return dpadded[before:rows - after, before:cols - after]
