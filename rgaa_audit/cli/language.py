"""The language the command line speaks during one command, and its texts.

Each command sets it first from `--lang`, then from the configuration's `lang` once that is
read, so even an error in the configuration file is said in the language asked on the command
line. French until told otherwise. `say(key)` is the `[cli]` text `key` in that language.
"""

from __future__ import annotations

from typing import Any

from rgaa_audit import i18n

_current = [i18n.DEFAULT_LANGUAGE]


def set_language(lang: str | None) -> str:
    """Speak `lang` from now on (French for None or a language rgaa-audit does not speak)."""
    _current[0] = i18n.language(lang)
    return _current[0]


def language() -> str:
    """The language of the running command."""
    return _current[0]


def say(key: str, /, **params: Any) -> str:
    """The `[cli]` text `key`, filled with `params`, in the running command's language."""
    return i18n.text(f"cli.{key}", _current[0], **params)
