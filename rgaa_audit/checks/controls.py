"""Own checks on 7.3 (scripts usable by keyboard and pointer) from the scripted-controls probe
(capture/interaction/controls.py; facts read through checks/interaction.py).
"""

from __future__ import annotations
