"""Small plots of the activations, drawn from checker.networks: the solid curve is the layer's
forward, the dashed one its backward applied to ones, so the curves are the code's own functions.

Vector output only: PDF for LaTeX, SVG for HTML, with fixed metadata so the bytes are stable.

>>> svg = plot("relu", "svg")
>>> svg.startswith(b"<?xml") and b"<dc:date>" not in svg
True
"""

from __future__ import annotations

import io
from typing import Callable

import numpy as np

ALPHA = 0.1  # as the sheet's definitions of leaky ReLU and ELU

# name → (layer factory, title); each from checker.networks
LAYERS: dict[str, tuple[Callable[[], object], str]] = {
    "sigmoid": (lambda: _networks().Sigmoid(), "sigmoid"),
    "tanh": (lambda: _networks().Tanh(), "tanh"),
    "relu": (lambda: _networks().ReLU(), "ReLU"),
    "leaky-relu": (lambda: _networks().LeakyReLU(ALPHA), f"leaky ReLU, α={ALPHA:g}"),
    "elu": (lambda: _networks().ELU(ALPHA * 10), "ELU, α=1"),
}
SIZE_INCHES = (1.06, 0.82)  # drawn at the size it is printed (0.42 of a column): tick labels stay 6.5 pt
FONT_PT = 6.5


def _networks():  # type: ignore[no-untyped-def]
    import checker.networks as networks

    return networks


def curves(name: str, n: int = 401) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """z, f(z) (the layer's forward) and f'(z) (its backward of ones) on [−4, 4]."""
    layer = LAYERS[name][0]()
    z = np.linspace(-4.0, 4.0, n).reshape(1, -1)
    value = layer.forward(z)
    slope = layer.backward(np.ones_like(z))
    return z.ravel(), np.asarray(value).ravel(), np.asarray(slope).ravel()


def plot(name: str, fmt: str) -> bytes:
    """The plot of activation ``name`` as ``fmt`` ("pdf" or "svg") bytes, byte-stable."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    z, value, slope = curves(name)
    style = {"font.size": FONT_PT, "font.family": "DejaVu Sans", "axes.linewidth": 0.4, "xtick.major.width": 0.4,
             "ytick.major.width": 0.4, "xtick.major.size": 1.5, "ytick.major.size": 1.5, "xtick.major.pad": 1,
             "ytick.major.pad": 1, "svg.hashsalt": "dlprep-cheatsheet", "svg.fonttype": "none", "pdf.compression": 9}
    with plt.rc_context(style):
        fig, ax = plt.subplots(figsize=SIZE_INCHES)
        ax.axhline(0, color="0.75", lw=0.3)
        ax.axvline(0, color="0.75", lw=0.3)
        ax.plot(z, value, color="#1f4e9c", lw=0.9)
        ax.plot(z, slope, color="#c0392b", lw=0.9, ls=(0, (2.5, 1.2)))
        ax.set_xlim(-4, 4)
        low = min(-1.1, float(value.min()) - 0.1) if name in ("tanh", "elu", "leaky-relu") else -0.15
        ax.set_ylim(low, 1.15 if name in ("sigmoid", "tanh") else 2.1)
        ax.set_xticks([-4, 0, 4])
        ax.set_yticks([0, 1])
        ax.set_title(LAYERS[name][1], pad=1.5, fontsize=FONT_PT)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        fig.subplots_adjust(left=0.15, right=0.97, bottom=0.19, top=0.84)
        out = io.BytesIO()
        metadata = {"CreationDate": None, "Producer": None, "Creator": None} if fmt == "pdf" else {"Date": None, "Creator": None}
        fig.savefig(out, format=fmt, metadata=metadata)
        plt.close(fig)
    return out.getvalue()


def names() -> tuple[str, ...]:
    return tuple(LAYERS)
