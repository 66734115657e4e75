"""The shared function registry: ids pair code with data, both ways."""

from __future__ import annotations

import pytest

from rgaa_audit.checks.registry import all_checks
from rgaa_audit.eco.registry import eco_check_specs
from rgaa_audit.registry import FunctionRegistry


def _one() -> None: ...


def _two() -> None: ...


def test_an_id_names_one_function() -> None:
    registry: FunctionRegistry = FunctionRegistry("check")
    registry.register("a")(_one)
    registry.register("a")(_one)  # importing a module twice is harmless
    with pytest.raises(ValueError, match="registered twice"):
        registry.register("a")(_two)
    assert registry.function("a", "x.toml") is _one


def test_data_without_code_and_code_without_data_are_refused() -> None:
    registry: FunctionRegistry = FunctionRegistry("eco check")
    registry.register("a")(_one)
    with pytest.raises(LookupError, match=r"x\.toml: no function for eco check .b."):
        registry.function("b", "x.toml")
    with pytest.raises(LookupError, match=r"without metadata: \['a'\]"):
        registry.refuse_orphans(["b"])
    registry.refuse_orphans(["a", "b"])


def test_both_check_kinds_load_from_their_data() -> None:
    assert len(all_checks()) >= 60 and len(eco_check_specs()) >= 20
