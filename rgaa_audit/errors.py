"""Errors that say themselves in the language asked: a text key and its parameters.

A stage that refuses bad input raises a `LocalisedError` (or a subclass) instead of building a
French sentence; `str()` gives the French text, `text(lang)` the one the user asked for, so the
command line can print it in its own language.
"""

from __future__ import annotations

from typing import Any

from rgaa_audit import i18n


class LocalisedError(Exception):
    """An error whose message is `key` of reports/i18n/*.toml filled with `params`."""

    def __init__(self, key: str, /, **params: Any) -> None:
        self.key, self.params = key, params
        super().__init__(self.text())

    def text(self, lang: str = i18n.DEFAULT_LANGUAGE) -> str:
        """The message in `lang` (French when not given); a parameter that is itself a
        LocalisedError (the cause) is said in `lang` too."""
        params = {name: value.text(lang) if isinstance(value, LocalisedError) else value
                  for name, value in self.params.items()}
        return i18n.text(self.key, lang, **params)
