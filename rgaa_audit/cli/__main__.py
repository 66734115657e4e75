"""`python -m rgaa_audit.cli`: the same command line as `rgaa-audit`."""

from rgaa_audit.cli import main

main()
