"""How the command line fails: one line on stderr, exit code 2, never a traceback.

Exit codes: 0 done; 1 done but a gate failed; 2 bad usage or fatal error.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlsplit

import click

from rgaa_audit.capture.browser import BrowserNotFound

EXIT_OK, EXIT_GATE, EXIT_FATAL = 0, 1, 2


class FatalError(click.ClickException):
    """A one-line error that ends the command with exit code 2."""

    exit_code = EXIT_FATAL

    def show(self, file: Any = None) -> None:
        click.echo(f"rgaa-audit : erreur : {self.format_message()}", err=True)


def fatal_on_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn expected failures into one-line errors, exit 2, never a traceback."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrowserNotFound as error:
            raise FatalError(str(error)) from None
        except KeyboardInterrupt:
            raise FatalError("interrompu ; les pages déjà auditées sont dans pages.jsonl") from None
        except (OSError, ValueError) as error:
            raise FatalError(str(error).splitlines()[0] if str(error) else repr(error)) from None

    return wrapper


def check_url(url: str) -> str:
    """`url` if it is an http(s) address with a host, else a FatalError."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FatalError(f"URL invalide : {url!r} (attendu : http://… ou https://…)")
    return url
