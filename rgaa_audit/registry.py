"""Functions registered by id in code, paired with their metadata in data files.

Both check families use it: RGAA checks (criteria/checks/*.toml, checks/registry.py) and
sobriety checks (criteria/eco/checks.toml, eco/registry.py). Code holds behaviour only; a
data entry without a function, or a function without a data entry, stops the run at load time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

F = TypeVar("F", bound=Callable[..., object])


class FunctionRegistry(Generic[F]):
    """Check functions by id, for one kind of check."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._functions: dict[str, F] = {}

    def register(self, function_id: str) -> Callable[[F], F]:
        """Decorator: register the function under the id its metadata uses."""

        def register(function: F) -> F:
            known = self._functions.get(function_id)
            if known is not None and known is not function:
                raise ValueError(f"{self.kind} {function_id!r} registered twice")
            self._functions[function_id] = function
            return function

        return register

    def function(self, function_id: str, data_file: str) -> F:
        """The function a data entry names; LookupError when code has none."""
        function = self._functions.get(function_id)
        if function is None:
            raise LookupError(f"{data_file}: no function for {self.kind} {function_id!r}")
        return function

    def refuse_orphans(self, declared: Iterable[str]) -> None:
        """LookupError when a registered function has no metadata."""
        orphans = set(self._functions) - set(declared)
        if orphans:
            raise LookupError(f"{self.kind} functions without metadata: {sorted(orphans)}")
