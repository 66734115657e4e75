"""The déclaration d'accessibilité: its mandatory sections (data), its content built from a
stored report, manual verdicts and the `[statement]` configuration block, and its HTML and
Markdown renderings."""
