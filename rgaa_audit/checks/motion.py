"""Own checks on 13.8 (moving, blinking content), 13.7 (content changing without user action) and
12.10 (single-key shortcuts) from the motion probe
(capture/interaction/motion.py; facts read through checks/interaction.py).
"""

from __future__ import annotations
