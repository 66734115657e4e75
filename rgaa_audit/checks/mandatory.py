"""Own checks for the mandatory elements of a page (RGAA theme 8): doctype, language, title."""

from __future__ import annotations

from rgaa_audit.checks.page import PageDocument, normalise_space
from rgaa_audit.checks.registry import CheckContext, check


@check("doctype-present")
def doctype_present(doc: PageDocument, ctx: CheckContext) -> None:
    """8.1.1: the page declares a document type."""
    if doc.snapshot.doctype:
        ctx.passed("8.1.1")
    else:
        ctx.fail("8.1.1", doc.root, "missing")


@check("lang-present")
def lang_present(doc: PageDocument, ctx: CheckContext) -> None:
    """8.3.1: the default language is given on <html> (or on every element with text)."""
    if normalise_space(doc.root.get("lang") or doc.root.get("xml:lang")):
        ctx.passed("8.3.1")
        return
    body = doc.root.find("body")
    if body is None or not doc.text(body):
        ctx.fail("8.3.1", doc.root, "missing")
        return
    # No lang on <html>: acceptable only if every child of <body> with text carries one.
    unlabelled = [child for child in body if isinstance(child.tag, str)
                  and doc.text(child) and not normalise_space(child.get("lang"))]
    if unlabelled:
        ctx.fail("8.3.1", doc.root, "missing")
    else:
        ctx.passed("8.3.1")


@check("title-present")
def title_present(doc: PageDocument, ctx: CheckContext) -> None:
    """8.5.1: the page has a non-empty <title>."""
    title = doc.root.find(".//head/title")
    if title is None:
        title = doc.root.find(".//title")
    if title is not None and normalise_space(title.text_content()):
        ctx.passed("8.5.1")
    else:
        ctx.fail("8.5.1", title if title is not None else doc.root, "missing")
