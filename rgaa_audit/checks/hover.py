"""Own checks on 10.13 (content shown on hover or focus) from the hover/focus probe
(capture/interaction/hover.py; facts read through checks/interaction.py).
"""

from __future__ import annotations
