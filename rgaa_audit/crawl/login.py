"""A recorded login: a short TOML script of steps a tab plays before it audits anything.

    [[step]]
    goto = "/connexion"                       # relative to the audited site, or same origin
    [[step]]
    fill = { selector = "#identifiant", value = "${RGAA_USER}" }
    [[step]]
    fill = { selector = "#mot-de-passe", value = "${RGAA_PASSWORD}" }
    [[step]]
    click = "button[type=submit]"
    [[step]]
    wait_for = "#deconnexion"                 # a selector seen only once logged in
    [[step]]
    press = { selector = "#code", key = "Enter" }   # or press = "Enter" (focused element)

`${NAME}` is replaced by the environment variable NAME when the script is played, so the
credentials never sit in the file. The resolved values are secrets: `LoginScript.secrets`
lists them and `mask` hides them in any message. Steps may only go to the audited origin;
the tab also blocks any navigation that leaves it, so a login form posting elsewhere fails.
"""

from __future__ import annotations

import contextlib
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from rgaa_audit.crawl.urls import same_origin
from rgaa_audit.model import LoginError

ACTIONS = ("goto", "fill", "click", "wait_for", "press")
MAX_STEPS = 50
MAX_SCRIPT_BYTES = 100_000
VARIABLE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
MASK = "***"


@dataclass(frozen=True)
class LoginStep:
    """One action: `target` is a URL (goto) or a selector; `value` the text or key."""

    action: str
    target: str = ""
    value: str = ""

    def describe(self) -> str:
        """The step for a message: never the value (it may be a secret)."""
        return f"{self.action} {self.target[:120]}".strip()


def _step(number: int, table: Any) -> LoginStep:
    where = f"étape {number}"
    if not isinstance(table, dict):
        raise LoginError(f"{where} : table attendue ([[step]])")
    actions = [key for key in table if key in ACTIONS]
    unknown = [key for key in table if key not in ACTIONS]
    if unknown or len(actions) != 1:
        raise LoginError(f"{where} : une seule action parmi {', '.join(ACTIONS)} "
                         f"(reçu : {', '.join(map(str, table))[:200]})")
    action = actions[0]
    raw = table[action]
    if action == "fill":
        if not (isinstance(raw, dict) and isinstance(raw.get("selector"), str)
                and isinstance(raw.get("value"), str)):
            raise LoginError(f"{where} : fill = {{ selector = \"…\", value = \"…\" }} attendu")
        return LoginStep(action, raw["selector"], raw["value"])
    if action == "press":
        if isinstance(raw, str):
            return LoginStep(action, "", raw)
        if isinstance(raw, dict) and isinstance(raw.get("key"), str) \
                and isinstance(raw.get("selector", ""), str):
            return LoginStep(action, raw.get("selector", ""), raw["key"])
        raise LoginError(f"{where} : press = \"Enter\" ou {{ selector = \"…\", key = \"…\" }}")
    if not isinstance(raw, str) or not raw.strip():
        raise LoginError(f"{where} : {action} = \"…\" attendu")
    return LoginStep(action, raw.strip())


@dataclass(frozen=True)
class LoginScript:
    """The steps as written (variables not yet resolved)."""

    steps: tuple[LoginStep, ...]

    @classmethod
    def parse(cls, text: str) -> LoginScript:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise LoginError(f"script de connexion illisible : {str(error)[:200]}") from None
        steps = data.get("step")
        if set(data) - {"step"} or not isinstance(steps, list) or not steps:
            raise LoginError("script de connexion : des tables [[step]] et rien d'autre")
        if len(steps) > MAX_STEPS:
            raise LoginError(f"script de connexion : {MAX_STEPS} étapes au plus")
        return cls(tuple(_step(n, table) for n, table in enumerate(steps, 1)))

    @classmethod
    def load(cls, path: str | Path) -> LoginScript:
        try:
            data = Path(path).read_bytes()[:MAX_SCRIPT_BYTES + 1]
        except OSError as error:
            raise LoginError(f"script de connexion illisible : {path} ({error.strerror})") \
                from None
        if len(data) > MAX_SCRIPT_BYTES:
            raise LoginError("script de connexion trop long")
        return cls.parse(data.decode("utf-8", errors="replace"))

    def variables(self) -> set[str]:
        return {name for step in self.steps for text in (step.target, step.value)
                for name in VARIABLE.findall(text)}

    def resolve(self, env: Mapping[str, str] | None = None) -> ResolvedLogin:
        """Replace every ${NAME}; a missing variable is an error that names it, never a value."""
        env = os.environ if env is None else env
        missing = sorted(name for name in self.variables() if name not in env)
        if missing:
            raise LoginError("script de connexion : variable(s) d'environnement absente(s) : "
                             + ", ".join(missing))

        def fill_in(text: str) -> str:
            return VARIABLE.sub(lambda m: env[m.group(1)], text)

        secrets = tuple(sorted({env[name] for name in self.variables() if env[name]},
                               key=len, reverse=True))
        steps = tuple(LoginStep(s.action, fill_in(s.target), fill_in(s.value))
                      for s in self.steps)
        return ResolvedLogin(steps, secrets, self.steps)


@dataclass(frozen=True, repr=False)
class ResolvedLogin:
    """The steps ready to play, the secret values they hold and the steps as written."""

    steps: tuple[LoginStep, ...]
    secrets: tuple[str, ...]
    written: tuple[LoginStep, ...]

    def __repr__(self) -> str:
        return f"ResolvedLogin({len(self.steps)} étapes)"

    def check_origin(self, origin: str) -> None:
        """Every goto must stay on the audited origin."""
        for written, step in zip(self.written, self.steps, strict=True):
            if step.action == "goto" and not same_origin(urljoin(origin, step.target), origin):
                raise LoginError(f"script de connexion : « {written.describe()} » quitte le site "
                                 "audité (seule son origine est permise)")

    def mask(self, text: str) -> str:
        """`text` with every secret value replaced by ***."""
        for secret in self.secrets:
            text = text.replace(secret, MASK)
        return text

    async def play(self, page: Any, origin: str, timeout_s: float) -> None:
        """Play the steps in `page` (a Playwright page); LoginError names the failing step."""
        timeout = timeout_s * 1000
        for number, (written, step) in enumerate(zip(self.written, self.steps, strict=True), 1):
            try:
                await _play_step(page, step, origin, timeout)
            except Exception as error:  # Playwright errors, timeouts: one masked line
                first = (str(error).strip().splitlines() or [type(error).__name__])[0]
                raise LoginError(f"connexion : l'étape {number} ({written.describe()}) a échoué : "
                                 f"{self.mask(first)[:200]}") from None
        with contextlib.suppress(Exception):  # let the last request (a form POST) settle
            await page.wait_for_load_state("networkidle", timeout=min(timeout, 3000))
        if not same_origin(page.url, origin):
            raise LoginError("connexion : la dernière page est hors du site audité")


async def _play_step(page: Any, step: LoginStep, origin: str, timeout: float) -> None:
    if step.action == "goto":
        await page.goto(urljoin(origin, step.target), wait_until="load", timeout=timeout)
    elif step.action == "fill":
        await page.fill(step.target, step.value, timeout=timeout)
    elif step.action == "click":
        await page.click(step.target, timeout=timeout)
    elif step.action == "wait_for":
        await page.wait_for_selector(step.target, timeout=timeout)
    elif step.action == "press":
        if step.target:
            await page.press(step.target, step.value, timeout=timeout)
        else:
            await page.keyboard.press(step.value)
    await page.wait_for_load_state("load", timeout=timeout)
