"""Sobriety checks of one page: pure functions of its network entries and rendered DOM.

Metadata (titles, RGESN ids, thresholds, messages) is in criteria/eco/checks.toml. Each module
below registers its checks with `@eco_check` when imported; this package imports them all by
name, and `rgaa_audit.eco` imports this package, so the registry never loads its checks.
Network checks are inapplicable when capture recorded no request; DOM checks when it recorded
no DOM: each entry of the data file declares it (`facts`, `when-missing`) and the runner applies
it before calling the check (the checks' own guards stay, for direct calls).
"""

from rgaa_audit.eco.checks import budgets, dom, fonts, images, network, third_party

__all__ = ["budgets", "dom", "fonts", "images", "network", "third_party"]
