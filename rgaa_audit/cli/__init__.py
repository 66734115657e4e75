"""The command line: one module per command (`audit`, `demo`, `page`, `render`, `init`,
`baseline`, `diff`, `criteria`), gathered by `app.py`; the configuration file (`config.py`),
the crawl options (`crawl_options.py`) and the progress display (`progress.py`) beside them.

It sits above the pipeline: it reads options, runs `rgaa_audit.pipeline`, hands the report to
the conclusion stage and prints. `main` is the `rgaa-audit` console script.
"""

from __future__ import annotations


def main() -> None:
    """Entry point of the `rgaa-audit` command (imports the commands only when run)."""
    from rgaa_audit.cli.app import main as run_commands

    run_commands()
