"""Network specs for ``dlprep gradcheck --net``: ``mlp:784-500-10:relu:softmax-ce``,
``conv:6x6:3:valid:convolution``. A bad spec is one clear InputError saying what was expected."""

from __future__ import annotations

from typing import Any, Callable

from checker.language.errors import InputError

SPEC_HELP = "mlp:SIZES:ACTIVATION:LOSS (e.g. mlp:4-5-3:sigmoid:mse) or conv:MxM:K[:MODE[:CONVENTION]] (e.g. conv:6x6:3:valid:convolution)"


def _mlp(parts: list[str], seed: int) -> Any:
    from checker.networks.activations import ACTIVATIONS
    from checker.networks.losses import LOSSES
    from checker.networks.mlp import MLP

    if len(parts) != 3:
        raise InputError(f"an mlp spec has 3 fields after 'mlp:', not {len(parts)}", expected=SPEC_HELP)
    sizes_text, activation, loss = parts
    try:
        sizes = [int(s) for s in sizes_text.split("-")]
    except ValueError:
        raise InputError(f"bad layer sizes '{sizes_text}'", expected="sizes joined by '-', e.g. 784-500-10") from None
    if len(sizes) < 2 or min(sizes) < 1 or max(sizes) > 10_000:
        raise InputError(f"bad layer sizes '{sizes_text}'", expected="at least two sizes between 1 and 10000")
    if activation not in ACTIVATIONS:
        raise InputError(f"unknown activation '{activation}'", expected=", ".join(sorted(set(ACTIVATIONS))))
    if loss not in LOSSES:
        raise InputError(f"unknown loss '{loss}'", expected=", ".join(sorted(LOSSES)))
    return MLP(sizes, activation, loss, seed=seed)


def _conv(parts: list[str], seed: int) -> Any:
    from checker.networks.conv import CONVENTIONS, MODES
    from checker.networks.convnet import ConvNet

    if not 2 <= len(parts) <= 4:
        raise InputError("a conv spec has 2 to 4 fields after 'conv:'", expected=SPEC_HELP)
    try:
        m = int(parts[0].lower().split("x")[0])
        k = int(parts[1])
    except ValueError:
        raise InputError(f"bad conv sizes in '{':'.join(parts)}'", expected=SPEC_HELP) from None
    mode = parts[2] if len(parts) > 2 else "valid"
    convention = parts[3] if len(parts) > 3 else "convolution"
    if mode not in MODES or convention not in CONVENTIONS or not 1 <= k <= m <= 200:
        raise InputError(f"bad conv spec '{':'.join(parts)}'", expected=f"mode in {MODES}, convention in {CONVENTIONS}, 1 ≤ K ≤ M ≤ 200")
    return ConvNet(m, k, mode, convention, seed=seed)


BUILDERS: dict[str, Callable[[list[str], int], Any]] = {"mlp": _mlp, "conv": _conv, "cnn": _conv}


def build(spec: str, seed: int = 0) -> Any:
    """The reference network of a spec: has loss_and_grads, example, state, smooth."""
    kind, _, rest = spec.strip().partition(":")
    builder = BUILDERS.get(kind.lower())
    if builder is None or not rest:
        raise InputError(f"unknown network spec '{spec}'", expected=SPEC_HELP)
    return builder(rest.split(":"), seed)
