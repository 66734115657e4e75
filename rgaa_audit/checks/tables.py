"""Own checks for tables (RGAA theme 5): layout tables stay neutral, data tables declare
their headers, titles and summaries.

Whether a table holds data or only lays content out is a human judgement. The checks
trust only explicit signals: role="presentation"/"none" marks a layout table; <th>,
<caption>, <thead>, <tfoot>, summary, scope, headers or header roles mark a data table.
A table with neither is listed for a human: it is either a layout table without
role="presentation" or a data table whose headers are not declared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from lxml.html import HtmlElement

from rgaa_audit.checks.commons.emphasis import all_bold as _all_bold
from rgaa_audit.checks.commons.names import labelledby_text, role_of
from rgaa_audit.checks.commons.visibility import out_of_scope
from rgaa_audit.checks.page import PageDocument, normalise_space
from rgaa_audit.checks.registry import CheckContext, check

_LAYOUT_ROLES = {"presentation", "none"}
_HEADER_ROLES = {"columnheader", "rowheader"}
_SECTIONS = ("thead", "tbody", "tfoot")
GENERIC_TABLE_TITLES = frozenset({"tableau", "table", "tableau 1", "table 1", "caption",
                                  "titre", "title", "sans titre", "untitled", "données",
                                  "data"})


@dataclass
class Table:
    """One <table> laid out as a grid of cells (row and column spans resolved)."""

    element: HtmlElement
    rows: list[tuple[HtmlElement, str]] = field(default_factory=list)  # (tr, section)
    # cell element -> (first row, first column)
    positions: dict[HtmlElement, tuple[int, int]] = field(default_factory=dict)
    width: int = 0

    @property
    def layout(self) -> bool:
        return role_of(self.element) in _LAYOUT_ROLES

    @cached_property
    def cells(self) -> list[HtmlElement]:
        return list(self.positions)

    @cached_property
    def headers(self) -> list[HtmlElement]:
        return [c for c in self.cells if is_header(c)]

    def caption(self) -> HtmlElement | None:
        for child in self.element:
            if child.tag == "caption":
                return child
        return None

    def data_signals(self) -> list[str]:
        """The data-table features the table uses (empty for a plain grid of td)."""
        signals = []
        if any(c.tag == "th" for c in self.cells):
            signals.append("<th>")
        if any(role_of(c) in _HEADER_ROLES for c in self.cells):
            signals.append('role="columnheader|rowheader"')
        if self.caption() is not None:
            signals.append("<caption>")
        for section in ("thead", "tfoot"):
            if any(child.tag == section for child in self.element):
                signals.append(f"<{section}>")
        if normalise_space(self.element.get("summary")):
            signals.append("summary")
        for attribute in ("scope", "headers", "axis"):
            if any(c.get(attribute) is not None for c in self.cells):
                signals.append(attribute)
        return signals

    def header_rows(self) -> set[int]:
        """Rows made of header cells only: at least two of them, or one spanning columns."""
        rows: dict[int, list[HtmlElement]] = {}
        for cell, (row, _col) in self.positions.items():
            rows.setdefault(row, []).append(cell)
        found = set()
        for row, cells in rows.items():
            filled = [c for c in cells if _cell_text(c)]
            if not filled or not all(is_header(c) for c in filled):
                continue
            if len(filled) >= 2 or self.width == 1 or _span(filled[0], "colspan") > 1:
                found.add(row)
        return found

    def complex_headers(self) -> list[HtmlElement]:
        """Header cells that make the table complex: a second header row, or a header
        inside the body that is not in the first column."""
        header_rows = self.header_rows()
        first_header_row = min(header_rows) if header_rows else None
        found = []
        for cell in self.headers:
            if not _cell_text(cell):
                continue
            row, col = self.positions[cell]
            second_header_row = row in header_rows and row != first_header_row
            inner_header = row not in header_rows and row > 0 and col > 0
            if second_header_row or inner_header:
                found.append(cell)
        return found

    @cached_property
    def grid_rows(self) -> list[list[HtmlElement]]:
        """The cells of each row, in column order (read by several look tests: once)."""
        rows: list[list[HtmlElement]] = [[] for _ in self.rows]
        for cell, (row, _col) in sorted(self.positions.items(), key=lambda p: p[1]):
            rows[row].append(cell)
        return rows

    @cached_property
    def styled_header_row(self) -> list[HtmlElement]:
        """The cells of a first row drawn as column headers without being ones: every filled
        cell short and bold, while every later row shows plain (not bold) data."""
        rows = self.grid_rows
        if self.headers or len(rows) < 2 or self.width < 2:
            return []
        first = [c for c in rows[0] if _cell_text(c)]
        if len(first) < 2 or not all(_all_bold(c) and len(_cell_text(c)) <= MAX_HEADER_TEXT
                                     for c in first):
            return []
        data = [[c for c in row if _cell_text(c)] for row in rows[1:]]
        if not all(filled and any(not _all_bold(c) for c in filled) for filled in data):
            return []
        return first

    def styled_header_column(self) -> list[HtmlElement]:
        """The first-column cells drawn as row headers without being ones (bold and short,
        the rest of each row plain), on at least two rows below any header row."""
        if self.width < 2:
            return []
        rows = self.grid_rows
        skipped = self.header_rows() | ({0} if self.styled_header_row else set())
        found = []
        for index, row in enumerate(rows):
            filled = [c for c in row if _cell_text(c)]
            if index in skipped or not filled:
                continue
            lead = row[0] if row and self.positions[row[0]][1] == 0 else None
            if index == 0 and (lead is None or not _cell_text(lead)):
                continue  # the empty corner above the row headers
            rest = [c for c in filled if c is not lead and not is_header(c)]
            if (lead is None or is_header(lead) or not _cell_text(lead) or not _all_bold(lead)
                    or len(_cell_text(lead)) > MAX_HEADER_TEXT or not rest
                    or any(_all_bold(c) for c in rest)):
                return []
            found.append(lead)
        return found if len(found) >= 2 else []

    def plain_grid(self) -> bool:
        """Short texts in every cell and no block content: a grid of data, not a layout."""
        return not self.element.xpath(".//*[self::p or self::div or self::ul or self::ol or "
                                      "self::table or self::img or self::form or self::h1 or "
                                      "self::h2 or self::h3 or self::h4 or self::h5 or self::h6]"
                                      ) and all(len(_cell_text(c)) <= MAX_PLAIN_CELL
                                                for c in self.cells)

    def data_row_count(self) -> int:
        return sum(1 for row in self.grid_rows[1:] if any(_cell_text(c) for c in row))


def is_header(cell: HtmlElement) -> bool:
    return cell.tag == "th" or role_of(cell) in _HEADER_ROLES


def _span(cell: HtmlElement, attribute: str) -> int:
    try:
        return max(1, min(int((cell.get(attribute) or "1").strip()), 1000))
    except ValueError:
        return 1


def _cell_text(cell: HtmlElement) -> str:
    return normalise_space(cell.text_content())


MAX_HEADER_TEXT = 60
MAX_PLAIN_CELL = 100


def _own_rows(table: HtmlElement) -> list[tuple[HtmlElement, str]]:
    rows = []
    for child in table:
        if child.tag == "tr":
            rows.append((child, "tbody"))
        elif child.tag in _SECTIONS:
            rows.extend((tr, child.tag) for tr in child if tr.tag == "tr")
    order = {"thead": 0, "tbody": 1, "tfoot": 2}
    return sorted(rows, key=lambda pair: order[pair[1]])


def build_table(element: HtmlElement) -> Table:
    """Resolve row and column spans into grid positions."""
    table = Table(element, _own_rows(element))
    taken: set[tuple[int, int]] = set()
    for r, (tr, _section) in enumerate(table.rows):
        col = 0
        for cell in tr:
            if cell.tag not in ("td", "th"):
                continue
            while (r, col) in taken:
                col += 1
            table.positions[cell] = (r, col)
            colspan, rowspan = _span(cell, "colspan"), _span(cell, "rowspan")
            for dr in range(min(rowspan, len(table.rows) - r)):
                for dc in range(colspan):
                    taken.add((r + dr, col + dc))
            col += colspan
        table.width = max(table.width, col)
    return table


def find_tables(doc: PageDocument) -> list[Table]:
    """Every rendered <table> of the page, once per page."""
    return doc.memo("tables", lambda: [build_table(el) for el in doc.root.iter("table")
                                       if not out_of_scope(el)])


_ARIA_TABLE_ROLES = ("table", "grid", "treegrid")
_ARIA_CELL_ROLES = ("cell", "gridcell", "columnheader", "rowheader")


def find_aria_tables(doc: PageDocument) -> list[HtmlElement]:
    """Rendered elements other than <table> with role table, grid or treegrid: data tables
    too for the RGAA, whose structure lives in roles."""
    return doc.memo("aria-tables", lambda: [
        el for el in doc.select("//body//*[@role]")
        if el.tag != "table" and role_of(el) in _ARIA_TABLE_ROLES and not out_of_scope(el)])


def _aria_rows(table: HtmlElement) -> list[list[HtmlElement]]:
    """The cells of each role=row of an ARIA table (nested tables left out)."""
    rows = []
    for row in table.iterdescendants():
        if not isinstance(row.tag, str) or role_of(row) != "row":
            continue
        owner = next((a for a in row.iterancestors() if role_of(a) in _ARIA_TABLE_ROLES), None)
        if owner is table:
            rows.append([c for c in row.iterdescendants() if isinstance(c.tag, str)
                         and role_of(c) in _ARIA_CELL_ROLES])
    return rows


def _short(text: str, limit: int = 80) -> str:
    text = normalise_space(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- 5.3, 5.8: layout tables -------------------------------------------------------------

@check("layout-table-neutral")
def layout_table_neutral(doc: PageDocument, ctx: CheckContext) -> None:
    """5.8.1: a table marked as layout uses no data-table feature; 5.3.1: it reads well
    once linearised (a human judges), and an unmarked table without headers is listed."""
    tables = find_tables(doc)
    if not tables:
        ctx.inapplicable("5.3.1")
        ctx.inapplicable("5.8.1")
        return
    all_clean_layout = True
    for table in tables:
        signals = table.data_signals()
        if table.layout:
            if signals:
                ctx.fail("5.8.1", table.element, "layout-with-data-features",
                         features=", ".join(signals))
                all_clean_layout = False
            ctx.verify("5.3.1", table.element, "linearised")
        else:
            all_clean_layout = False
            if signals:
                continue
            evidence = _layout_evidence(table)
            if evidence:
                ctx.fail("5.3.1", table.element, f"layout-without-role-{evidence}")
            else:
                ctx.verify("5.3.1", table.element, "unmarked-table")
    if all_clean_layout:
        ctx.passed("5.8.1")


_FIELDS = ("input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset])"
           ":not([type=image]), select, textarea")
MAX_FORM_LAYOUT_WIDTH = 3


def _layout_evidence(table: Table) -> str | None:
    """Why a table without any data-table feature is certainly a layout table: it only
    frames other tables, it is one single cell, or it lines up a form's labels and fields
    (two or more rows of at most three cells, each holding a field)."""
    el = table.element
    if any(inner is not el for inner in el.iterdescendants("table")):
        return "nested"
    if len(table.rows) == 1 and table.width == 1:
        return "single-cell"
    if table.width <= MAX_FORM_LAYOUT_WIDTH:
        field_rows = [tr for tr, _section in table.rows if tr.cssselect(_FIELDS)]
        labelled = [tr for tr in field_rows if tr.cssselect("label") or any(
            _cell_text(c) for c in tr if c.tag in ("td", "th") and not c.cssselect(_FIELDS))]
        if len(field_rows) >= 2 and len(labelled) == len(field_rows):
            return "form"
    return None


# --- 5.6, 5.7: headers ----------------------------------------------------------------------

@check("data-table-headers")
def data_table_headers(doc: PageDocument, ctx: CheckContext) -> None:
    """5.6.x and 5.7.x: header cells are <th> (or header roles) and are tied to their cells
    with scope, id/headers or roles as the table's shape requires."""
    tables = [t for t in find_tables(doc) if not t.layout]
    aria_tables = find_aria_tables(doc)
    for aria_table in aria_tables:
        _aria_headers(ctx, aria_table)
    if not tables:
        # 5.7.2 to 5.7.4 are about <th>/<td> attributes, which an ARIA table has none of.
        for test in ("5.7.2", "5.7.3", "5.7.4"):
            ctx.inapplicable(test)
        if not aria_tables:
            for test in ("5.6.1", "5.6.2", "5.6.3", "5.6.4", "5.7.1", "5.7.5"):
                ctx.inapplicable(test)
        return
    has_header_roles = False
    has_headers_attr = False
    scoped = False
    for table in tables:
        signals = table.data_signals()
        has_header_roles |= any(role_of(c) in _HEADER_ROLES for c in table.cells)
        has_headers_attr |= any(c.get("headers") for c in table.cells)
        scoped |= any(c.tag == "th" and c.get("scope") is not None for c in table.cells)
        styled = _styled_headers(ctx, table, signals)
        if not signals:
            ctx.verify("5.6.1", table.element, "no-declared-headers")
            continue
        if styled and not table.headers:
            continue
        _undeclared_headers(ctx, table)
        _scope_and_ids(doc, ctx, table)
    if not any(c.tag == "th" and _cell_text(c) for t in tables for c in t.cells):
        if not aria_tables:
            ctx.inapplicable("5.7.1")
            ctx.inapplicable("5.7.3")
    elif not ctx_failed(ctx, "5.7.1"):
        ctx.passed("5.7.1")
    if not has_header_roles and not aria_tables:
        ctx.inapplicable("5.7.5")
    if not has_headers_attr and not any(c.get("id") for t in tables for c in t.headers):
        ctx.inapplicable("5.7.4")
    if not scoped:
        ctx.inapplicable("5.7.2")


MIN_PLAIN_DATA_ROWS = 2


def _styled_headers(ctx: CheckContext, table: Table, signals: list[str]) -> bool:
    """5.6.1 and 5.6.2: header cells drawn in bold <td> instead of <th>. A failure when the
    table is a data table for sure (it declares a data-table feature, or at least two rows
    of plain data lie under a bold first row); else an item to verify."""
    reported = False
    row = table.styled_header_row
    if row:
        certain = bool(signals) or (table.data_row_count() >= MIN_PLAIN_DATA_ROWS
                                    and table.plain_grid())
        for cell in row:
            text = _short(_cell_text(cell))
            if certain:
                ctx.fail("5.6.1", cell, "bold-td-header", text=text)
            else:
                ctx.verify("5.6.1", cell, "bold-td-header-check", text=text)
        reported = True
    column = table.styled_header_column()
    if column:
        for cell in column:
            text = _short(_cell_text(cell))
            if signals:
                ctx.fail("5.6.2", cell, "bold-td-row-header", text=text)
            else:
                ctx.verify("5.6.2", cell, "bold-td-row-header-check", text=text)
        reported = True
    return reported


def _aria_headers(ctx: CheckContext, table: HtmlElement) -> None:
    """ARIA tables: a header cell with no cell under (or beside) it, or headers to check."""
    rows = _aria_rows(table)
    headers = [(r, c, cell) for r, row in enumerate(rows) for c, cell in enumerate(row)
               if role_of(cell) in _HEADER_ROLES]
    if not headers:
        ctx.verify("5.6.1", table, "aria-table-without-headers")
        return
    lonely = 0
    for r, c, cell in headers:
        if role_of(cell) == "columnheader":
            served = any(len(row) > c and role_of(row[c]) not in _HEADER_ROLES
                         for row in rows[r + 1:])
        else:
            served = any(role_of(other) not in _HEADER_ROLES for other in rows[r][c + 1:])
        if not served and _cell_text(cell) and lonely < 10:
            ctx.verify("5.7.5", cell, "aria-header-without-cells", text=_short(_cell_text(cell)))
            lonely += 1
    if not lonely:
        ctx.verify("5.7.5", table, "aria-table-headers")


def ctx_failed(ctx: CheckContext, test: str) -> bool:
    """True when this check already reported a failure on the test."""
    return any(r.test == test and r.outcome.value == "failed" for r in ctx.results())


def _undeclared_headers(ctx: CheckContext, table: Table) -> None:
    for tr, section in table.rows:
        if section != "thead":
            continue
        for cell in tr:
            if cell.tag == "td" and role_of(cell) not in _HEADER_ROLES and _cell_text(cell):
                ctx.fail("5.6.1", cell, "td-in-thead", text=_short(_cell_text(cell)))
    if not table.headers:
        ctx.verify("5.6.1", table.element, "data-table-without-headers")


def _scope_and_ids(doc: PageDocument, ctx: CheckContext, table: Table) -> None:
    header_rows = table.header_rows()
    header_cols = {table.positions[c][1] for c in table.headers
                   if table.positions[c][0] not in header_rows}
    two_way = bool(header_rows) and bool(header_cols)
    complex_table = bool(table.complex_headers())
    ids = {c.get("id"): c for c in table.cells if c.get("id")}
    for cell in table.headers:
        if cell.tag != "th" or not _cell_text(cell):
            continue
        scope = (cell.get("scope") or "").strip().lower()
        if (two_way or complex_table) and not (scope or cell.get("id")
                                                or role_of(cell) in _HEADER_ROLES):
            ctx.fail("5.7.1", cell, "th-unbound", text=_short(_cell_text(cell)))
        if cell.get("scope") is None:
            continue
        if scope not in ("row", "col", "rowgroup", "colgroup"):
            ctx.fail("5.7.2", cell, "scope-invalid", value=_short(cell.get("scope") or ""))
        elif scope in ("rowgroup", "colgroup"):
            ctx.verify("5.7.3", cell, "scope-group", value=scope)
        elif _scope_contradicts(table, cell, scope, header_rows):
            ctx.fail("5.7.2", cell, "scope-wrong-way", value=scope)
    for cell in table.cells:
        refs = (cell.get("headers") or "").split()
        missing = [r for r in refs if r not in ids]
        if missing:
            ctx.fail("5.7.4", cell, "headers-missing-id", ids=_short(" ".join(missing)))
        elif any(not is_header(ids[r]) for r in refs):
            ctx.verify("5.7.4", cell, "headers-points-to-td")


def _scope_contradicts(table: Table, cell: HtmlElement, scope: str,
                       header_rows: set[int]) -> bool:
    """scope="row" inside a header row (not its first cell), or scope="col" on a cell
    that starts a row of data."""
    row, col = table.positions[cell]
    if scope == "row":
        return row in header_rows and col > 0 and len(table.rows) > 1
    return scope == "col" and row not in header_rows and _row_has_data(cell)


def _row_has_data(cell: HtmlElement) -> bool:
    tr = cell.getparent()
    return tr is not None and any(c.tag == "td" and _cell_text(c) for c in tr)


# --- 5.1, 5.2: summaries of complex tables --------------------------------------------------

@check("complex-table-summary")
def complex_table_summary(doc: PageDocument, ctx: CheckContext) -> None:
    """5.1.1: a complex data table (headers beyond the first row and column) has a summary;
    5.2.1: a human judges that summary."""
    tables = [t for t in find_tables(doc) if not t.layout]
    unknown = False
    complex_found = False
    for table in tables:
        if not table.data_signals():
            unknown = True  # undeclared headers: complexity cannot be read from markup
            continue
        if not table.complex_headers():
            continue
        complex_found = True
        summary = _summary(doc, table)
        if summary:
            ctx.verify("5.2.1", table.element, "summary-relevant", text=_short(summary))
        else:
            ctx.fail("5.1.1", table.element, "complex-without-summary")
    if not complex_found and not unknown and not find_aria_tables(doc):
        ctx.inapplicable("5.1.1")
        ctx.inapplicable("5.2.1")


def _summary(doc: PageDocument, table: Table) -> str:
    caption = table.caption()
    parts = [normalise_space(table.element.get("summary")),
             _cell_text(caption) if caption is not None else ""]
    for ref in (table.element.get("aria-describedby") or "").split():
        target = doc.by_id(ref)
        if target is not None:
            parts.append(doc.text(target))
    return normalise_space(" ".join(p for p in parts if p))


# --- 5.4, 5.5: titles of data tables --------------------------------------------------------

@check("data-table-title")
def data_table_title(doc: PageDocument, ctx: CheckContext) -> None:
    """5.4.1: a data table's title is tied to it (caption, title, aria-label(ledby));
    5.5.1: generic titles fail, others go to a human."""
    tables = [t for t in find_tables(doc) if not t.layout]
    aria_tables = find_aria_tables(doc)
    for aria_table in aria_tables:
        title = labelledby_text(doc, aria_table) or normalise_space(aria_table.get("aria-label"))
        if title:
            ctx.verify("5.5.1", aria_table, "title-relevant", text=_short(title))
    if not tables:
        if not aria_tables:
            ctx.inapplicable("5.4.1")
            ctx.inapplicable("5.5.1")
        return
    all_titled = True
    for table in tables:
        el = table.element
        if el.get("aria-labelledby") and not labelledby_text(doc, el):
            ctx.fail("5.4.1", el, "labelledby-broken")
            all_titled = False
            continue
        title = _title(doc, table)
        if title:
            if _comparable(title) in GENERIC_TABLE_TITLES:
                ctx.fail("5.5.1", el, "generic-title", text=_short(title))
            else:
                ctx.verify("5.5.1", el, "title-relevant", text=_short(title))
            continue
        all_titled = False
        numbered = _numbered_title_near(el)
        if numbered is not None:
            ctx.fail("5.4.1", numbered, "untied-numbered-title",
                     text=_short(normalise_space(numbered.text_content())))
            continue
        fake = _fake_caption(table)
        if fake is not None and (fake.tag == "th" or not table.data_signals()):
            ctx.verify("5.4.1", fake, "fake-caption", text=_short(_cell_text(fake)))
        elif fake is not None:
            ctx.fail("5.4.1", fake, "fake-caption", text=_short(_cell_text(fake)))
        elif table.data_signals():
            heading = _heading_before(el)
            if heading is not None:
                ctx.verify("5.4.1", el, "nearby-title", text=_short(doc.text(heading)))
    if all_titled:
        ctx.passed("5.4.1")


def _title(doc: PageDocument, table: Table) -> str:
    el = table.element
    caption = table.caption()
    return (labelledby_text(doc, el) or normalise_space(el.get("aria-label"))
            or (_cell_text(caption) if caption is not None else "")
            or normalise_space(el.get("title")))


def _fake_caption(table: Table) -> HtmlElement | None:
    """A first row made of one cell spanning every column acts as an untied title."""
    if not table.rows or table.width < 2 or len(table.rows) < 2:
        return None
    tr, _section = table.rows[0]
    cells = [c for c in tr if c.tag in ("td", "th")]
    if len(cells) == 1 and _span(cells[0], "colspan") >= table.width and _cell_text(cells[0]):
        return cells[0]
    return None


_NUMBERED_TITLE = re.compile(r"^(tableau|table|tabl\.)\s*(n°\s*|no\.?\s*)?\d+[a-z]?\s*"
                             r"[:.–—-]\s*\S", re.IGNORECASE)
_TITLE_TAGS = frozenset({"p", "div", "span", "strong", "b", "em", "figcaption",
                         "h1", "h2", "h3", "h4", "h5", "h6"})
MAX_TITLE_TEXT = 200


def _element_sibling(el: HtmlElement, forward: bool) -> HtmlElement | None:
    sibling = el.getnext() if forward else el.getprevious()
    while sibling is not None and not isinstance(sibling.tag, str):
        sibling = sibling.getnext() if forward else sibling.getprevious()
    return sibling


def _numbered_title_near(el: HtmlElement) -> HtmlElement | None:
    """A passage reading "Tableau 2 : …" (or "Table 2. …") right before or after the table
    (or the wrapper holding only it): a title the table is not tied to."""
    node: HtmlElement | None = el
    for _level in range(3):
        if node is None:
            break
        for forward in (False, True):
            sibling = _element_sibling(node, forward)
            if sibling is not None and sibling.tag in _TITLE_TAGS:
                text = normalise_space(sibling.text_content())
                if len(text) <= MAX_TITLE_TEXT and _NUMBERED_TITLE.match(text):
                    return sibling
        parent = node.getparent()
        if parent is None or parent.tag in ("body", "html") or (len(
                [c for c in parent if isinstance(c.tag, str)]) != 1 and parent.tag != "figure"):
            break
        node = parent
    return None


def _heading_before(el: HtmlElement) -> HtmlElement | None:
    previous = el.getprevious()
    while previous is not None and not isinstance(previous.tag, str):
        previous = previous.getprevious()
    if previous is not None and re.fullmatch(r"h[1-6]|caption|p", previous.tag or ""):
        return previous
    return None


def _comparable(text: str) -> str:
    return normalise_space(re.sub(r"[^\w\s]", " ", text.casefold()))
