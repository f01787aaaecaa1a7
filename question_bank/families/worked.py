"""Proofs and derivations the engine cannot produce (a definition, a case split, an expectation):
hand-written steps in our own words, each claim checked numerically when the question is made.

One record per catalog entry (linear-network-collapse, sparsemax-kkt, pooling-residual,
batchnorm-backward, rbm-gradient); the registry's ``worked-<id>`` families. A step is either a
*claim*, checked by the expression checker (``check_identity``, ``check_answer``) or by finite
differences against the reference networks (``checker.networks``), and then ``verified``; or a
definition or argument (``verified=False``, printed as such). A failed check is a bug: the question
is not made.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

import numpy as np

from question_bank.build import catalog_blank
from question_bank.model import Blank, Mark, Question, Step, Text
from question_bank.topics import SECTION

Check = Callable[[], bool]


def _identity(text: str, shapes: str) -> Check:
    def run() -> bool:
        from checker.grading.identity import check_identity

        return check_identity(text, shapes).verdict == "correct"
    return run


def _gradient(f: str, wrt: str, shapes: str, answer: str) -> Check:
    def run() -> bool:
        from checker.grading.answer import check_answer
        from checker.grading.problem import from_expression

        problem, _ = from_expression(f, wrt, shapes, kind="gradient")
        return check_answer(problem, answer).verdict == "correct"
    return run


def _fd(f: Callable[[np.ndarray], float], x: np.ndarray, h: float = 1e-6) -> np.ndarray:
    """Central differences of a scalar function of an array."""
    g = np.zeros_like(x)
    for idx in np.ndindex(*x.shape):
        e = np.zeros_like(x)
        e[idx] = h
        g[idx] = (f(x + e) - f(x - e)) / (2 * h)
    return g


def _close(a: np.ndarray, b: np.ndarray) -> bool:
    return bool(np.allclose(a, b, rtol=1e-5, atol=1e-7))


# ----------------------------------------------------------------- numeric checks of the claims
def _sparsemax_kkt() -> bool:
    """For random z: p = sparsemax(z), τ = (Σ_S z − 1)/|S|, μ = p − z + τ1 satisfy every KKT condition."""
    from checker.networks import sparsemax

    rng = np.random.default_rng(11)
    for _ in range(200):
        z = rng.standard_normal(6) * 2
        p = sparsemax(z.reshape(-1, 1)).ravel()
        s = p > 0
        tau = (z[s].sum() - 1) / s.sum()
        mu = p - z + tau
        if not (abs(p.sum() - 1) < 1e-12 and p.min() >= 0 and mu.min() > -1e-12 and np.abs(mu * p).max() < 1e-12
                and _close(p, np.maximum(z - tau, 0))):
            return False
    return True


def _pool_case(kind: str) -> bool:
    """δ_l of a 2×2 pooling layer after tanh, against central differences of J = Σ δ_{l+1} ∘ pool(tanh(z_l))."""
    from checker.networks.pooling import MaxPool, MeanPool

    rng = np.random.default_rng(5)
    z = rng.permutation(16).reshape(4, 4) / 10 - 0.8  # distinct entries: no ties
    delta = rng.standard_normal((2, 2))
    layer = MeanPool(2) if kind == "mean" else MaxPool(2)

    def loss(zz: np.ndarray) -> float:
        return float((delta * layer.forward(np.tanh(zz))).sum())

    layer.forward(np.tanh(z))
    routed = np.kron(delta, np.ones((2, 2))) / 4 if kind == "mean" else layer.backward(delta)
    return _close(_fd(loss, z), (1 - np.tanh(z) ** 2) * routed)


def _pool_window() -> bool:
    """∂z_{l+1}(i,j)/∂a_l(u,v) = 1/s² inside window (i,j), 0 outside (mean pooling)."""
    from checker.networks.pooling import MeanPool

    a = np.random.default_rng(2).standard_normal((4, 4))
    jac = _fd(lambda x: float(MeanPool(2).forward(x)[0, 1]), a)
    expected = np.zeros((4, 4))
    expected[0:2, 2:4] = 0.25
    return _close(jac, expected)


def _max_window() -> bool:
    """∂ max(window)/∂a = 1 at the arg-max, 0 elsewhere (distinct entries)."""
    a = np.array([[0.3, -0.2], [0.9, 0.1]])
    expected = np.zeros((2, 2))
    expected[1, 0] = 1
    return _close(_fd(lambda x: float(x.max()), a), expected)


def _bn_data() -> tuple[np.ndarray, np.ndarray, float, float, float]:
    rng = np.random.default_rng(3)
    return rng.standard_normal((1, 5)), rng.standard_normal((1, 5)), 1.3, -0.4, 1e-5


def _bn_forward(x: np.ndarray, gamma: float, beta: float, eps: float) -> np.ndarray:
    return gamma * (x - x.mean()) / np.sqrt(x.var() + eps) + beta


def _bn_xhat_grad() -> bool:
    x, g, gamma, beta, eps = _bn_data()
    xhat = (x - x.mean()) / np.sqrt(x.var() + eps)
    return _close(_fd(lambda h: float((g * (gamma * h + beta)).sum()), xhat), gamma * g)


def _bn_backward() -> bool:
    """The compact ∂L/∂x against central differences and against the reference BatchNorm layer."""
    from checker.networks.batchnorm import BatchNorm

    x, g, gamma, beta, eps = _bn_data()
    inv = 1 / np.sqrt(x.var() + eps)
    xhat = (x - x.mean()) * inv
    formula = gamma * inv * (g - g.mean() - xhat * (g * xhat).mean())
    layer = BatchNorm(1, eps=eps)
    layer.params = {"gamma": np.array([[gamma]]), "beta": np.array([[beta]])}
    layer.forward(x)
    fd = _fd(lambda xx: float((g * _bn_forward(xx, gamma, beta, eps)).sum()), x)
    return _close(formula, fd) and _close(formula, layer.backward(g))


def _bn_parts() -> tuple[np.ndarray, np.ndarray, float, float, float, float, float]:
    """The batch, g, γ, β, ε, μ_B, σ_B², and L(μ, σ²) = Σ g ∘ (γ(x − μ)/√(σ² + ε) + β) with μ, σ² free."""
    x, g, gamma, beta, eps = _bn_data()
    return x, g, gamma, beta, eps, float(x.mean()), float(x.var())


def _bn_loss(mu: float, var: float) -> float:
    x, g, gamma, beta, eps, _, _ = _bn_parts()
    return float((g * (gamma * (x - mu) / np.sqrt(var + eps) + beta)).sum())


def _bn_partials() -> bool:
    """∂L/∂σ² and ∂L/∂μ (σ² held fixed) against central differences of L(μ, σ²)."""
    x, g, gamma, _, eps, mu, var = _bn_parts()
    d_var = -0.5 * (var + eps) ** -1.5 * float((gamma * g * (x - mu)).sum())
    d_mu = -float((gamma * g).sum()) / np.sqrt(var + eps)
    fd = _fd(lambda v: _bn_loss(float(v[0]), float(v[1])), np.array([mu, var]))
    return _close(np.array([d_mu, d_var]), fd)


def _bn_paths() -> bool:
    """The three paths from x_i, summed, against central differences of the layer in x."""
    x, g, gamma, beta, eps, mu, var = _bn_parts()
    d_var = -0.5 * (var + eps) ** -1.5 * float((gamma * g * (x - mu)).sum())
    d_mu = -float((gamma * g).sum()) / np.sqrt(var + eps)
    n = x.size
    paths = gamma * g / np.sqrt(var + eps) + 2 * (x - mu) / n * d_var + d_mu / n
    return _close(paths, _fd(lambda xx: float((g * _bn_forward(xx, gamma, beta, eps)).sum()), x))


def _bn_identity() -> bool:
    x, _, _, _, eps = _bn_data()
    return _close(_bn_forward(x, float(np.sqrt(x.var() + eps)), float(x.mean()), eps), x)


def _rbm() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(4)
    w, a, b = rng.standard_normal((3, 2)) * 0.7, rng.standard_normal((3, 1)) * 0.3, rng.standard_normal((2, 1)) * 0.3
    vs = np.array(np.meshgrid(*[[0.0, 1.0]] * 3, indexing="ij")).reshape(3, -1)
    hs = np.array(np.meshgrid(*[[0.0, 1.0]] * 2, indexing="ij")).reshape(2, -1)
    return w, a, b, vs, hs, np.array([[1.0], [0.0], [1.0]])


def _log_unnormalised(w: np.ndarray, a: np.ndarray, b: np.ndarray, v: np.ndarray, hs: np.ndarray) -> float:
    """log Σ_h e^{−E(v,h)}, E = −aᵀv − bᵀh − vᵀWh, by enumerating h."""
    return float(np.logaddexp.reduce(((a.T @ v) + (b.T @ hs) + v.T @ w @ hs).ravel()))


def _rbm_conditional() -> bool:
    from checker.networks.activations import sigmoid

    w, a, b, _, hs, v = _rbm()
    weights = np.exp(((b.T @ hs) + v.T @ w @ hs).ravel())
    p_h1 = (hs * weights).sum(axis=1, keepdims=True) / weights.sum()
    return _close(p_h1, sigmoid(w.T @ v + b))


def _rbm_data_term() -> bool:
    from checker.networks.activations import sigmoid

    w, a, b, _, hs, v = _rbm()
    fd = _fd(lambda ww: _log_unnormalised(ww, a, b, v, hs), w)
    return _close(fd, v @ sigmoid(w.T @ v + b).T)


def _rbm_model_term() -> tuple[np.ndarray, np.ndarray]:
    w, a, b, vs, hs, _ = _rbm()
    log_z = lambda ww: float(np.logaddexp.reduce([_log_unnormalised(ww, a, b, vs[:, [k]], hs) for k in range(vs.shape[1])]))  # noqa: E731
    energy = -((a.T @ vs).T + (b.T @ hs) + vs.T @ w @ hs)
    p = np.exp(-energy - np.logaddexp.reduce(-energy, axis=None))
    return _fd(log_z, w), vs @ p @ hs.T


def _rbm_gradient() -> bool:
    """∂ log p(v)/∂W = vσ(Wᵀv + b)ᵀ − E_model[vhᵀ], against the reference RBM's exact gradient."""
    from checker.networks.activations import sigmoid
    from checker.networks.rbm import RBM

    w, a, b, _, _, v = _rbm()
    fd_z, model = _rbm_model_term()
    rbm = RBM(3, 2)
    rbm.params = {"W": w, "a": a, "b": b}
    formula = v @ sigmoid(w.T @ v + b).T - model
    return _close(fd_z, model) and _close(formula, rbm.exact_gradient(v)["W"])


# ----------------------------------------------------------------- the records
@dataclass(frozen=True)
class Worked:
    entry: str
    type: str
    prompt: Text
    result: Text  # the model answer's summary
    steps: tuple[tuple[str, str, str, Check | None], ...]  # (LaTeX, rule en, rule zh, check or None)
    blank: tuple[str, str] | None = None  # catalog (entry, part) of the checkable result
    asks: tuple[str, ...] = ()


COLLAPSE_SHAPES = "W1: h x n, b1: h, W2: m x h, b2: m, x: n"
KKT_L = "1/2 ||p - z||^2 - mu^T p + tau (1^T p - 1)"
KKT_SHAPES = "z: K, p: K, mu: K, tau: scalar"

RECORDS: dict[str, Worked] = {
    "linear-network-collapse": Worked(
        "linear-network-collapse", "proof",
        {"en": "Prove that two stacked linear layers without an activation, $y = W_2(W_1 x + b_1) + b_2$ with "
               "$W_1 \\in \\mathbb{R}^{h \\times n}$, $W_2 \\in \\mathbb{R}^{m \\times h}$, are one linear (affine) layer. "
               "What does this say about depth without non-linearities?",
         "zh": "证明：两层没有激活函数的线性层 $y = W_2(W_1 x + b_1) + b_2$（$W_1 \\in \\mathbb{R}^{h \\times n}$，"
               "$W_2 \\in \\mathbb{R}^{m \\times h}$）等价于一层线性（仿射）层。这说明没有非线性时加深网络有什么用？"},
        {"en": "The composition is the single layer $W = W_2 W_1$, $b = W_2 b_1 + b_2$: without non-linear activations, "
               "extra layers add no expressive power (only a rank limit when $h$ is small).",
         "zh": "复合就是一层 $W = W_2 W_1$，$b = W_2 b_1 + b_2$：没有非线性激活时，加层不增加表达能力（$h$ 小时只会限制秩）。"},
        (("y = W_2(W_1 x + b_1) + b_2", "definition of the two layers", "两层的定义", None),
         ("y = W_2 W_1 x + W_2 b_1 + b_2", "distribute $W_2$", "乘法分配律",
          _identity("W2 (W1 x + b1) + b2 = W2 W1 x + W2 b1 + b2", COLLAPSE_SHAPES)),
         ("y = (W_2 W_1) x + (W_2 b_1 + b_2) = W x + b", "associativity; $W \\in \\mathbb{R}^{m \\times n}$, $b \\in \\mathbb{R}^m$",
          "结合律；$W \\in \\mathbb{R}^{m \\times n}$，$b \\in \\mathbb{R}^m$",
          _identity("W2 W1 x + W2 b1 + b2 = (W2 W1) x + (W2 b1 + b2)", COLLAPSE_SHAPES))),
        blank=("linear-network-collapse", "collapsed"), asks=("proof",)),
    "sparsemax-kkt": Worked(
        "sparsemax-kkt", "proof",
        {"en": "Sparsemax is $p^\\star = \\arg\\min_{p \\in \\Delta} \\frac{1}{2}\\lVert p - z \\rVert^2$ over the simplex "
               "$\\Delta = \\{p \\ge 0, \\mathbf{1}^{\\top} p = 1\\}$, $z, p \\in \\mathbb{R}^{K}$. With the multipliers $\\mu \\in \\mathbb{R}^{K}$ "
               "for $p \\ge 0$ and $\\tau \\in \\mathbb{R}$ for $\\mathbf{1}^{\\top} p = 1$, write the Lagrangian $L(p, \\mu, \\tau)$ and the KKT "
               "conditions, and prove that $p^\\star = [z - \\tau \\mathbf{1}]_+$ with $\\tau = (\\sum_{j \\in S} z_j - 1)/|S|$ on the support "
               "$S = \\{i : p_i > 0\\}$ (its indicator $s \\in \\{0, 1\\}^{K}$, $s_i = 1$ for $i \\in S$).",
         "zh": "Sparsemax 定义为在单纯形 $\\Delta = \\{p \\ge 0, \\mathbf{1}^{\\top} p = 1\\}$ 上 "
               "$p^\\star = \\arg\\min \\frac{1}{2}\\lVert p - z \\rVert^2$，$z, p \\in \\mathbb{R}^{K}$。$p \\ge 0$ 的乘子为 $\\mu \\in \\mathbb{R}^{K}$，"
               "$\\mathbf{1}^{\\top} p = 1$ 的乘子为 $\\tau \\in \\mathbb{R}$。写出拉格朗日函数 $L(p, \\mu, \\tau)$ 与 KKT 条件，并证明 "
               "$p^\\star = [z - \\tau \\mathbf{1}]_+$，其中在支撑集 $S = \\{i : p_i > 0\\}$（指示向量 $s \\in \\{0, 1\\}^{K}$，$i \\in S$ 时 $s_i = 1$）上 "
               "$\\tau = (\\sum_{j \\in S} z_j - 1)/|S|$。"},
        {"en": "Stationarity, feasibility and complementary slackness give $p_i = z_i - \\tau$ on $S$ and $p_i = 0$ with "
               "$z_i \\le \\tau$ off $S$; summing to one fixes $\\tau$.",
         "zh": "由平稳性、可行性与互补松弛：在 $S$ 上 $p_i = z_i - \\tau$，在 $S$ 外 $p_i = 0$ 且 $z_i \\le \\tau$；"
               "由和为 1 确定 $\\tau$。"},
        (("L(p, \\mu, \\tau) = \\frac{1}{2}\\lVert p - z \\rVert^2 - \\mu^{\\top} p + \\tau(\\mathbf{1}^{\\top} p - 1)",
          "Lagrangian: $\\mu \\ge 0$ for $p \\ge 0$, $\\tau$ for $\\mathbf{1}^{\\top} p = 1$", "拉格朗日函数：$\\mu \\ge 0$ 对应 $p \\ge 0$，$\\tau$ 对应等式约束", None),
         ("\\nabla_p L = p - z - \\mu + \\tau \\mathbf{1} = 0", "stationarity (the gradient checked on random instances)",
          "平稳性条件（梯度已在随机实例上验证）", _gradient(KKT_L, "p", KKT_SHAPES, "p - z - mu + tau 1")),
         ("p \\ge 0, \\; \\mathbf{1}^{\\top} p = 1, \\; \\mu \\ge 0, \\; \\mu_i p_i = 0",
          "feasibility and complementary slackness", "可行性与互补松弛", None),
         ("p_i > 0 \\Rightarrow \\mu_i = 0, \\; p_i = z_i - \\tau; \\quad p_i = 0 \\Rightarrow \\mu_i = \\tau - z_i \\ge 0",
          "the two cases of slackness; so $p = [z - \\tau \\mathbf{1}]_+$ (checked: 200 random $z$ satisfy every condition)",
          "互补松弛的两种情形；故 $p = [z - \\tau \\mathbf{1}]_+$（已用 200 个随机 $z$ 验证全部条件）", _sparsemax_kkt),
         ("1 = \\sum_{i \\in S} (z_i - \\tau) \\Rightarrow \\tau = \\frac{\\sum_{j \\in S} z_j - 1}{|S|}",
          "sum to one over the support", "在支撑集上求和为 1", _sparsemax_kkt)),
        blank=("sparsemax-kkt", "tau"), asks=("proof", "conditions")),
    "pooling-residual": Worked(
        "pooling-residual", "derivation",
        {"en": "A pooling layer maps $a_l = f(z_l)$ ($f$ the activation, elementwise) to $z_{l+1}$ with non-overlapping "
               "$s \\times s$ windows. $J$ is the objective; given the residual $\\delta_{l+1} = \\partial J / \\partial z_{l+1}$, "
               "derive $\\delta_l = \\partial J / \\partial z_l$ for mean pooling and for max pooling (no ties in a window). Write $W_{ij}$ "
               "for the window of output $(i, j)$ and $(u, v)$ for a position of $a_l$.",
         "zh": "池化层用不重叠的 $s \\times s$ 窗口把 $a_l = f(z_l)$（$f$ 为逐元素的激活函数）映射为 $z_{l+1}$。$J$ 为目标函数，"
               "已知残差 $\\delta_{l+1} = \\partial J / \\partial z_{l+1}$，分别推导平均池化与最大池化（窗口内无并列）时的 "
               "$\\delta_l = \\partial J / \\partial z_l$。记输出 $(i, j)$ 的窗口为 $W_{ij}$，$a_l$ 中的位置为 $(u, v)$。"},
        {"en": "Mean: $\\delta_l = \\frac{1}{s^2}\\operatorname{kron}(\\delta_{l+1}, \\mathbf{1}\\mathbf{1}^{\\top}) \\circ f'(z_l)$. "
               "Max: each entry of $\\delta_{l+1}$ goes to its window's arg-max, times $f'(z_l)$; zero elsewhere.",
         "zh": "平均池化：$\\delta_l = \\frac{1}{s^2}\\operatorname{kron}(\\delta_{l+1}, \\mathbf{1}\\mathbf{1}^{\\top}) \\circ f'(z_l)$。"
               "最大池化：$\\delta_{l+1}$ 的每个元素传给所在窗口的最大值位置并乘以 $f'(z_l)$，其余为 0。"},
        (("z_{l+1}(i,j) = \\frac{1}{s^2} \\sum_{(u,v) \\in W_{ij}} a_l(u,v)", "mean pooling over window $W_{ij}$", "在窗口 $W_{ij}$ 上取平均", None),
         ("\\frac{\\partial z_{l+1}(i,j)}{\\partial a_l(u,v)} = \\frac{1}{s^2} [(u,v) \\in W_{ij}]", "each input lies in exactly one window",
          "每个输入只属于一个窗口", _pool_window),
         ("\\delta_l = \\frac{1}{s^2} \\operatorname{kron}(\\delta_{l+1}, \\mathbf{1}\\mathbf{1}^{\\top}) \\circ f'(z_l)",
          "chain rule through $a_l = f(z_l)$ (checked against finite differences)", "经 $a_l = f(z_l)$ 的链式法则（已与有限差分核对）",
          lambda: _pool_case("mean")),
         ("\\frac{\\partial \\max W_{ij}}{\\partial a_l(u,v)} = [(u,v) = \\arg\\max W_{ij}]", "away from ties only the winner moves the max",
          "无并列时只有最大者影响最大值", _max_window),
         ("\\delta_l(u,v) = f'(z_l(u,v)) \\, \\delta_{l+1}(i,j) \\, [(u,v) = \\arg\\max W_{ij}]",
          "max pooling routes the residual (checked against finite differences)", "最大池化把残差路由到最大值位置（已与有限差分核对）",
          lambda: _pool_case("max"))),
        asks=("derivation",)),
    "batchnorm-backward": Worked(
        "batchnorm-backward", "derivation",
        {"en": "Batch normalisation of one feature over a batch $x \\in \\mathbb{R}^N$: $\\mu_B = \\frac{1}{N}\\sum_i x_i$, "
               "$\\sigma_B^2 = \\frac{1}{N}\\sum_i (x_i - \\mu_B)^2$, $\\hat{x} = (x - \\mu_B)/\\sqrt{\\sigma_B^2 + \\epsilon}$, "
               "$y = \\gamma \\hat{x} + \\beta$. $L$ is the loss; given $g = \\partial L / \\partial y$, derive $\\partial L / \\partial x$. "
               "For which $\\gamma, \\beta$ is the layer the identity?",
         "zh": "对一个特征在批 $x \\in \\mathbb{R}^N$ 上做批归一化：$\\mu_B = \\frac{1}{N}\\sum_i x_i$，"
               "$\\sigma_B^2 = \\frac{1}{N}\\sum_i (x_i - \\mu_B)^2$，$\\hat{x} = (x - \\mu_B)/\\sqrt{\\sigma_B^2 + \\epsilon}$，"
               "$y = \\gamma \\hat{x} + \\beta$。$L$ 为损失函数，已知 $g = \\partial L / \\partial y$，推导 $\\partial L / \\partial x$。"
               "$\\gamma, \\beta$ 取何值时该层为恒等映射？"},
        {"en": "$\\partial L / \\partial x = \\frac{\\gamma}{\\sqrt{\\sigma_B^2 + \\epsilon}} (g - \\bar{g} - \\hat{x} \\, \\overline{g \\circ \\hat{x}})$ "
               "(bars: means over the batch); $\\gamma = \\sqrt{\\sigma_B^2 + \\epsilon}$, $\\beta = \\mu_B$ give the identity.",
         "zh": "$\\partial L / \\partial x = \\frac{\\gamma}{\\sqrt{\\sigma_B^2 + \\epsilon}} (g - \\bar{g} - \\hat{x} \\, \\overline{g \\circ \\hat{x}})$"
               "（横线表示批内平均）；取 $\\gamma = \\sqrt{\\sigma_B^2 + \\epsilon}$，$\\beta = \\mu_B$ 时为恒等映射。"},
        (("\\frac{\\partial L}{\\partial \\hat{x}} = \\gamma g", "$y$ is affine in $\\hat{x}$", "$y$ 是 $\\hat{x}$ 的仿射函数", _bn_xhat_grad),
         ("\\frac{\\partial L}{\\partial \\sigma_B^2} = -\\frac{1}{2} (\\sigma_B^2 + \\epsilon)^{-3/2} \\sum_i \\gamma g_i (x_i - \\mu_B), \\quad "
          "\\frac{\\partial L}{\\partial \\mu_B} = -\\frac{\\sum_i \\gamma g_i}{\\sqrt{\\sigma_B^2 + \\epsilon}}",
          "$\\mu_B$ also enters $\\sigma_B^2$, but $\\sum_i (x_i - \\mu_B) = 0$ cancels that term", "$\\mu_B$ 也出现在 $\\sigma_B^2$ 中，但 $\\sum_i (x_i - \\mu_B) = 0$ 使该项为零", _bn_partials),
         ("\\frac{\\partial L}{\\partial x_i} = \\frac{\\gamma g_i}{\\sqrt{\\sigma_B^2 + \\epsilon}} + \\frac{2 (x_i - \\mu_B)}{N} \\frac{\\partial L}{\\partial \\sigma_B^2} + \\frac{1}{N} \\frac{\\partial L}{\\partial \\mu_B}",
          "three paths from $x_i$: through $\\hat{x}_i$, $\\sigma_B^2$ and $\\mu_B$", "$x_i$ 的三条路径：经 $\\hat{x}_i$、$\\sigma_B^2$ 与 $\\mu_B$", _bn_paths),
         ("\\frac{\\partial L}{\\partial x} = \\frac{\\gamma}{\\sqrt{\\sigma_B^2 + \\epsilon}} \\left(g - \\bar{g} - \\hat{x} \\, \\overline{g \\circ \\hat{x}}\\right)",
          "collect terms (checked against finite differences and the reference layer)", "合并同类项（已与有限差分及参考实现核对）", _bn_backward),
         ("\\gamma = \\sqrt{\\sigma_B^2 + \\epsilon}, \\; \\beta = \\mu_B \\Rightarrow y = x", "undo the normalisation", "抵消归一化", _bn_identity)),
        asks=("derivation",)),
    "rbm-gradient": Worked(
        "rbm-gradient", "derivation",
        {"en": "A binary RBM has energy $E(v, h) = -a^{\\top} v - b^{\\top} h - v^{\\top} W h$ and $p(v) = \\sum_h e^{-E(v,h)} / Z$. "
               "Derive $p(h_j = 1 \\mid v)$ ($\\sigma$ the logistic sigmoid) and $\\partial \\log p(v) / \\partial W$, and state the CD-1 "
               "update of $W$, $a$, $b$ with learning rate $\\alpha$.",
         "zh": "二值 RBM 的能量 $E(v, h) = -a^{\\top} v - b^{\\top} h - v^{\\top} W h$，$p(v) = \\sum_h e^{-E(v,h)} / Z$。"
               "推导 $p(h_j = 1 \\mid v)$（$\\sigma$ 为 Sigmoid 函数）与 $\\partial \\log p(v) / \\partial W$，并写出学习率为 $\\alpha$ 时"
               "CD-1 对 $W$、$a$、$b$ 的更新。"},
        {"en": "$\\partial \\log p(v)/\\partial W = v \\sigma(W^{\\top} v + b)^{\\top} - E_{model}[v h^{\\top}]$; CD-1 replaces the model "
               "expectation by one Gibbs step: $W \\leftarrow W + \\alpha(v h^{\\top} - v' h'^{\\top})$, $a \\leftarrow a + \\alpha(v - v')$, "
               "$b \\leftarrow b + \\alpha(h - h')$.",
         "zh": "$\\partial \\log p(v)/\\partial W = v \\sigma(W^{\\top} v + b)^{\\top} - E_{model}[v h^{\\top}]$；CD-1 用一步 Gibbs 采样代替模型期望："
               "$W \\leftarrow W + \\alpha(v h^{\\top} - v' h'^{\\top})$，$a \\leftarrow a + \\alpha(v - v')$，$b \\leftarrow b + \\alpha(h - h')$。"},
        (("\\log p(v) = \\log \\sum_h e^{-E(v,h)} - \\log Z", "definition", "定义", None),
         ("p(h_j = 1 \\mid v) = \\sigma\\left((W^{\\top} v + b)_j\\right)", "the $h_j$ are independent given $v$ (checked by enumeration)",
          "给定 $v$ 时各 $h_j$ 独立（已枚举验证）", _rbm_conditional),
         ("\\frac{\\partial}{\\partial W} \\log \\sum_h e^{-E(v,h)} = E_{h \\mid v}[v h^{\\top}] = v \\sigma(W^{\\top} v + b)^{\\top}",
          "data term (checked by finite differences)", "数据项（已用有限差分验证）", _rbm_data_term),
         ("\\frac{\\partial \\log Z}{\\partial W} = E_{model}[v h^{\\top}]", "model term (checked by enumeration and finite differences)",
          "模型项（已枚举并用有限差分验证）", lambda: _close(*_rbm_model_term())),
         ("\\frac{\\partial \\log p(v)}{\\partial W} = v \\sigma(W^{\\top} v + b)^{\\top} - E_{model}[v h^{\\top}]",
          "difference of the two (checked against the reference RBM)", "两项之差（已与参考实现核对）", _rbm_gradient),
         ("h \\sim p(h \\mid v), \\; v' \\sim p(v \\mid h), \\; h' = \\sigma(W^{\\top} v' + b): \\; W \\leftarrow W + \\alpha(v h^{\\top} - v' h'^{\\top})",
          "CD-1: one Gibbs step stands in for the model expectation (an approximation, not an identity)",
          "CD-1：用一步 Gibbs 采样近似模型期望（是近似而非恒等式）", None)),
        asks=("derivation", "algorithm")),
}


def asks(entry: str) -> dict[str, tuple[str, ...]]:
    return {entry: RECORDS[entry].asks}


def verified_steps(entry: str) -> tuple[Step, ...]:
    """The record's model lines, every claim checked now."""
    return worked_key(entry)[0]


@lru_cache(maxsize=None)
def worked_key(entry: str) -> tuple[tuple[Step, ...], tuple[Step, ...], tuple[Mark, ...]]:
    """The record's model lines, trace and marking, every claim checked now (a failed check is a bug of
    ours); a step without a check is stated, never called verified."""
    from derivations.model_answer import from_worked
    from question_bank.families.derive import POINTS, key_lines

    rows = []
    for latex, en, zh, check in RECORDS[entry].steps:
        ok = check() if check is not None else None
        if check is not None and not ok:
            raise AssertionError(f"worked {entry}: the step {latex!r} failed its numeric check")
        rows.append((latex, {"en": en, "zh": zh}, ok))
    return key_lines(from_worked(rows, points=POINTS))


def make(rng: np.random.Generator, seed: int, entry: str) -> Question:
    record = RECORDS[entry]
    blanks: tuple[Blank, ...] = (catalog_blank("1", *record.blank),) if record.blank else ()
    family = "worked-" + entry
    steps, trace, marking = worked_key(entry)
    return Question(id=f"{family}.{seed}", family=family, topic=SECTION[entry], type=record.type, prompt=record.prompt,
                    answer=record.result, seed=seed, blanks=blanks, steps=steps, trace=trace, marking=marking, points=10,
                    catalog_id=entry, params={"entry": entry})
