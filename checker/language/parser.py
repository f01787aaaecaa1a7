"""Text (plain, LaTeX or Unicode) → AST, by recursive descent over :mod:`checker.language.lexer` tokens.

Precedence, loosest first: ``=``; ``+ -``; ``∘ .* ./ ⊗``; products (``* @ / \\cdot`` and
juxtaposition); postfix (``ᵀ ' ^ .^ ⁻¹``). So ``f'(z) ∘ Wᵀδ`` is ``f'(z) ∘ (Wᵀδ)``, as the course
writes it. Names are resolved against the declared ones: ``Ax`` is ``A x`` when only ``A`` and ``x``
are declared, ``W^(l)`` is a name when declared, ``dx`` is the differential of ``x``.

>>> from checker.language.printing import to_text
>>> to_text(parse("2A^T(Ax-b)", names={"A", "x", "b"}))
'2 A^T (A x - b)'
>>> to_text(parse(r"\\operatorname{Tr}\\left((\\mathbf{A}\\circ\\mathbf{B})^\\top\\mathbf{C}\\right)"))
'tr((A .* B)^T C)'
"""

from __future__ import annotations

from fractions import Fraction
from typing import Callable, Iterable

from checker.language import ast as A
from checker.language.errors import InputError, LimitExceeded
from checker.language.functions import PARENLESS, POWERED
from checker.language.lexer import DIFF, END, IDENT, NUM, OP, STRING, SUPERSCRIPT_DIGITS, Token, tokenize
from checker.language.messages import message
from checker.language.limits import MAX_DEPTH, MAX_NODES, MAX_TREE_DEPTH
from checker.language.literal import parse_literal, starts_literal
from checker.language.names import alternatives, join_label, join_subscript
from checker.language.vocabulary import ARITY, CONV_MODES, FUNCTION_ALIASES, GREEK_WORDS

HADAMARD_OPS: dict[str, Callable[[A.Node, A.Node], A.Node]] = {
    "∘": A.Hadamard, ".*": A.Hadamard, "./": A.ElemDiv, "⊗": A.Kron,
}
PRODUCT_OPS: dict[str, Callable[[A.Node, A.Node], A.Node]] = {"*": A.Mul, "@": A.Mul, "/": A.Div}
COMPARISONS = {">", ">=", "<", "<=", "!="}
TRANSPOSE_MARKS = {"T", "⊤", "ᵀ"}
# functions whose parser result is not a plain Func node
SPECIAL_CALLS: dict[str, Callable[[list[A.Node]], A.Node]] = {
    "inv": lambda a: A.Inverse(a[0]),
    "kron": lambda a: A.Kron(a[0], a[1]),
}


def parse(text: str, names: Iterable[str] | None = None) -> A.Node:
    """Parse one expression or equation chain. ``names`` are the declared (canonical) symbol names."""
    node = _Parser(text, names).parse()
    _check_tree_bounds(node)
    return node


def _check_tree_bounds(node: A.Node) -> None:
    count, stack = 0, [(node, 1)]
    while stack:
        current, depth = stack.pop()
        count += 1
        if depth > MAX_TREE_DEPTH:
            raise LimitExceeded(f"the expression is nested more than {MAX_TREE_DEPTH} levels deep")
        if count > MAX_NODES:
            raise LimitExceeded(f"the expression has more than {MAX_NODES} parts")
        stack.extend((child, depth + 1) for child in current.children())


class _Parser:
    def __init__(self, text: str, names: Iterable[str] | None) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.tokens.append(Token(END, "", len(text) + 1))
        self.i = 0
        self.names = None if names is None else set(names)
        self.depth = 0
        self.abs_depth = 0
        self.norm_depth = 0
        self.split_products: dict[int, A.Node] = {}  # products read from one word (ss → s·s): a postfix binds to the last name

    # ------------------------------------------------------------ helpers
    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def peek(self, k: int = 1) -> Token:
        return self.tokens[min(self.i + k, len(self.tokens) - 1)]

    def at(self, *texts: str, kind: str = OP) -> bool:
        return self.tok.kind == kind and self.tok.text in texts

    def advance(self) -> Token:
        token = self.tok
        self.i += 1
        return token

    def expect(self, text: str, what: str | None = None) -> Token:
        if not self.at(text):
            raise self.error(f"expected {what or repr(text)}", self.tok)
        return self.advance()

    def error(self, text: str, token: Token, expected: str | None = None) -> InputError:
        if text.startswith("expected ") and expected is None:
            return self.unexpected(token, text[9:])
        return InputError(text, text=self.text, column=token.col, expected=expected)

    def unexpected(self, token: Token, expected: str) -> InputError:
        """"unexpected ')' at column 7; expected an expression", in the current language."""
        found = message("error.end-of-input") if token.kind == END else repr(token.text)
        return InputError(message("error.unexpected", found=found), text=self.text, column=token.col, expected=expected)

    def declared(self, name: str) -> bool:
        return self.names is not None and name in self.names

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise LimitExceeded(f"brackets or functions are nested more than {MAX_DEPTH} levels deep (column {self.tok.col})")

    def leave(self) -> None:
        self.depth -= 1

    # ------------------------------------------------------------ grammar
    def parse(self) -> A.Node:
        if self.tok.kind == END:
            raise InputError(message("error.empty"), expected=message("error.want.example"))
        sides = [self.sum()]
        while self.at("="):
            self.advance()
            sides.append(self.sum())
        if self.tok.kind != END:
            raise self.unexpected(self.tok, message("error.want.operator-or-end"))
        return sides[0] if len(sides) == 1 else A.Equation(tuple(sides))

    def sum(self) -> A.Node:
        self.enter()
        terms = [self.signed()]
        while self.at("+", "-"):
            op = self.advance().text
            term = self.signed()
            terms.append(A.Neg(term) if op == "-" else term)
        self.leave()
        return terms[0] if len(terms) == 1 else A.Add(tuple(terms))

    def signed(self) -> A.Node:
        if self.at("-"):
            self.advance()
            self.enter()
            node = A.Neg(self.signed())
            self.leave()
            return node
        if self.at("+"):
            self.advance()
            return self.signed()
        return self.hadamard()

    def hadamard(self) -> A.Node:
        left = self.product()
        while self.tok.kind == OP and self.tok.text in HADAMARD_OPS:
            build = HADAMARD_OPS[self.advance().text]
            left = build(left, self.product(after_operator=True))
        return left

    def product(self, after_operator: bool = False) -> A.Node:
        left = self.factor(signed=after_operator)
        while True:
            if self.tok.kind == OP and self.tok.text in PRODUCT_OPS:
                build = PRODUCT_OPS[self.advance().text]
                left = build(left, self.factor(signed=True))
            elif self.starts_factor():
                left = A.Mul(left, self.factor())
            else:
                return left

    def starts_factor(self) -> bool:
        t = self.tok
        if t.kind in (NUM, IDENT, DIFF):
            return True
        if t.kind == OP and t.text in ("(", "[", "{", "frac"):
            return True
        if t.kind == OP and t.text == "‖":
            return self.norm_depth == 0
        return t.kind == OP and t.text == "|" and self.abs_depth == 0

    def factor(self, signed: bool = False) -> A.Node:
        if signed and self.at("-"):
            self.advance()
            self.enter()
            node = A.Neg(self.factor(signed=True))
            self.leave()
            return node
        base = self.primary()
        if self.split_products.get(id(base)) is base and isinstance(base, A.Mul):  # ss^T is s sᵀ, Ax' is A x'
            return A.Mul(base.left, self.postfix(base.right))
        return self.postfix(base)

    # ------------------------------------------------------------ postfix
    def postfix(self, base: A.Node) -> A.Node:
        while True:
            t = self.tok
            if t.kind != OP:
                return base
            if t.text in ("'", "ᵀ", "⊤"):
                self.advance()
                base = A.Transpose(base)
            elif t.text == "⁻¹":
                self.advance()
                base = A.Inverse(base)
            elif t.text == "⁻ᵀ":
                self.advance()
                base = A.Transpose(A.Inverse(base))
            elif t.text[0] in "⁰¹²³⁴⁵⁶⁷⁸⁹":
                self.advance()
                base = A.Pow(base, A.Num.of(int(t.text.translate(SUPERSCRIPT_DIGITS))))
            elif t.text == "^":
                self.advance()
                base = self.exponent(base)
            elif t.text == ".^":
                self.advance()
                base = A.ElemPow(base, self.exponent_value())
            else:
                return base

    def exponent(self, base: A.Node) -> A.Node:
        """After ``^``: transpose, inverse, inverse-transpose, a layer label, or a power."""
        t = self.tok
        if t.kind == OP and t.text in ("{", "("):
            inner = self.group_tokens()
            texts = [x.text for x in inner if x.text not in ("{", "}")]
            if texts and all(x in TRANSPOSE_MARKS for x in texts) and len(texts) == 1 and not self.declared("T"):
                self.skip_group()
                return A.Transpose(base)
            if texts == ["-", "1"]:
                self.skip_group()
                return A.Inverse(base)
            if len(texts) == 2 and texts[0] == "-" and texts[1] in TRANSPOSE_MARKS:
                self.skip_group()
                return A.Transpose(A.Inverse(base))
            if texts[:1] == ["∘"]:
                self.advance()
                self.advance()
                value = self.sum()
                self.expect("}" if t.text == "{" else ")", message("error.want.closing-bracket"))
                return A.ElemPow(base, value)
            transposed = len(inner) > 3 and inner[-2].text in TRANSPOSE_MARKS and inner[-1].text == "}"
            label = self.label_of(inner[:-2] + inner[-1:] if transposed else inner, t)
            if label is not None and (labelled := self.labelled_differential(base, label)) is not None:
                self.skip_group()  # dz^(l+1): the differential of the labelled name z^(l+1)
                return A.Transpose(labelled) if transposed else labelled
            if label is not None and isinstance(base, A.Sym):
                candidate = join_label(base.name, label)
                if self.names is None or self.resolve_declared(candidate) or not self.declared(base.name):
                    self.skip_group()
                    name = A.Sym(self.resolve_declared(candidate) or candidate)
                    return A.Transpose(name) if transposed else name
            return A.Pow(base, self.exponent_value())
        if t.kind == IDENT and t.text[0] == "T" and not self.declared("T"):
            self.split_ident(1)
            return A.Transpose(base)
        if t.kind == OP and t.text in ("⊤", "ᵀ"):
            self.advance()
            return A.Transpose(base)
        if t.kind == OP and t.text == "-":
            nxt = self.peek()
            if nxt.kind == NUM and nxt.text == "1":
                self.advance()
                self.advance()
                return A.Inverse(base)
            if (nxt.kind == IDENT and nxt.text[0] == "T" and not self.declared("T")) or nxt.text in ("⊤", "ᵀ"):
                self.advance()
                if nxt.kind == IDENT:
                    self.split_ident(1)
                else:
                    self.advance()
                return A.Transpose(A.Inverse(base))
        return A.Pow(base, self.exponent_value())

    def labelled_differential(self, base: A.Node, label: str) -> A.Node | None:
        """``dz^(l+1)`` or ``d z^(l+1)`` → d(z^(l+1)) when z^(l+1) is declared and dz^(l+1) is not."""
        if isinstance(base, A.Differential) and isinstance(base.arg, A.Sym):
            stem = base.arg.name
        elif isinstance(base, A.Sym) and len(base.name) > 1 and base.name[0] == "d" and not self.declared(base.name):
            stem = base.name[1:]
        else:
            return None
        found = self.resolve_declared(join_label(stem, label))
        return A.Differential(A.Sym(found)) if found and not self.declared(join_label("d" + stem, label)) else None

    def exponent_value(self) -> A.Node:
        """A power's exponent: a number, a signed number, a name, or a bracketed expression."""
        t = self.tok
        if t.kind == OP and t.text == "-":
            self.advance()
            return A.Neg(self.exponent_value())
        if t.kind == NUM:
            self.advance()
            return self.tower(A.Num(Fraction(t.text)))
        if t.kind == IDENT:
            whole = self.declared(t.text) or t.text in GREEK_WORDS or len(t.text) == 1
            self.split_ident(len(t.text) if whole else 1)
            return self.tower(A.Sym(t.text if whole else t.text[0]))
        if t.kind == OP and t.text in ("{", "(", "["):
            return self.primary()
        raise self.error("expected an exponent (T, -1, a number or {…})", t)

    def tower(self, base: A.Node) -> A.Node:
        """Powers associate to the right: 9^9^9 is 9^(9^9)."""
        if self.at("^") and not (self.peek().text in TRANSPOSE_MARKS or self.peek().text == "-"):
            self.advance()
            return A.Pow(base, self.exponent_value())
        return base

    def group_tokens(self) -> list[Token]:
        """Tokens from the current opening bracket to its match (inclusive), without consuming them."""
        opening = self.tok
        depth, j = 0, self.i
        while True:
            t = self.tokens[j]
            if t.kind == END:
                raise self.error(message("error.never-closed", bracket=repr(opening.text)), opening,
                                 message("error.want.matching", bracket=repr(_CLOSE[opening.text])))
            if t.kind == OP and t.text in _CLOSE:
                depth += 1
            elif t.kind == OP and t.text in _CLOSE.values():
                depth -= 1
                if depth == 0:
                    return self.tokens[self.i : j + 1]
            j += 1

    def skip_group(self) -> None:
        self.i += len(self.group_tokens())

    @staticmethod
    def label_of(group: list[Token], opening: Token) -> str | None:
        """``(l)``, ``{(l+1)}``, ``(t)`` → the label text; anything else → None."""
        inner = [t for t in group if not (t.kind == OP and t.text in ("{", "}"))]
        if len(inner) < 3 or inner[0].text != "(" or inner[-1].text != ")":
            return None
        body = inner[1:-1]
        if not body or not all(t.kind in (IDENT, NUM) or t.text in ("+", "-", ",") for t in body):
            return None
        if opening.text == "(" and all(t.kind == NUM for t in body) and len(body) == 1:
            return body[0].text  # W^(2): a layer label when declared; see exponent()
        return "".join(t.text for t in body)

    def split_ident(self, n: int) -> None:
        """Consume the first ``n`` characters of the current identifier, leaving the rest."""
        t = self.tok
        rest = t.text[n:]
        if rest:
            self.tokens[self.i] = Token(IDENT, rest, t.col + n)
        else:
            self.i += 1

    # ------------------------------------------------------------ primaries
    def primary(self) -> A.Node:
        t = self.tok
        if t.kind == NUM:
            self.advance()
            return A.Num(Fraction(t.text))
        if t.kind == IDENT:
            return self.identifier()
        if t.kind == DIFF:
            self.advance()
            self.enter()
            node = A.Differential(self.primary())
            self.leave()
            return node
        if t.kind == OP:
            if t.text == "[" and (starts_literal(self.tokens, self.i) or self.peek().text == "]"):
                if self.peek().text == "]":
                    raise self.error("an empty matrix []", t, "entries such as [1, 2; 3, 4]")
                return parse_literal(self)
            if t.text in _CLOSE:
                self.advance()
                self.enter()
                inner = self.sum()
                self.leave()
                self.expect(_CLOSE[t.text], message("error.want.closing", close=repr(_CLOSE[t.text]), open=repr(t.text), col=t.col))
                return inner
            if t.text == "frac":
                self.advance()
                num = self.braced_operand()
                den = self.braced_operand()
                return A.Div(num, den)
            if t.text == "‖":
                return self.norm_bars()
            if t.text == "|":
                self.advance()
                self.enter()
                self.abs_depth += 1
                inner = self.sum()
                self.abs_depth -= 1
                self.leave()
                self.expect("|", "a closing '|'")
                return A.Func("abs", (inner,))
        if t.kind == STRING:
            raise self.error(f"the mode '{t.text}' belongs inside conv2(…)", t, "an expression")
        raise self.unexpected(t, message("error.want.expression"))

    def braced_operand(self) -> A.Node:
        if not self.at("{", "("):
            raise self.error("expected '{' (\\frac takes two arguments in braces)", self.tok)
        return self.primary()

    def norm_bars(self) -> A.Node:
        opening = self.advance()
        self.enter()
        self.norm_depth += 1
        inner = self.sum()
        self.norm_depth -= 1
        self.leave()
        if not self.at("‖"):
            raise self.error(f"expected a closing ‖ for the one at column {opening.col}", self.tok)
        self.advance()
        return A.Norm(inner, self.norm_kind())

    def norm_kind(self) -> str:
        if not self.at("_"):
            return ""
        self.advance()
        t = self.tok
        if t.kind == OP and t.text == "{":
            group = self.group_tokens()
            self.skip_group()
            text = "".join(x.text for x in group[1:-1])
        else:
            self.advance()
            text = t.text
            if t.kind == IDENT and len(text) > 1 and text not in ("inf", "fro"):
                self.i -= 1
                self.split_ident(1)
                text = text[0]
        kind = {"fro": "F", "infty": "inf"}.get(text, text)
        if kind not in ("1", "2", "F", "inf"):
            raise self.error(f"unknown norm ‖·‖_{text}", t, "‖x‖, ‖x‖_1, ‖x‖_2, ‖X‖_F or ‖x‖_inf")
        return kind

    # ------------------------------------------------------------ identifiers
    def identifier(self) -> A.Node:
        t = self.advance()
        word = t.text
        if word == "norm" and self.at("(") and not self.declared("norm"):
            return self.norm_call(t)
        fname = FUNCTION_ALIASES.get(word)
        if fname is not None and not self.at("_"):
            node = self.function(word, fname, t)
            if node is not None:
                return node
        if word == "I" and not self.declared("I") and not self.at("_"):
            return self.identity_or_indicator()
        if word == "e" and not self.declared("e"):
            if self.at("_"):
                sub = self.subscript()
                name = join_subscript("e", sub)
                if not self.declared(name):
                    return A.OneHot(sub)
                return A.Sym(name)
            if self.at("^"):
                self.advance()
                return A.Func("exp", (self.exponent_value(),))
        if word == "d" and not self.declared("d") and self.starts_factor():
            self.enter()
            node = A.Differential(self.primary())
            self.leave()
            return node
        sub = self.subscript() if self.at("_") else None
        return self.name(word, sub, t)

    def subscript(self) -> str:
        self.expect("_")
        t = self.tok
        if t.kind == OP and t.text == "{":
            group = self.group_tokens()
            self.skip_group()
            return "".join(x.text for x in group[1:-1])
        if t.kind in (IDENT, NUM):
            self.advance()
            return t.text
        raise self.error("expected a subscript after '_'", t)

    def name(self, word: str, sub: str | None, token: Token) -> A.Node:
        full = join_subscript(word, sub) if sub is not None else word
        if self.names is None:
            return self.differential_or_sym(full, word, sub)
        found = self.resolve_declared(full)
        if found:
            return A.Sym(found)
        diff = self.differential_or_sym(full, word, sub)
        if isinstance(diff, A.Differential):
            return diff
        pieces = self.split_word(word)
        if pieces and len(pieces) > 1:
            last = join_subscript(pieces[-1], sub) if sub is not None else pieces[-1]
            nodes: list[A.Node] = [A.Sym(p) for p in pieces[:-1]] + [A.Sym(self.resolve_declared(last) or last)]
            node = nodes[0]
            for nxt in nodes[1:]:
                node = A.Mul(node, nxt)
            self.split_products[id(node)] = node
            return node
        return A.Sym(full)

    def differential_or_sym(self, full: str, word: str, sub: str | None) -> A.Node:
        """``dx`` → d(x) when ``dx`` and ``d`` are not declared names and ``x`` is a name."""
        if len(word) > 1 and word[0] == "d" and word not in GREEK_WORDS and not self.declared(word) and not self.declared("d"):
            rest = word[1:]
            rest_full = join_subscript(rest, sub) if sub is not None else rest
            if self.names is None:
                if len(rest) == 1 or rest in GREEK_WORDS or rest[1:].isdigit():
                    return A.Differential(A.Sym(rest_full))
            elif found := self.resolve_declared(rest_full):
                return A.Differential(A.Sym(found))
        return A.Sym(full)

    def resolve_declared(self, name: str) -> str | None:
        if self.names is None:
            return None
        if name in self.names:
            return name
        for alt in alternatives(name):
            if alt in self.names:
                return alt
        return None

    def split_word(self, word: str) -> list[str] | None:
        """``Ax`` → ['A', 'x'] by the longest declared names from the left; None if impossible."""
        assert self.names is not None
        known = sorted((n for n in self.names if n.isalnum()), key=len, reverse=True)
        pieces, i = [], 0
        while i < len(word):
            match = next((n for n in known if word.startswith(n, i)), None)
            if match is None:
                return None
            pieces.append(match)
            i += len(match)
        return pieces

    # ------------------------------------------------------------ functions
    def function(self, word: str, fname: str, token: Token) -> A.Node | None:
        """A call ``name(args)``, ``name'(z)``, ``tanh^2(z)``, or ``\\log x``; None → not a call."""
        if self.at("'") and self.peek().text in ("(", "{"):
            derived = FUNCTION_ALIASES.get(word + "'")
            if derived is None:
                raise self.error(f"{word}' is not a function dlprep knows", token, "f'(z), σ'(z), tanh'(z) or relu'(z)")
            self.advance()
            return self.call(derived, token)
        if self.at("(") or (self.at("{") and fname == "sqrt"):
            return self.call(fname, token)
        if self.at("^") and fname in POWERED:
            save = self.i
            self.advance()
            power = self.exponent_value()
            if self.at("("):
                return A.Pow(self.call(fname, token), power)
            self.i = save
        if fname in PARENLESS and self.starts_factor():
            self.enter()
            arg = self.product()
            self.leave()
            return self.make_call(fname, [arg], None, token)
        if self.declared(word) or word in GREEK_WORDS or len(word) == 1:
            return None  # a symbol: sigma, f, ...
        raise self.error(f"the function {word} needs its argument in parentheses", self.tok, f"{word}(…)")

    def call(self, fname: str, token: Token) -> A.Node:
        opening = self.advance()
        closing = _CLOSE[opening.text]
        self.enter()
        args: list[A.Node] = []
        option: str | None = None
        while True:
            if self.tok.kind == STRING:
                option = self.advance().text
            else:
                args.append(self.sum())
            if self.at(","):
                self.advance()
                continue
            break
        self.leave()
        self.expect(closing, f"',' or a closing {closing!r} for {token.text}(")
        return self.make_call(fname, args, option, token)

    def make_call(self, fname: str, args: list[A.Node], option: str | None, token: Token) -> A.Node:
        low, high = ARITY.get(fname, (1, 1))
        count = len(args) + (1 if option is not None and fname == "conv2" else 0)
        if not low <= count <= high:
            want = str(low) if low == high else f"{low} to {high}"
            raise self.error(f"{token.text} takes {want} argument{'s' if high > 1 else ''}, got {count}", token)
        if option is not None and (fname != "conv2" or option not in CONV_MODES):
            raise self.error(f"the option '{option}' does not fit {token.text}", token, "conv2(a, w, 'valid'|'full'|'same')")
        if fname in SPECIAL_CALLS:
            return SPECIAL_CALLS[fname](args)
        if fname == "rot90" and len(args) == 2 and not isinstance(args[1], A.Num):
            raise self.error("rot90 takes a whole number of quarter turns", token, "rot90(w, 2)")
        return A.Func(fname, tuple(args), option)

    def norm_call(self, token: Token) -> A.Node:
        self.advance()
        self.enter()
        arg = self.sum()
        kind = ""
        if self.at(","):
            self.advance()
            t = self.advance()
            kind = {"fro": "F", "2": "2", "1": "1", "inf": "inf", "F": "F"}.get(t.text, "?")
            if kind == "?":
                raise self.error(f"unknown norm kind {t.text!r}", t, "2, 1, inf or 'fro'")
        self.leave()
        self.expect(")", "a closing ')' for norm(")
        return A.Norm(arg, kind)

    def identity_or_indicator(self) -> A.Node:
        """``I(z > 0)`` is the indicator; ``I`` alone the identity; ``I(x)`` the product I·x."""
        if not self.at("("):
            return A.Identity()
        opening = self.advance()
        self.enter()
        lhs = self.sum()
        if self.tok.kind == OP and self.tok.text in COMPARISONS:
            op = self.advance().text
            rhs = self.sum()
            self.leave()
            self.expect(")", message("error.want.closing", close="')'", open="I(", col=opening.col))
            return A.Indicator(lhs, op, rhs)
        self.leave()
        self.expect(")", message("error.want.closing", close="')'", open="'('", col=opening.col))
        return A.Mul(A.Identity(), lhs)


_CLOSE = {"(": ")", "[": "]", "{": "}"}
