"""Least squares and quadratic forms (CATALOG A; lecture ch. 2, 3)."""

from __future__ import annotations

from derivations.catalog.model import Entry, Part


ENTRIES = (
    Entry(
        id="least-squares-gradient",
        topic="least squares",
        title={"en": "Gradient of the least-squares loss", "zh": "最小二乘损失的梯度"},
        statement={
            "en": "For f(x) = ‖Ax − b‖₂²: df = 2(Ax − b)ᵀA dx, so the Jacobian is the row 2(Ax − b)ᵀA and the gradient is 2Aᵀ(Ax − b).",
            "zh": "对 f(x) = ‖Ax − b‖₂²：df = 2(Ax − b)ᵀA dx，因此 Jacobian 是行向量 2(Ax − b)ᵀA，梯度是 2Aᵀ(Ax − b)。",
        },
        asked=("gradient", "jacobian", "differential", "derivation"),
        symbols="A: m x n, x: n, b: m, dx: n",
        parts=(
            Part("gradient", "n", "2 A^T (A x - b)", kind="gradient", function="||A x - b||^2", wrt="x"),
            Part("jacobian", "1 x n", "2 (A x - b)^T A", kind="jacobian", function="||A x - b||^2", wrt="x"),
            Part("differential", "scalar", "2 (A x - b)^T A dx", kind="differential", function="||A x - b||^2", wrt="x"),
        ),
        core=True,
    ),
    Entry(
        id="quadratic-form-gradient",
        topic="least squares",
        title={"en": "Gradient of a quadratic form", "zh": "二次型的梯度"},
        statement={
            "en": "d(xᵀAx) = dxᵀAx + xᵀA dx = xᵀ(A + Aᵀ)dx, so ∇ₓ xᵀAx = (A + Aᵀ)x; it is 2Ax only for symmetric A.",
            "zh": "d(xᵀAx) = dxᵀAx + xᵀA dx = xᵀ(A + Aᵀ)dx，所以 ∇ₓ xᵀAx = (A + Aᵀ)x；只有 A 对称时才等于 2Ax。",
        },
        asked=("gradient",),
        symbols="A: n x n, x: n",
        parts=(Part("gradient", "n", "(A + A^T) x", kind="gradient", function="x^T A x", wrt="x"),),
    ),
)
