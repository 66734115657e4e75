"""The review of axe-core's rules against the RGAA as a table: docs/axe-rules.md (French)
and docs/axe-rules.en.md (English), each entirely in its language.

Per RGAA-tagged rule of the bundled axe-core: its RGAA tests, the verdict of the review
(`criteria/axe.toml`), what decides (NC, items to verify, or ignored for an own check), and
the reason (reports/i18n, table [axe-review]). Run `python -m rgaa_audit.checks.axe_doc` to
rewrite both files; a test keeps them fresh.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from rgaa_audit import i18n
from rgaa_audit.checks.axe import review_of
from rgaa_audit.checks.coverage import AxeRule, axe_catalogue

DOCS = Path(__file__).resolve().parents[2] / "docs"
DOC_FILES = {"fr": DOCS / "axe-rules.md", "en": DOCS / "axe-rules.en.md"}


def _cell(text: str) -> str:
    """A table cell: pipes escaped, tags shown as text, one line."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("|", "\\|").replace("\n", " "))


def _row(rule: AxeRule, words: dict[str, str], lang: str) -> str:
    tests = ", ".join(rule.tests)
    if rule.experimental:
        return f"| `{rule.id}` | {tests} | – | {words['experimental']} | – |"
    review = review_of(rule.id)
    verdict = words.get(f"verdict.{review.review}", "?")
    decides = words[f"decision.{review.decides}"]
    reason = i18n.text(review.reason_key, lang) if i18n.has(review.reason_key, lang) else "?"
    if review.decides == "nc" and i18n.has(review.kept_key, lang):
        reason += f" {words['kept_prefix']}{i18n.text(review.kept_key, lang)}"
    return f"| `{rule.id}` | {tests} | {verdict} | {decides} | {_cell(reason)} |"


def axe_rules_markdown(lang: str, rules: Iterable[AxeRule] | None = None) -> str:
    """The whole table in one language."""
    words = i18n.table("axe-review", lang)
    rules = sorted(axe_catalogue() if rules is None else rules,
                   key=lambda r: (tuple(int(p) for p in r.tests[0].split(".")), r.id))
    run = [r for r in rules if not r.experimental]
    counts = {d: sum(1 for r in run if review_of(r.id).decides == d)
              for d in ("nc", "advisory", "ignore")}
    lines = [f"# {words['doc_title']}", "", words["doc_intro"], "", words["doc_legend"], "",
             words["doc_summary"].format(rules=len(run), experimental=len(rules) - len(run),
                                         **counts), "",
             f"| {words['col_rule']} | {words['col_tests']} | {words['col_review']} "
             f"| {words['col_decides']} | {words['col_reason']} |",
             "| --- | --- | --- | --- | --- |"]
    lines.extend(_row(rule, words, lang) for rule in rules)
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Rewrite docs/axe-rules.md and docs/axe-rules.en.md, or print one with `--print LANG`."""
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["--print"]:
        sys.stdout.write(axe_rules_markdown(args[1] if len(args) > 1 else "fr"))
        return 0
    for lang, path in DOC_FILES.items():
        path.write_text(axe_rules_markdown(lang), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
