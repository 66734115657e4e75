"""A CO2e estimate per page view with the Sustainable Web Design model, version 4.

The model (https://sustainablewebdesign.org/estimating-digital-emissions/) turns bytes
transferred into energy with fixed intensities per gigabyte for data centres, networks and
user devices (use phase plus embodied share), then into grams of CO2e with a grid
intensity. We use its default global grid intensity and count the page as a first visit
(our capture disables the HTTP cache). It is an estimate of that model, not a measurement,
and must always be shown with the model's name.
"""

from __future__ import annotations

MODEL = "Sustainable Web Design v4"
MODEL_ID = "swd-v4"

BYTES_PER_GB = 1_000_000_000
# kWh per GB transferred, per segment of the system (SWD v4 constants).
OPERATIONAL_KWH_PER_GB = {"data_centre": 0.055, "network": 0.059, "user_device": 0.080}
EMBODIED_KWH_PER_GB = {"data_centre": 0.012, "network": 0.013, "user_device": 0.081}
GLOBAL_GRID_G_PER_KWH = 494.0


def energy_kwh(transfer_bytes: int) -> float:
    """Energy the model allots to transferring `transfer_bytes` once."""
    per_gb = sum(OPERATIONAL_KWH_PER_GB.values()) + sum(EMBODIED_KWH_PER_GB.values())
    return max(transfer_bytes, 0) / BYTES_PER_GB * per_gb


def co2_grams(transfer_bytes: int, grid_g_per_kwh: float = GLOBAL_GRID_G_PER_KWH) -> float:
    """Grams of CO2e for one first-visit page view of `transfer_bytes`."""
    return energy_kwh(transfer_bytes) * grid_g_per_kwh
