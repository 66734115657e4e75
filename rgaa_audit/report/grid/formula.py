"""The grid's own formulas, computed here so that the file carries their values.

An ODS cell stores its formula *and* the value last computed; a viewer that does not
recalculate shows the stored value. After filling the template, every formula of the workbook
is evaluated again with the same rules as LibreOffice for the few functions the official grid
uses (SUM, COUNTIF, COUNTA, IF, AND, ROUND, AVERAGEIF, CONCATENATE; operators & + - * / and
comparisons), and its value written back. A formula outside that subset, or one that fails
(the 2026 template's `=[#REF!]`), keeps the value the template stored.
"""

from __future__ import annotations

import contextlib
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lxml import etree

from rgaa_audit.conclude.grid_import.ods import (
    Sheet,
    T,
    Workbook,
    cell_value,
    column_index,
    set_cached,
)

_TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<ref>\[[^\]]*\])
  | (?P<num>\d+(?:\.\d*)?(?:[eE][-+]?\d+)?)
  | (?P<str>"(?:[^"]|"")*")
  | (?P<op><>|<=|>=|[-+*/&=<>();])
  | (?P<name>[A-Za-z_][A-Za-z0-9_.]*)
""", re.VERBOSE)
_PART = re.compile(r"^\$?(?P<sheet>'(?:[^']|'')*'|[^.']*)?\.\$?(?P<col>[A-Z]{1,3})\$?(?P<row>\d+)$")
MAX_ROWS, MAX_COLS = 2000, 1024  # the part of a sheet indexed and recalculated
_CRITERION = re.compile(r"^(<>|<=|>=|=|<|>)?(.*)$", re.DOTALL)


class FormulaError(Exception):
    """A formula this evaluator does not compute (kept as the template stored it)."""


@dataclass(frozen=True)
class Ref:
    sheet: str
    row: int
    col: int


@dataclass(frozen=True)
class Range:
    sheet: str
    top: int
    left: int
    bottom: int
    right: int


def parse_ref(text: str, here: str) -> Ref | Range:
    """'[.D3]', "[Critères.$A$3]", '[.D3:.W3]' -> a cell or range (0-based)."""
    inner = text[1:-1]
    parts = inner.split(":")
    refs = []
    sheet = here
    for part in parts:
        found = _PART.match(part)
        if not found:
            raise FormulaError(text)
        name = found.group("sheet")
        if name:
            sheet = name[1:-1].replace("''", "'") if name.startswith("'") else name
        refs.append(Ref(sheet, int(found.group("row")) - 1, column_index(found.group("col"))))
    if len(refs) == 1:
        return refs[0]
    if len(refs) != 2:
        raise FormulaError(text)
    first, last = refs
    return Range(first.sheet, min(first.row, last.row), min(first.col, last.col),
                 max(first.row, last.row), max(first.col, last.col))


def number_text(value: float) -> str:
    """A number as LibreOffice turns it into text in a formula: 15 significant digits."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.15g}"


def _round(value: float, digits: int) -> float:
    """Half away from zero, as spreadsheets round."""
    factor = 10.0 ** digits
    return math.copysign(math.floor(abs(value) * factor + 0.5 + 1e-9) / factor, value)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if _is_number(value):
        return number_text(value)
    return str(value)


def _number(value: Any) -> float:
    if value is None:
        return 0.0
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if _is_number(value):
        return float(value)
    raise FormulaError(f"not a number: {value!r}")


def _compare(left: Any, right: Any) -> int:
    """-1, 0, 1 with spreadsheet rules: numbers before texts, texts without case."""
    left = 0.0 if left is None and _is_number(right) else ("" if left is None else left)
    right = 0.0 if right is None and _is_number(left) else ("" if right is None else right)
    if _is_number(left) and _is_number(right):
        return (left > right) - (left < right)
    if _is_number(left):
        return -1
    if _is_number(right):
        return 1
    a, b = str(left).casefold(), str(right).casefold()
    return (a > b) - (a < b)


def _matcher(criterion: Any) -> Callable[[Any], bool]:
    """COUNTIF's criterion: "C", "<>NA", ">0", or a number."""
    if _is_number(criterion):
        return lambda v: _is_number(v) and float(v) == float(criterion)
    found = _CRITERION.match(str(criterion))
    op, operand = (found.group(1) or "="), found.group(2)
    target: Any = operand
    with contextlib.suppress(ValueError):
        target = float(operand)
    tests = {"=": lambda c: c == 0, "<>": lambda c: c != 0, "<": lambda c: c < 0,
             ">": lambda c: c > 0, "<=": lambda c: c <= 0, ">=": lambda c: c >= 0}
    test = tests[op]

    def match(value: Any) -> bool:
        if value is None:
            return op == "<>" and operand != ""
        if op in ("=", "<>") and _is_number(value) != _is_number(target):
            return op == "<>"
        return test(_compare(value, target))

    return match


class Evaluator:
    """Computes the formula cells of a workbook from its input cells, each once."""

    def __init__(self, workbook: Workbook) -> None:
        self.workbook = workbook
        self.cache: dict[tuple[str, int, int], Any] = {}
        self.busy: set[tuple[str, int, int]] = set()
        self.index: dict[str, dict[tuple[int, int], etree._Element]] = {}

    def _cell(self, table: Sheet, row: int, col: int) -> etree._Element | None:
        """`table.get(row, col)`, from an index of the sheet's used cells built once (a
        lookup by position walks the whole table)."""
        if row >= MAX_ROWS or col >= MAX_COLS:
            return table.get(row, col)
        index = self.index.get(table.name)
        if index is None:
            index = self.index[table.name] = {(r, c): cell for r, c, cell
                                              in table.used(MAX_ROWS, MAX_COLS)}
        return index.get((row, col))

    # -- values of cells and ranges --------------------------------------------------------

    def value(self, sheet: str, row: int, col: int) -> Any:
        key = (sheet, row, col)
        if key in self.cache:
            return self.cache[key]
        table = self.workbook.sheets.get(sheet)
        if table is None:
            raise FormulaError(f"no sheet {sheet}")
        cell = self._cell(table, row, col)
        formula = None if cell is None else cell.get(f"{T}formula")
        if formula is None:
            result = cell_value(cell)
        else:
            if key in self.busy:
                raise FormulaError("circular reference")
            self.busy.add(key)
            try:
                result = self.evaluate(formula, sheet)
            finally:
                self.busy.discard(key)
        self.cache[key] = result
        return result

    def values(self, area: Range) -> list[Any]:
        return [self.value(area.sheet, r, c)
                for r in range(area.top, area.bottom + 1)
                for c in range(area.left, area.right + 1)]

    # -- parsing and evaluating one formula ------------------------------------------------

    def evaluate(self, formula: str, sheet: str) -> Any:
        if not formula.startswith("of:="):
            raise FormulaError(formula)
        tokens = []
        text = formula[4:]
        position = 0
        while position < len(text):
            found = _TOKEN.match(text, position)
            if not found:
                raise FormulaError(formula)
            position = found.end()
            if found.lastgroup != "ws":
                tokens.append((found.lastgroup, found.group()))
        parser = _Parser(tokens, self, sheet)
        result = parser.expression()
        if parser.position != len(tokens):
            raise FormulaError(formula)
        if isinstance(result, Range):
            result = self.value(result.sheet, result.top, result.left)
        if isinstance(result, Ref):
            result = self.value(result.sheet, result.row, result.col)
        return result

    def scalar(self, value: Any) -> Any:
        if isinstance(value, Ref):
            return self.value(value.sheet, value.row, value.col)
        if isinstance(value, Range):
            if value.top == value.bottom and value.left == value.right:
                return self.value(value.sheet, value.top, value.left)
            raise FormulaError("range where a value is expected")
        return value

    def flat(self, value: Any) -> list[Any]:
        if isinstance(value, Range):
            return self.values(value)
        return [self.scalar(value)]

    def call(self, name: str, args: list[Any]) -> Any:
        name = name.upper()
        if name == "SUM":
            return sum(float(v) for a in args for v in self.flat(a) if _is_number(v))
        if name == "COUNTIF":
            match = _matcher(self.scalar(args[1]))
            return float(sum(1 for v in self.flat(args[0]) if match(v)))
        if name == "COUNTA":
            return float(sum(1 for a in args for v in self.flat(a) if v not in (None, "")))
        if name == "AVERAGEIF":
            match = _matcher(self.scalar(args[1]))
            values = self.flat(args[2] if len(args) > 2 else args[0])
            tests = self.flat(args[0])
            picked = [float(v) for t, v in zip(tests, values, strict=False)
                      if _is_number(v) and match(t)]
            if not picked:
                raise FormulaError("#DIV/0!")
            return sum(picked) / len(picked)
        if name == "ROUND":
            return _round(_number(self.scalar(args[0])),
                          int(_number(self.scalar(args[1])) if len(args) > 1 else 0))
        if name == "CONCATENATE":
            return "".join(_text(self.scalar(a)) for a in args)
        if name == "AND":
            return all(bool(_number(v)) if not isinstance(v, str) else bool(v)
                       for a in args for v in self.flat(a))
        raise FormulaError(f"function {name}")


class _Parser:
    """Recursive descent over one formula's tokens; IF evaluates only its chosen branch."""

    def __init__(self, tokens: list[tuple[str, str]], evaluator: Evaluator, sheet: str) -> None:
        self.tokens, self.position = tokens, 0
        self.ev, self.sheet = evaluator, sheet

    def peek(self) -> str | None:
        return self.tokens[self.position][1] if self.position < len(self.tokens) else None

    def take(self, expected: str | None = None) -> tuple[str, str]:
        if self.position >= len(self.tokens):
            raise FormulaError("unexpected end")
        token = self.tokens[self.position]
        if expected is not None and token[1] != expected:
            raise FormulaError(f"expected {expected}")
        self.position += 1
        return token

    def expression(self) -> Any:
        left = self.concat()
        while self.peek() in ("=", "<>", "<", ">", "<=", ">="):
            op = self.take()[1]
            right = self.concat()
            order = _compare(self.ev.scalar(left), self.ev.scalar(right))
            left = {"=": order == 0, "<>": order != 0, "<": order < 0, ">": order > 0,
                    "<=": order <= 0, ">=": order >= 0}[op]
        return left

    def concat(self) -> Any:
        left = self.additive()
        while self.peek() == "&":
            self.take()
            right = self.additive()
            left = _text(self.ev.scalar(left)) + _text(self.ev.scalar(right))
        return left

    def additive(self) -> Any:
        left = self.term()
        while self.peek() in ("+", "-"):
            op = self.take()[1]
            a, b = _number(self.ev.scalar(left)), _number(self.ev.scalar(self.term()))
            left = a + b if op == "+" else a - b
        return left

    def term(self) -> Any:
        left = self.unary()
        while self.peek() in ("*", "/"):
            op = self.take()[1]
            a, b = _number(self.ev.scalar(left)), _number(self.ev.scalar(self.unary()))
            if op == "/" and b == 0:
                raise FormulaError("#DIV/0!")
            left = a * b if op == "*" else a / b
        return left

    def unary(self) -> Any:
        if self.peek() in ("-", "+"):
            op = self.take()[1]
            value = _number(self.ev.scalar(self.unary()))
            return -value if op == "-" else value
        return self.primary()

    def primary(self) -> Any:
        kind, text = self.take()
        if kind == "num":
            return float(text)
        if kind == "str":
            return text[1:-1].replace('""', '"')
        if kind == "ref":
            return parse_ref(text, self.sheet)
        if text == "(":
            value = self.expression()
            self.take(")")
            return value
        if kind == "name":
            self.take("(")
            if text.upper() == "IF":
                return self._if()
            args: list[Any] = []
            if self.peek() != ")":
                args.append(self.expression())
                while self.peek() == ";":
                    self.take()
                    args.append(self.expression())
            self.take(")")
            return self.ev.call(text, args)
        raise FormulaError(text)

    def _skip_argument(self) -> None:
        depth = 0
        while self.position < len(self.tokens):
            token = self.tokens[self.position][1]
            if depth == 0 and token in (";", ")"):
                return
            depth += token == "("
            depth -= token == ")"
            self.position += 1

    def _if(self) -> Any:
        condition = self.ev.scalar(self.expression())
        truth = bool(condition) if not _is_number(condition) else condition != 0
        result: Any = False
        self.take(";")
        if truth:
            result = self.ev.scalar(self.expression())
        else:
            self._skip_argument()
        if self.peek() == ";":
            self.take()
            if not truth:
                result = self.ev.scalar(self.expression())
            else:
                self._skip_argument()
        self.take(")")
        return result


def recalculate(workbook: Workbook, sheets: list[str] | None = None) -> int:
    """Compute every formula of the workbook (or of `sheets`) and store its value in the cell;
    returns how many cells were updated."""
    evaluator = Evaluator(workbook)
    updated = 0
    names = sheets or list(workbook.sheets)
    for name in names:
        table: Sheet = workbook.sheets[name]
        for row, col, cell in list(table.used(MAX_ROWS, MAX_COLS)):
            formula = cell.get(f"{T}formula")
            if formula is None:
                continue
            try:
                value = evaluator.value(name, row, col)
            except (FormulaError, IndexError, ValueError, ZeroDivisionError):
                continue
            if value is None:
                value = ""
            repeated = cell.get(f"{T}number-columns-repeated") or (
                cell.getparent().get(f"{T}number-rows-repeated"))
            target = table.cell(row, col) if repeated else cell
            set_cached(target, value, _text(value))
            updated += 1
    return updated
