"""Formula kinds: where a formula of the sheet comes from, how its LaTeX is made and how it is re-checked.

Every kind re-verifies at build time with the checker or the catalog's own verification, never by
trusting text: a catalog part against finite differences of its function (``dlprep verify``), an
identity on random matrices with distinct sizes, a differential against a directional finite
difference, an engine derivation step by step, a numeric fact against the reference networks.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable

import numpy as np

from question_bank.cheatsheet.latex import tex
from question_bank.cheatsheet.model import Text, Verification


def _entry(source: str):  # type: ignore[no-untyped-def]
    from derivations.catalog import get

    return get(source)


def _names(entry, part=None) -> set[str]:  # type: ignore[no-untyped-def]
    from checker.language.shapes import parse_shapes

    names = set(parse_shapes(entry.symbols)) if entry.symbols else set()
    names |= set(entry.aliases)
    if part is not None and part.where:
        names.add(part.where.split("=")[0].strip())
    return names


def _part(entry, name: str):  # type: ignore[no-untyped-def]
    for p in entry.parts:
        if p.name == name:
            return p
    raise KeyError(f"{entry.id} has no part {name}")


def _report(entry) -> Verification:  # type: ignore[no-untyped-def]
    from derivations.catalog.verify import verify

    report = verify(entry)
    if report.checks == 0:
        return Verification(False, "dlprep verify", "nothing to check")
    return Verification(report.ok, "dlprep verify (finite differences, random matrices, reference networks)",
                        "; ".join(report.failures), report.max_rel_error)


@dataclass(frozen=True)
class CatalogPart:
    """``lhs = reference`` of a catalog part whose function the catalog verifies by finite differences."""

    source: str
    part: str
    lhs: str | None = None  # LaTeX; default ∇_x f, ∂f/∂xᵀ or df from the part's function
    label: Text | None = None
    check_as: tuple[str, str, str] | None = None  # (f, wrt, claim) for a part with no function: claim
    # (with {ref} for the part's reference) must be ∇_wrt f, e.g. an SGD step (W − step)/α = ∇(J + λ/2‖W‖²)
    origin = "catalog part"

    @property
    def key(self) -> str:
        return f"{self.source}/{self.part}"

    def latex(self, lang: str = "en") -> str:
        entry = _entry(self.source)
        p = _part(entry, self.part)
        names = _names(entry, p)
        lhs = self.lhs or _default_lhs(p, names)
        relation = "" if lhs.endswith(r"\leftarrow") else "= "
        return f"{lhs} {relation}{tex(p.reference, names)}"

    def check(self) -> Verification:
        entry = _entry(self.source)
        p = _part(entry, self.part)
        if self.check_as:
            function, wrt, claim = self.check_as
            return _compare_derivative(function, wrt, entry.symbols, claim.format(ref=p.reference), "gradient")
        if not p.function:
            return Verification(False, "none", f"part {self.part} has no function to check against")
        return _report(replace(entry, parts=(p,), identities=(), checks=()))


def _default_lhs(part, names: set[str]) -> str:  # type: ignore[no-untyped-def]
    f, x = tex(part.function, names), tex(part.wrt, names)
    if part.kind == "jacobian":
        return rf"\frac{{\partial {f}}}{{\partial {x}}}" if "(" not in f else rf"\partial_{{{x}}} {f}"
    if part.kind == "differential":
        return rf"\mathrm{{d}}\,{f}"
    return rf"\nabla_{{{x}}} {f}"


@dataclass(frozen=True)
class CatalogIdentity:
    """An identity chain ``a = b = …`` held on random matrices (distinct sizes) by the checker."""

    source: str
    index: int = 0  # which of the entry's identities, when ``text`` is None
    text: str | None = None  # an identity of the sheet's own, on ``symbols`` (default: the entry's)
    symbols: str | None = None
    label: Text | None = None

    @property
    def origin(self) -> str:
        return "catalog identity" if self.text is None else "identity (checker)"

    @property
    def key(self) -> str:
        return f"{self.source}/identity-{self.index}" if self.text is None else f"{self.source}/{self.text}"

    def _text(self) -> str:
        return self.text if self.text is not None else _entry(self.source).identities[self.index]

    def _symbols(self) -> str:
        return self.symbols if self.symbols is not None else _entry(self.source).symbols

    def latex(self, lang: str = "en") -> str:
        from checker.language.shapes import parse_shapes

        return tex(self._text(), parse_shapes(self._symbols()))

    def check(self) -> Verification:
        from checker.grading.identity import check_identity

        verdict = check_identity(self._text(), self._symbols())
        return Verification(verdict.verdict == "correct", "random matrices, distinct sizes (checker.grading.identity)",
                            "" if verdict.verdict == "correct" else verdict.message)


@dataclass(frozen=True)
class Differential:
    """A differential rule ``d f = df`` in one or more variables (``wrt="X, Y"``: both move at once, so
    a product rule must carry every term), checked against a directional finite difference."""

    source: str
    f: str
    wrt: str
    df: str
    symbols: str
    label: Text | None = None
    origin = "engine rule"

    @property
    def key(self) -> str:
        return f"{self.source}/d({self.f})"

    def _wrts(self) -> list[str]:
        return [w.strip() for w in self.wrt.split(",")]

    def latex(self, lang: str = "en") -> str:
        from checker.language.shapes import parse_shapes

        names = set(parse_shapes(self.symbols))
        return rf"\mathrm{{d}}({tex(self.f, names)}) = {tex(self.df, names)}"

    def check(self) -> Verification:
        return _directional(self.f, self._wrts(), self.symbols, self.df)


def _directional(f: str, wrts: list[str], symbols: str, df: str, instances: int = 3) -> Verification:
    """``df`` against d/dt f(X + t dX, Y + t dY, …) at t = 0 (4th-order central difference), on random
    instances with distinct sizes and the declared domains; every variable of ``wrts`` moves at once."""
    from checker.grading.equivalence import relative_error
    from checker.language.errors import DlprepError
    from checker.language.evaluate import Instance, draw_instances, evaluate
    from checker.language.numeric import central
    from checker.language.parser import parse
    from checker.language.shapes import infer, parse_shapes

    method = "directional finite differences, all of " + ", ".join(wrts) + " moving"
    try:
        decls = parse_shapes(symbols)
        value = infer(parse(f, names=set(decls)), decls)
        claimed = infer(parse(df, names=set(decls)), decls)  # dX is read as the differential of X
        error = 0.0
        for inst in draw_instances(decls, [value, claimed], instances, seed=0):
            rng = np.random.default_rng(inst.seed)
            for w in wrts:
                inst.values.setdefault("d" + w, rng.standard_normal(inst.values[w].shape))

            def moved(t: float, inst: Instance = inst) -> np.ndarray:
                values = {**inst.values, **{w: inst.values[w] + t * inst.values["d" + w] for w in wrts}}
                return evaluate(value, replace(inst, values=values))

            error = max(error, relative_error(evaluate(claimed, inst), central(moved, 1e-3, order=4)))
    except DlprepError as exc:
        return Verification(False, method, str(exc))
    ok = error <= 1e-6
    return Verification(ok, method, "" if ok else f"relative error {error:.2g}", error)


@dataclass(frozen=True)
class Gradient:
    """``lhs = claim`` where the claim is ∇_wrt f, checked against finite differences of f (a loss and
    its output residual, δ = a − y)."""

    source: str
    name: str
    f: str
    wrt: str
    symbols: str
    claim: str
    lhs: str  # LaTeX, e.g. J = ½‖z − y‖² ⇒ δ
    label: Text | None = None
    origin = "finite differences"

    @property
    def key(self) -> str:
        return f"{self.source}/{self.name}"

    def latex(self, lang: str = "en") -> str:
        from checker.language.shapes import parse_shapes

        return f"{self.lhs} = {tex(self.claim, parse_shapes(self.symbols))}"

    def check(self) -> Verification:
        return _compare_derivative(self.f, self.wrt, self.symbols, self.claim, "gradient")


@dataclass(frozen=True)
class Evaluated:
    """``lhs = text`` (the course's formula, typeset from the very text that is evaluated) at values
    drawn by ``values()``, compared with what a reference network computes there (``measure``)."""

    source: str
    name: str
    lhs: str
    text: str
    symbols: str
    values: Callable[[], dict[str, np.ndarray | float]]
    measure: Callable[[dict[str, np.ndarray | float]], np.ndarray | float]
    measured_by: str
    label: Text | None = None
    relation: str = "="  # or \\leftarrow for an update
    rtol: float = 1e-10
    origin = "reference network"

    @property
    def key(self) -> str:
        return f"{self.source}/{self.name}"

    def latex(self, lang: str = "en") -> str:
        from checker.language.shapes import parse_shapes

        return f"{self.lhs} {self.relation} {tex(self.text, parse_shapes(self.symbols))}"

    def check(self) -> Verification:
        from question_bank.cheatsheet.evaluate import evaluate_text

        from checker.language.shapes import parse_shapes

        values = self.values()  # the declared symbols, and whatever else the measure needs
        got = evaluate_text(self.text, self.symbols, {k: v for k, v in values.items() if k in parse_shapes(self.symbols)})
        expected = np.asarray(self.measure(values), dtype=float).reshape(got.shape)
        error = float(np.max(np.abs(got - expected)) / max(1.0, float(np.max(np.abs(expected)))))
        ok = error <= self.rtol
        return Verification(ok, self.measured_by, "" if ok else f"formula gives {got.ravel()[:4]}, measured {expected.ravel()[:4]}", error)


def _compare_derivative(f: str, wrt: str, symbols: str, claimed: str, kind: str, where: str | None = None) -> Verification:
    from checker.grading.equivalence import relative_error
    from checker.grading.problem import from_expression
    from checker.language.errors import DlprepError
    from checker.language.parser import parse

    try:
        problem, _ = from_expression(f, wrt, symbols, kind=kind, where=where)
        expected = problem.reference_values()
        got = problem.values(problem.typed(parse(claimed, names=problem.names)))
        error = max(relative_error(a, b) for a, b in zip(got or [], expected)) if got else float("inf")
    except DlprepError as exc:
        return Verification(False, "finite differences", str(exc))
    ok = error <= 1e-6
    return Verification(ok, "finite differences", "" if ok else f"relative error {error:.2g}", error)


@dataclass(frozen=True)
class Engine:
    """``∇_X f = G`` where G is what the derivation engine derives now (each step checked), re-checked
    against finite differences of f."""

    source: str
    f: str
    wrt: str
    symbols: str
    label: Text | None = None
    origin = "engine"

    @property
    def key(self) -> str:
        return f"{self.source}/grad {self.f}"

    def _derivation(self):  # type: ignore[no-untyped-def]
        from derivations.engine import derive

        return derive(self.f, self.wrt, self.symbols)

    def latex(self, lang: str = "en") -> str:
        from checker.language.printing import to_latex
        from checker.language.shapes import parse_shapes
        from question_bank.cheatsheet.latex import tidy

        names = parse_shapes(self.symbols)
        return rf"\nabla_{{{tex(self.wrt, names)}}} {tex(self.f, names)} = {tidy(to_latex(self._derivation().result))}"

    def check(self) -> Verification:
        from checker.language.printing import to_text

        derivation = self._derivation()
        if not derivation.verified:
            return Verification(False, "engine", "a step of the engine's derivation did not check out")
        return _compare_derivative(self.f, self.wrt, self.symbols, to_text(derivation.result), "gradient")


@dataclass(frozen=True)
class CatalogFact:
    """A catalog part's formula evaluated at concrete values and compared with what a reference
    network or NumPy measures there (``measure(values) -> array``)."""

    source: str
    part: str
    values: Callable[[], dict[str, np.ndarray | float]]
    measure: Callable[[dict[str, np.ndarray | float]], np.ndarray | float]
    measured_by: str
    lhs: str
    example: str | None = None  # LaTeX of the example shown (values and result), or None
    label: Text | None = None
    rtol: float = 1e-9
    symbols: str | None = None  # declarations for the values, when they differ from the entry's (a = softmax(z) given)
    worked: bool = False  # show ``lhs = value`` (a worked example) instead of the formula
    origin = "reference network"

    @property
    def key(self) -> str:
        return f"{self.source}/{self.part}" + ("/worked" if self.worked else "")

    def latex(self, lang: str = "en") -> str:
        entry = _entry(self.source)
        p = _part(entry, self.part)
        if self.worked:
            return f"{self.lhs} = {_shown(self._value())}"
        shown = f"{self.lhs} = {tex(p.reference, _names(entry, p))}"
        eg = {"en": "e.g. ", "zh": "例："}[lang]
        return shown + (rf"\quad(\text{{{eg}}}{self.example}\Rightarrow {_number(self._value())})" if self.example else "")

    def _value(self) -> np.ndarray:
        from question_bank.cheatsheet.evaluate import evaluate_text

        entry = _entry(self.source)
        p = _part(entry, self.part)
        return evaluate_text(p.reference, self.symbols or entry.symbols, self.values())

    def check(self) -> Verification:
        got = self._value()
        expected = np.asarray(self.measure(self.values()), dtype=float).reshape(got.shape)
        error = float(np.max(np.abs(got - expected)) / max(1.0, float(np.max(np.abs(expected)))))
        ok = error <= self.rtol
        return Verification(ok, self.measured_by, "" if ok else f"formula gives {got.ravel()[:4]}, measured {expected.ravel()[:4]}", error)


def _number(value: np.ndarray | float, digits: int = 4) -> str:
    x = float(np.asarray(value).ravel()[0])
    if abs(x - round(x)) < 1e-9:
        return str(int(round(x)))
    return f"{x:.{digits}g}"


def _shown(value: np.ndarray) -> str:
    """A worked value: a number, a column as (…)ᵀ, a matrix as a pmatrix (3 decimals)."""
    value = np.atleast_2d(value)
    cell = lambda x: _number(x) if abs(x - round(x)) < 1e-9 else f"{x:.3f}"  # noqa: E731
    if value.size == 1:
        return cell(value[0, 0])
    if value.shape[1] == 1:
        return "(" + ", ".join(cell(x) for x in value[:, 0]) + r")^{\top}"
    rows = r" \\ ".join(" & ".join(cell(x) for x in row) for row in value)
    return rf"\begin{{pmatrix}}{rows}\end{{pmatrix}}"


@dataclass(frozen=True)
class EntryCheck:
    """A result the catalog states in prose and verifies with its own numeric check (against a
    reference network or finite differences); the LaTeX is the course's notation of that result."""

    source: str
    check_name: str  # the __name__ of one of the entry's checks
    tex: str | Text  # LaTeX, or per language when it holds words
    label: Text | None = None
    origin = "catalog check"

    @property
    def key(self) -> str:
        return f"{self.source}/{self.check_name}"

    def latex(self, lang: str = "en") -> str:
        return self.tex if isinstance(self.tex, str) else self.tex[lang]

    def check(self) -> Verification:
        entry = _entry(self.source)
        for check in entry.checks:
            if check.__name__ == self.check_name:
                error, tolerance = check()
                ok = error <= tolerance
                method = entry.verified_against or (check.__doc__ or "").strip().splitlines()[0]
                return Verification(ok, method, "" if ok else f"error {error:.2g} above {tolerance:.2g}", error)
        return Verification(False, "none", f"{self.source} has no check {self.check_name}")


@dataclass(frozen=True)
class Definition:
    """``lhs = text``, a function's definition, evaluated on a grid against the reference network's forward."""

    source: str
    lhs: str
    text: str
    symbols: str
    forward: Callable[[np.ndarray], np.ndarray]
    measured_by: str
    values: dict[str, float] = field(default_factory=dict)  # scalar parameters (alpha)
    label: Text | None = None
    at: tuple[float, ...] | None = None  # a worked example: show ``lhs = value`` at z = at
    origin = "reference network"

    @property
    def key(self) -> str:
        return f"{self.source}/definition" + ("/worked" if self.at else "")

    def latex(self, lang: str = "en") -> str:
        from checker.language.shapes import parse_shapes
        from question_bank.cheatsheet.evaluate import evaluate_text

        if self.at:
            return f"{self.lhs} = {_shown(evaluate_text(self.text, self.symbols, {'z': self._z(), **self.values}))}"
        return f"{self.lhs} = {tex(self.text, parse_shapes(self.symbols))}"

    def _z(self) -> np.ndarray:
        return np.array(self.at, dtype=float).reshape(-1, 1) if self.at else np.linspace(-4, 4, 33).reshape(-1, 1) + 0.0625  # off the kinks

    def check(self) -> Verification:
        from question_bank.cheatsheet.evaluate import evaluate_text

        z = self._z()
        got = evaluate_text(self.text, self.symbols, {"z": z, **self.values})
        error = float(np.max(np.abs(got - self.forward(z))))
        return Verification(error <= 1e-12, self.measured_by, "" if error <= 1e-12 else f"differs by {error:.2g}", error)
