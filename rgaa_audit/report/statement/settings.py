"""The `[statement]` block of rgaa-audit.toml: what only the organisation can say.

Types are checked when the configuration is read (any command); the mandatory fields are
required when a statement is written (`require`), so an audit runs with a half-filled block.
A wrong value raises `StatementSettingsError(field, problem)`: `problem` is a key of the
`[config]` texts (`missing_key`, `text_expected`…, or `statement.*` for this block's own), and
the configuration reader turns it into its one-line `FILE : statement.FIELD : problem`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from rgaa_audit.errors import LocalisedError

TEXT_MAX = 2_000
LIST_MAX = 50
MANDATORY = ("entity", "site_name", "site_url", "auditor", "schema_url", "action_plan_url")
_TEXTS = ("entity", "services", "site_name", "site_url", "auditor", "schema_url",
          "action_plan_url", "contact_email", "contact_form_url", "contact_page_url",
          "report_url", "grid_url", "previous_results_url")
_URLS = ("site_url", "schema_url", "action_plan_url", "contact_form_url", "contact_page_url",
         "report_url", "grid_url", "previous_results_url")
_LISTS = ("technologies", "tools", "test_environments", "non_compliance")
_DATES = ("established_on", "updated_on")
_FLAGS = ("average_rate", "arcom")
EXEMPT_KEYS = ("content", "reason", "alternative")
KEYS = frozenset({*_TEXTS, *_LISTS, *_DATES, *_FLAGS, "exempt"})
INTERNAL = frozenset({"interne", "en interne", "internal", "in-house"})


class StatementSettingsError(LocalisedError, ValueError):
    """A wrong `[statement]` value: the field (`statement.<field>`) and the problem."""

    def __init__(self, field: str, problem: str, /, **params: Any) -> None:
        self.field, self.problem = field, problem
        super().__init__(f"config.{problem}", **params)


@dataclass(frozen=True)
class Exempt:
    """Content outside the law's scope (contenu non soumis), why, and its alternative."""

    content: str
    reason: str = ""
    alternative: str = ""


@dataclass(frozen=True)
class StatementSettings:
    """The organisation's part of the statement (empty = not given)."""

    entity: str = ""
    services: str = ""
    site_name: str = ""
    site_url: str = ""
    auditor: str = ""
    schema_url: str = ""
    action_plan_url: str = ""
    previous_results_url: str = ""
    contact_email: str = ""
    contact_form_url: str = ""
    contact_page_url: str = ""
    report_url: str = ""
    grid_url: str = ""
    established_on: dt.date | None = None
    updated_on: dt.date | None = None
    technologies: tuple[str, ...] = ()
    tools: tuple[str, ...] = ()
    test_environments: tuple[str, ...] = ()
    non_compliance: tuple[str, ...] = ()
    exempt: tuple[Exempt, ...] = ()
    average_rate: bool = False
    arcom: bool = False

    @property
    def internal_audit(self) -> bool:
        return self.auditor.strip().lower() in INTERNAL

    def require(self) -> StatementSettings:
        """Itself when every mandatory field is there, else the error naming the first missing."""
        for name in MANDATORY:
            if not getattr(self, name):
                raise StatementSettingsError(name, "missing_key")
        if not (self.contact_email or self.contact_form_url):
            raise StatementSettingsError("contact_email", "statement.need_contact")
        return self


def _text(name: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise StatementSettingsError(name, "text_expected")
    if len(value) > TEXT_MAX:
        raise StatementSettingsError(name, "statement.too_long", limit=TEXT_MAX)
    return value.strip()


def _url(name: str, value: Any) -> str:
    text = _text(name, value)
    if not text.startswith(("http://", "https://")):
        raise StatementSettingsError(name, "bad_url", value=repr(text[:80]))
    return text


def _list(name: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise StatementSettingsError(name, "list_expected")
    if len(value) > LIST_MAX:
        raise StatementSettingsError(name, "statement.too_many", limit=LIST_MAX)
    return tuple(_text(f"{name}[{i}]", v) for i, v in enumerate(value))


def _date(name: str, value: Any) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise StatementSettingsError(name, "date_expected")
    return value


def _exempt(value: Any) -> tuple[Exempt, ...]:
    if not isinstance(value, list) or len(value) > LIST_MAX:
        raise StatementSettingsError("exempt", "statement.exempt_expected")
    items = []
    for index, item in enumerate(value):
        where = f"exempt[{index}]"
        if not isinstance(item, dict):
            raise StatementSettingsError(where, "item_table_expected")
        unknown = sorted(set(item) - set(EXEMPT_KEYS))
        if unknown:
            raise StatementSettingsError(f"{where}.{unknown[0]}", "unknown_key")
        if "content" not in item:
            raise StatementSettingsError(f"{where}.content", "missing_key")
        items.append(Exempt(**{k: _text(f"{where}.{k}", v) for k, v in item.items()}))
    return tuple(items)


def parse_statement(table: Any) -> StatementSettings:
    """Check the `[statement]` table's keys and types (not yet that the mandatory are there)."""
    if not isinstance(table, dict):
        raise StatementSettingsError("", "table_expected", table="[statement]")
    unknown = sorted(set(table) - KEYS)
    if unknown:
        raise StatementSettingsError(unknown[0], "unknown_key")
    values: dict[str, Any] = {}
    for name, value in table.items():
        if name in _URLS:
            values[name] = _url(name, value)
        elif name in _TEXTS:
            values[name] = _text(name, value)
        elif name in _LISTS:
            values[name] = _list(name, value)
        elif name in _DATES:
            values[name] = _date(name, value)
        elif name in _FLAGS:
            if not isinstance(value, bool):
                raise StatementSettingsError(name, "bad_value", value=repr(value))
            values[name] = value
        else:
            values[name] = _exempt(value)
    if "contact_email" in values and "@" not in values["contact_email"]:
        raise StatementSettingsError("contact_email", "statement.bad_email",
                                     value=repr(values["contact_email"][:80]))
    return StatementSettings(**values)
