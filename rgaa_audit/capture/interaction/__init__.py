"""Interaction probes: what only a keyboard and a pointer reveal (issue 15).

After the static capture (axe-core, rendering probes, collect.js's serialised DOM), the probes
use the page as a person would, in the same tab: Tab and Shift+Tab through it, hover and focus
the triggers of hidden content, press Enter and Space on scripted controls, watch what moves.
They run within a per-page time budget, never leave the page and never send a form (the tab
aborts navigations and non-GET requests while they run); what they change in the DOM is not
re-captured. Their facts go to `collected["interaction"]` for the checks (checks/interaction.py).

Element identity: before collect.js serialises the DOM, `mark.js` gives the candidates a
`data-ra-x="N"` index, kept in the serialised DOM, so a probe's fact about element N is the
element `//*[@data-ra-x="N"]` a check finds in the DOM it reads. Elements a probe meets that
were not marked (added by the interaction itself) are described instead (tag, text, HTML).
"""

from rgaa_audit.capture.interaction.runner import PROBE_NAMES, mark_candidates, run_interactions

__all__ = ["PROBE_NAMES", "mark_candidates", "run_interactions"]
