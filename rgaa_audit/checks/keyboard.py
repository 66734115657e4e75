"""Own checks on 12.9 (keyboard traps) and 12.8 (tab order) from the keyboard walk
(capture/interaction/keyboard.py; facts read through checks/interaction.py).
"""

from __future__ import annotations
