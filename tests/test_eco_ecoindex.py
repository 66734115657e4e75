"""EcoIndex score and grade against vectors whose origin is stated case by case."""

from __future__ import annotations

import pytest

from rgaa_audit.eco.ecoindex import ecoindex, ecoindex_score, grade_of, quantile_position, tables


def test_golden_vector_from_the_brief() -> None:
    """(240 elements, 20 requests, 500 kB) → 82, grade A.

    By hand: DOM 240 lies between bounds 233 (index 4) and 298 → 4 + 7/65 = 4.1077;
    requests 20 between 15 (index 2) and 25 → 2 + 5/10 = 2.5; size 500 between 479.46
    (index 4) and 631.97 → 4 + 20.54/152.51 = 4.1347. Weighted 3×4.1077 + 2×2.5 + 4.1347
    = 21.458; score 100 − 5 × 21.458 / 6 = 82.12 → 82 → A (82 > 80).
    """
    result = ecoindex(240, 20, 500_000)
    assert result.score == 82
    assert result.grade == "A"
    assert result.score_exact == pytest.approx(82.1185, abs=1e-3)


def test_empty_page_scores_100() -> None:
    """Extreme: nothing at all puts every figure at position 0, so 100 − 0 = 100 → A."""
    assert ecoindex(0, 0, 0).score == 100
    assert ecoindex(0, 0, 0).grade == "A"


def test_values_past_the_last_bound_score_0() -> None:
    """Extreme: past the last bound each position is 20; weighted 120; 100 − 5×120/6 = 0 → G."""
    result = ecoindex(10**7, 10**5, 10**12)
    assert (result.score, result.grade) == (0, "G")


@pytest.mark.parametrize(
    ("dom", "requests", "size_kb", "score", "grade"),
    [
        # Every figure exactly on the bound of index k gives position k for all three, so the
        # score is 100 − 5 × 6k / 6 = 100 − 5k (computed by hand from the tables).
        (47, 2, 1.37, 95, "A"),  # k = 1
        (298, 42, 631.97, 75, "B"),  # k = 5
        (476, 63, 1098.62, 60, "C"),  # k = 8
        (753, 95, 1876.08, 40, "E"),  # k = 12: 40 is not above the D bound (40)
        (1801, 205, 5400.08, 10, "G"),  # k = 18: 10 is not above the F bound (10)
    ],
)
def test_vectors_on_table_bounds(dom: int, requests: int, size_kb: float, score: int,
                                 grade: str) -> None:
    result = ecoindex(dom, requests, round(size_kb * 1000))
    assert result.score_exact == pytest.approx(score, abs=1e-6)
    assert (result.score, result.grade) == (score, grade)


@pytest.mark.parametrize(
    ("dom", "requests", "size_kb", "score"),
    [
        # Expected scores published in the test suite of the reference Python package
        # (github.com/cnumr/ecoindex_python, tests of get_score after the quantile fix).
        (100, 100, 100, 72),
        (100, 100, 1000, 67),
        (100, 100, 10000, 58),
        (200, 200, 10000, 46),
        (2355, 267, 2493, 10),
        (240, 20, 331, 83),
    ],
)
def test_reference_package_vectors(dom: int, requests: int, size_kb: float, score: int) -> None:
    assert round(ecoindex_score(dom, requests, size_kb)) == score


@pytest.mark.parametrize(
    ("score", "grade"),
    [(100, "A"), (81, "A"), (80, "B"), (71, "B"), (70, "C"), (56, "C"), (55, "D"),
     (41, "D"), (40, "E"), (26, "E"), (25, "F"), (11, "F"), (10, "G"), (0, "G")],
)
def test_grade_bounds_are_strict(score: int, grade: str) -> None:
    assert grade_of(score) == grade


def test_quantile_position_interpolates_and_clamps() -> None:
    bounds = (0, 10, 30)
    assert quantile_position(bounds, -5) == 0
    assert quantile_position(bounds, 5) == 0.5
    assert quantile_position(bounds, 10) == 1
    assert quantile_position(bounds, 20) == 1.5
    assert quantile_position(bounds, 30) == 2
    assert quantile_position(bounds, 999) == 2


def test_tables_are_well_formed() -> None:
    t = tables()
    for table in (t.dom, t.requests, t.size_kb):
        assert len(table) == 21
        assert list(table) == sorted(set(table)), "bounds must strictly increase"
    assert t.weights == (3, 2, 1)


def test_score_falls_as_any_figure_grows() -> None:
    base = ecoindex_score(500, 50, 1000)
    assert ecoindex_score(600, 50, 1000) < base
    assert ecoindex_score(500, 60, 1000) < base
    assert ecoindex_score(500, 50, 1200) < base
