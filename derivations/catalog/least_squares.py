"""Least squares and quadratic forms (CATALOG A; lecture ch. 2, 3)."""

from __future__ import annotations

from derivations.catalog.model import Entry, MalRule, Part


ENTRIES = (
    Entry(
        id="least-squares-gradient",
        topic="least squares",
        title={"en": "Gradient of the least-squares loss", "zh": "最小二乘损失的梯度"},
        statement={
            "en": "For f(x) = ‖Ax − b‖₂²: df = 2(Ax − b)ᵀA dx, so the Jacobian is the row 2(Ax − b)ᵀA and the gradient is 2Aᵀ(Ax − b).",
            "zh": "对 f(x) = ‖Ax − b‖₂²：df = 2(Ax − b)ᵀA dx，因此雅可比矩阵是行向量 2(Ax − b)ᵀA，梯度是 2Aᵀ(Ax − b)。",
        },
        asked=("gradient", "jacobian", "differential", "derivation"),
        symbols="A: m x n, x: n, b: m, dx: n",
        parts=(
            Part("gradient", "n", "2 A^T (A x - b)", kind="gradient", function="||A x - b||^2", wrt="x", malrules=(
                MalRule("jacobian-for-gradient", "2 (A x - b)^T A", {
                    "en": "That is the Jacobian, a 1×n row; the gradient is its transpose, a column with the shape of x.",
                    "zh": "这是雅可比矩阵（1×n 的行向量）；梯度是它的转置，是与 x 同形的列向量。"}),
            )),
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
        parts=(Part("gradient", "n", "(A + A^T) x", kind="gradient", function="x^T A x", wrt="x", malrules=(
            MalRule("symmetric-only", "2 A x", {
                "en": "2Ax holds only for symmetric A; in general d(xᵀAx) = xᵀ(A + Aᵀ)dx, so the gradient is (A + Aᵀ)x.",
                "zh": "2Ax 只在 A 对称时成立；一般地 d(xᵀAx) = xᵀ(A + Aᵀ)dx，梯度为 (A + Aᵀ)x。"}),
        )),),
    ),
)
