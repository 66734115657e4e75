"""The statement in Markdown (for a CMS or a repository): the same sections and words as the
HTML page. Text is escaped so that nothing from the audited site becomes markup; link targets
other than http(s) and mailto are dropped, and the rest have spaces and brackets encoded."""

from __future__ import annotations

from rgaa_audit.report.statement.document import (
    Block,
    Document,
    Inline,
    Items,
    Link,
    Para,
    Strong,
    Text,
)

_ESCAPES = str.maketrans({
    "\\": "\\\\", "`": "\\`", "*": "\\*", "_": "\\_", "[": "\\[", "]": "\\]", "<": "&lt;",
    ">": "&gt;", "&": "&amp;", "#": "\\#", "|": "\\|", "\n": " ", "\r": " ", "\t": " ",
})
_URL_ESCAPES = str.maketrans({" ": "%20", "(": "%28", ")": "%29", "<": "%3C", ">": "%3E"})
_SCHEMES = ("http://", "https://", "mailto:")


def esc(text: str) -> str:
    return text.translate(_ESCAPES)


def _inline(part: Inline) -> str:
    if isinstance(part, Strong):
        return f"**{esc(part.text)}**"
    if isinstance(part, Link):
        if not part.href.startswith(_SCHEMES):
            return esc(part.text)
        return f"[{esc(part.text)}]({part.href.translate(_URL_ESCAPES)})"
    assert isinstance(part, Text)
    return esc(part.text)


def _block(block: Block) -> list[str]:
    if isinstance(block, Items):
        return ["- " + "".join(_inline(p) for p in row) for row in block.items] + [""]
    assert isinstance(block, Para)
    if block.kind == "address":
        return ["  \n".join(_inline(p) for p in block.parts), ""]
    text = "".join(_inline(p) for p in block.parts)
    return [f"> {text}" if block.kind == "notice" else text, ""]


def render_markdown(document: Document) -> str:
    lines = [f"# {esc(document.title)}", ""]
    for banner in document.banners:
        lines += _block(banner)
    for section in document.sections:
        if section.level > 1:
            heading = esc(section.heading.text)
            if section.heading.french and document.lang != "fr":
                heading += f" ({esc(section.heading.french)})"
            lines += ["#" * section.level + " " + heading, ""]
        for block in section.blocks:
            lines += _block(block)
    if document.draft and document.banners:
        lines += ["---", "", *_block(document.banners[0])]
    lines += ["---", ""]
    for block in document.footer:
        lines += _block(block)
    return "\n".join(lines).rstrip() + "\n"
