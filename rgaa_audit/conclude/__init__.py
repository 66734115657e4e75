"""The conclusion stage: what a stored report means for a build.

After the report is stored, waivers take criteria out (`waivers.py`), a baseline splits the
failures into new and known ones (`baseline.py`, matched by `fingerprints.py`), then the gates
decide pass or fail (`gates.py`); `diff.py` compares two reports the same way. One entry point,
`conclusion.conclude`, runs them in that order for the command line and the pytest plugin
alike. Nothing here prints, writes reports or knows the language: renderers and the CLI do.
"""
