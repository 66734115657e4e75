"""A tiny document model both statement renderers share: sections of paragraphs and lists made
of plain text, links and emphasis. Text is kept raw here; each renderer escapes it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Text:
    text: str
    lang: str = ""  # set when the span is in another language than the document


@dataclass(frozen=True)
class Strong:
    text: str


@dataclass(frozen=True)
class Link:
    text: str
    href: str


Inline = Text | Strong | Link


@dataclass(frozen=True)
class Para:
    parts: tuple[Inline, ...]
    kind: str = ""  # "" | "notice" (draft / incomplete / translation banner) | "address"


@dataclass(frozen=True)
class Items:
    items: tuple[tuple[Inline, ...], ...]


Block = Para | Items


@dataclass(frozen=True)
class Heading:
    """A section heading: the text in the document's language and, in a translation, the
    official French heading shown alongside."""

    text: str
    french: str = ""


@dataclass(frozen=True)
class Section:
    id: str
    level: int
    heading: Heading
    blocks: tuple[Block, ...] = ()


@dataclass(frozen=True)
class Document:
    lang: str
    title: str
    banners: tuple[Para, ...]
    sections: tuple[Section, ...]
    footer: tuple[Para, ...] = field(default_factory=tuple)
    draft: bool = False


def para(*parts: Inline | str, kind: str = "") -> Para:
    return Para(tuple(Text(p) if isinstance(p, str) else p for p in parts), kind)


def items(*rows: tuple[Inline | str, ...] | Inline | str) -> Items:
    out = []
    for row in rows:
        row = row if isinstance(row, tuple) else (row,)
        out.append(tuple(Text(p) if isinstance(p, str) else p for p in row))
    return Items(tuple(out))
