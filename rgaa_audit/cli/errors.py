"""How the command line fails: one line on stderr, exit code 2, never a traceback.

Exit codes: 0 done; 1 done but a gate failed; 2 bad usage or fatal error. The line is said in
the command's language (`cli/language.py`) when it is printed, whichever stage refused.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlsplit

import click

from rgaa_audit import i18n
from rgaa_audit.cli.language import language, say
from rgaa_audit.errors import LocalisedError

EXIT_OK, EXIT_GATE, EXIT_FATAL = 0, 1, 2


class FatalError(click.ClickException):
    """A one-line error that ends the command with exit code 2.

    Built from a `[cli]` text key and its parameters, from a `LocalisedError` of any stage, or
    (for the rest, such as the system's own errors) from a message as it is.
    """

    exit_code = EXIT_FATAL

    def __init__(self, message: str = "", /, *, key: str = "",
                 cause: LocalisedError | None = None, **params: Any) -> None:
        self.key, self.cause, self.params = key, cause, params
        super().__init__(message or self.text(i18n.DEFAULT_LANGUAGE))

    def text(self, lang: str) -> str:
        if self.cause is not None:
            return self.cause.text(lang)
        if self.key:
            return i18n.text(f"cli.{self.key}", lang, **self.params)
        return self.message

    def show(self, file: Any = None) -> None:
        click.echo(say("error", message=self.text(language())), err=True)


def fatal_on_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn expected failures into one-line errors, exit 2, never a traceback."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except LocalisedError as error:
            raise FatalError(cause=error) from None
        except KeyboardInterrupt:
            raise FatalError(key="interrupted") from None
        except (OSError, ValueError) as error:
            said = getattr(error, "text", None)  # errors that speak both languages
            text = said(language()) if callable(said) else str(error)
            raise FatalError(text.splitlines()[0] if text else repr(error)) from None

    return wrapper


def check_url(url: str) -> str:
    """`url` if it is an http(s) address with a host, else a FatalError."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FatalError(key="bad_url", url=repr(url))
    return url
