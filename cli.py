"""Run rgaa-audit from a checkout: `python cli.py --help` (installed as `rgaa-audit`)."""

from rgaa_audit.cli import main

if __name__ == "__main__":
    main()
