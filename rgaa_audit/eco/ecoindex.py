"""EcoIndex score (0–100) and grade (A–G) of one page, from the published method.

The method (cnumr / GreenIT.fr, https://www.ecoindex.fr/comment-ca-marche/) places three
figures of a page in quantile tables built from the HTTP Archive: DOM size, request count
and transferred kilobytes. Each gives a position between 0 and 20 (linear between two
bounds); the positions are weighted 3, 2 and 1 and the score is 100 − 5 × weighted / 6.
The tables live in `criteria/eco/ecoindex-quantiles.toml`.

Only the score and the grade are given: greenhouse-gas and water figures derived from the
score are left out on purpose (they are not measurements of the page).
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from rgaa_audit.paths import data_dir

GRADES = ("A", "B", "C", "D", "E", "F", "G")


@dataclass(frozen=True)
class QuantileTables:
    """The three quantile tables, the weights and the grade bounds of the method."""

    dom: tuple[float, ...]
    requests: tuple[float, ...]
    size_kb: tuple[float, ...]
    weights: tuple[int, int, int]
    grade_bounds: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class EcoIndex:
    """A page's EcoIndex: the exact score, the rounded score and the grade."""

    score_exact: float
    score: int
    grade: str

    def to_dict(self) -> dict[str, object]:
        return {"score": self.score, "grade": self.grade,
                "score_exact": round(self.score_exact, 2)}


@cache
def tables() -> QuantileTables:
    """The quantile tables from the data file (read once)."""
    path = data_dir("criteria") / "eco" / "ecoindex-quantiles.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    weights = data["weights"]
    return QuantileTables(
        dom=tuple(data["dom"]),
        requests=tuple(data["requests"]),
        size_kb=tuple(data["size_kb"]),
        weights=(weights["dom"], weights["requests"], weights["size"]),
        grade_bounds=tuple((g["grade"], g["above"]) for g in data["grades"]),
    )


def quantile_position(bounds: Sequence[float], value: float) -> float:
    """Position of `value` in a quantile table: 0 at the first bound, len−1 past the last."""
    if value <= bounds[0]:
        return 0.0
    for index in range(1, len(bounds)):
        if value < bounds[index]:
            low, high = bounds[index - 1], bounds[index]
            return index - 1 + (value - low) / (high - low)
    return float(len(bounds) - 1)


def ecoindex_score(dom_elements: int, requests: int, size_kb: float) -> float:
    """The exact (unrounded) EcoIndex score of a page's three figures."""
    t = tables()
    w_dom, w_req, w_size = t.weights
    weighted = (w_dom * quantile_position(t.dom, dom_elements)
                + w_req * quantile_position(t.requests, requests)
                + w_size * quantile_position(t.size_kb, size_kb))
    return 100 - 5 * weighted / (w_dom + w_req + w_size)


def round_half_up(value: float) -> int:
    """Round as people do (82.5 → 83), not as Python's banker's rounding does."""
    return math.floor(value + 0.5)


def grade_of(score: float) -> str:
    """The letter for a score: the first grade whose bound the score is strictly above."""
    for grade, above in tables().grade_bounds:
        if score > above:
            return grade
    return GRADES[-1]


def ecoindex(dom_elements: int, requests: int, transfer_bytes: int) -> EcoIndex:
    """EcoIndex of a page; the size is counted in kB of 1000 bytes, as the reference does."""
    exact = ecoindex_score(max(dom_elements, 0), max(requests, 0),
                           max(transfer_bytes, 0) / 1000)
    rounded = round_half_up(exact)
    return EcoIndex(score_exact=exact, score=rounded, grade=grade_of(rounded))
