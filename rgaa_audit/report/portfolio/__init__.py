"""The portfolio dashboard of a batch: one row per site, as HTML (`html.py`) and as CSV for
open data (`csv.py`), both built from the stored results only (`rows.py`)."""
