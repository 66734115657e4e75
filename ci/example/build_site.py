"""Stand-in for a site generator: writes the static site to build into a folder.

A real project runs its own build here (Hugo, Jekyll, `npm run build`…). This example copies
the demo portal shipped with rgaa-audit, so the pipeline has a real site to audit.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from rgaa_audit.demo.server import SITE_DIR


def main(target: str) -> None:
    out = Path(target)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(SITE_DIR, out)
    print(f"site construit dans {out}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "public")
