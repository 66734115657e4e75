"""The review app over HTTP: Starlette routes, all under a secret token, on 127.0.0.1 only.

Every request must carry the token as the first part of its path (`/<token>/...`) and a Host of
127.0.0.1 or localhost (a page elsewhere that rebinds its own name to 127.0.0.1 gets 403), and a
POST coming from another origin is refused. Pages are rendered on the server (Jinja2, every
value escaped: titles, URLs, snippets and messages come from the audited site); the forms work
without JavaScript, and `static/review.js` adds the shortcuts and saving in place (POSTs that
ask for JSON get the updated cell and rates back).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Mount, Route
from starlette.types import ASGIApp, Receive, Scope, Send

from rgaa_audit import i18n
from rgaa_audit.conclude.verdicts_file import VerdictsError
from rgaa_audit.i18n import finding_text
from rgaa_audit.review.grid import SHOWS, Filter, mark, neighbours, queue, rows
from rgaa_audit.review.state import Decision, DecisionError, Review, SharedPlan

STATIC = Path(__file__).parent / "static"
STATIC_FILES = {"review.css": "text/css; charset=utf-8",
                "review.js": "text/javascript; charset=utf-8"}
ALLOWED_HOSTS = ("127.0.0.1", "localhost")
BODY_MAX = 1_000_000
_EVIDENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,150}\.jpe?g$")
SECURITY_HEADERS = {
    "content-security-policy": ("default-src 'none'; style-src 'self'; script-src 'self'; "
                                "img-src 'self'; connect-src 'self'; form-action 'self'; "
                                "base-uri 'none'; frame-ancestors 'none'"),
    # same-origin: no Referer (with its token) to the audited site; an Origin on our own POSTs
    "referrer-policy": "same-origin",
    "x-content-type-options": "nosniff",
    "cache-control": "no-store",
}


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Guard:
    """ASGI middleware: the token, the Host and the Origin of every request, else 403."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app, self.prefix = app, f"/{token}"

    def _host_ok(self, value: str) -> bool:
        host = value.rsplit(":", 1)[0] if not value.startswith("[") else value
        return host in ALLOWED_HOSTS

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        path = scope.get("path", "")
        first = "/" + path.lstrip("/").split("/", 1)[0]
        allowed = (secrets.compare_digest(first.encode(), self.prefix.encode())
                   and self._host_ok(headers.get("host", "")))
        origin = headers.get("origin")
        if allowed and origin and origin != "null":
            allowed = self._host_ok(urlsplit(origin).netloc)
        elif allowed and origin == "null":
            allowed = False
        if allowed and headers.get("sec-fetch-site", "same-origin") not in (
                "same-origin", "none"):
            allowed = False
        if not allowed:
            response = PlainTextResponse("403 Forbidden", status_code=403,
                                         headers=SECURITY_HEADERS)
            await response(scope, receive, send)
            return

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()
                         if k.encode() not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _format_rate(value: Any, lang: str) -> str:
    if value is None:
        return "—"
    text = f"{float(value):.2f}"
    return (text.replace(".", ",") if lang == "fr" else text) + "\u00a0%"


class Views:
    """The pages and actions of one review, in one language."""

    def __init__(self, review: Review, token: str, lang: str) -> None:
        self.review, self.lang, self.base = review, i18n.language(lang), f"/{token}"
        self.env = Environment(loader=PackageLoader("rgaa_audit.review", "templates"),
                               autoescape=select_autoescape(default=True, default_for_string=True),
                               trim_blocks=True, lstrip_blocks=True)
        self.env.globals.update(
            t=self.t, base=self.base, lang=self.lang, rate=lambda v: _format_rate(v, self.lang),
            finding_text=lambda f: finding_text(f, self.lang), mark=mark,
            referential=review.referential, review=review, component=self.component)

    def t(self, key: str, **params: Any) -> str:
        return i18n.text(f"review.{key}", self.lang, **params)

    def component(self, name: str) -> str:
        """A shared component's name in the app's language (its own name if unknown)."""
        try:
            return self.t(f"component_{name}")
        except KeyError:
            return name

    # --- helpers ----------------------------------------------------------------------------

    def render(self, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        self.review.refresh()
        context.setdefault("progress", self.review.progress())
        context.setdefault("file_error", self.review.error.text(self.lang)
                           if self.review.error else "")
        html = self.env.get_template(name).render(verdicts_file=str(self.review.verdicts_path),
                                                  **context)
        return HTMLResponse(html, status_code=status_code)

    def fragment(self, name: str, **context: Any) -> str:
        return self.env.get_template(name).render(**context)

    def page_label(self, index: int) -> str:
        return f"P{index + 1}"

    def cell_url(self, index: int, criterion: str, flt: Filter) -> str:
        return f"{self.base}/cell/{index}/{criterion}{flt.query()}"

    def wants_json(self, request: Request) -> bool:
        return "application/json" in request.headers.get("accept", "")

    async def form(self, request: Request) -> dict[str, list[str]]:
        body = await request.body()
        if len(body) > BODY_MAX:
            raise DecisionError("too_long", limit=BODY_MAX)
        fields: dict[str, list[str]] = {}
        for key, value in parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True):
            fields.setdefault(key, []).append(value)
        return fields

    def decision(self, fields: dict[str, list[str]], status: str | None = None) -> Decision:
        def one(name: str) -> str:
            return (fields.get(name) or [""])[0].replace("\r\n", "\n").strip()

        return Decision(status=status or one("status"), comment=one("comment"),
                        impact=one("impact"), recommendation=one("recommendation"),
                        auditor=one("auditor"), justification=one("justification"),
                        until=one("until"), alternative=one("alternative"))

    def cell_or_404(self, request: Request) -> tuple[int, str] | None:
        try:
            index = int(request.path_params["index"])
        except ValueError:
            return None
        criterion = request.path_params["criterion"]
        if not 0 <= index < len(self.review.pages) or criterion not in self.review.criteria:
            return None
        return index, criterion

    def not_found(self) -> HTMLResponse:
        return self.render("message.html", 404, title=self.t("not_found"),
                           message=self.t("not_found_text"))

    # --- views ------------------------------------------------------------------------------

    async def grid(self, request: Request) -> Response:
        self.review.refresh()
        flt = Filter.from_query(request.query_params, len(self.review.pages))
        order = queue(self.review, flt)
        return self.render("grid.html", title=self.t("grid_title"), flt=flt,
                           rows=rows(self.review, flt), shows=SHOWS,
                           page_filter=lambda i: Filter(flt.show, flt.theme, i).query(),
                           first=self.cell_url(*order[0], flt) if order else "",
                           columns=[flt.page] if flt.page is not None
                           else list(range(len(self.review.pages))))

    def cell_context(self, index: int, criterion: str, flt: Filter) -> dict[str, Any]:
        review = self.review
        previous, following = neighbours(queue(review, flt), (index, criterion))
        own = review.own_verdict(index, criterion)
        return {
            "index": index, "criterion": review.criteria[criterion], "flt": flt,
            "page": review.pages[index], "cell": review.cell(index, criterion),
            "raw": review.raw_cell(index, criterion), "own": own,
            "own_page": own.page if own else "",
            "previous": self.cell_url(*previous, flt) if previous else "",
            "next": self.cell_url(*following, flt) if following else "",
            "auditor": (own.auditor if own and own.auditor else review.last_auditor),
            "shared": [review.shared_plan(index, criterion, name)
                       for name in review.components(index)],
            "labels": lambda indexes: ", ".join(self.page_label(i) for i in indexes),
        }

    async def cell(self, request: Request) -> Response:
        found = self.cell_or_404(request)
        if found is None:
            return self.not_found()
        flt = Filter.from_query(request.query_params, len(self.review.pages))
        context = self.cell_context(*found, flt)
        saved = request.query_params.get("saved", "")
        if saved.startswith("shared-"):
            try:
                saved = self.shared_message(self.review.shared_plan(
                    *found, saved.removeprefix("shared-")))
            except DecisionError:
                saved = self.t("saved")
        elif saved:
            saved = self.t("saved")
        title = self.t("cell_title", criterion=found[1], page=self.page_label(found[0]))
        return self.render("cell.html", title=title, saved=saved, error="", **context)

    async def decide(self, request: Request) -> Response:
        found = self.cell_or_404(request)
        if found is None:
            return self.not_found()
        index, criterion = found
        flt = Filter.from_query(request.query_params, len(self.review.pages))
        _, following = neighbours(queue(self.review, flt), (index, criterion))
        error, message, scope, fields = "", "", "page", {}
        try:
            fields = await self.form(request)
            action = (fields.get("action") or ["save"])[0]
            scope = (fields.get("scope") or ["page"])[0]
            if action.startswith("clear-component:"):
                scope, action = "component:" + action.split(":", 1)[1], "clear"
            if scope.startswith("component:"):
                message = self.decide_shared(index, criterion, scope.split(":", 1)[1],
                                             action, fields)
            else:
                decision = None if action == "clear" else self.decision(fields)
                self.review.decide(index, criterion, decision)
        except DecisionError as problem:
            error = self.t(f"error.{problem.reason}", **problem.params)
        except VerdictsError as problem:
            error = self.t("error.file", detail=problem.text(self.lang))
        except OSError as problem:
            error = self.t("error.write", detail=problem.strerror or str(problem))
        after = (fields.get("after") or ["stay"])[0] if not error else "stay"
        target = (self.cell_url(*following, flt) if after == "next" and following
                  else self.cell_url(index, criterion, flt))
        if self.wants_json(request):
            return self.cell_json(index, criterion, flt, error, target, message)
        if error:
            context = self.cell_context(index, criterion, flt)
            title = self.t("cell_title", criterion=criterion, page=self.page_label(index))
            return self.render("cell.html", 400, title=title, saved="", error=error, **context)
        separator = "&" if "?" in target else "?"
        saved = "shared-" + scope.split(":", 1)[1] if message else "1"
        return RedirectResponse(f"{target}{separator}saved={saved}", status_code=303)

    def decide_shared(self, index: int, criterion: str, component: str, action: str,
                      fields: dict[str, list[str]]) -> str:
        """Decide (or clear) the criterion for the page's shared component; what it did."""
        name = self.component(component)
        if action == "clear":
            self.review.clear_shared(criterion, component)
            return self.t("shared_cleared", component=name)
        plan = self.review.decide_shared(index, criterion, component, self.decision(fields))
        return self.shared_message(plan)

    def shared_message(self, plan: SharedPlan) -> str:
        return self.t("shared_done", component=self.component(plan.component),
                      count=len(plan.identical) - len(plan.own), own=len(plan.own))

    def cell_json(self, index: int, criterion: str, flt: Filter, error: str,
                  target: str, message: str = "") -> JSONResponse:
        context = self.cell_context(index, criterion, flt)
        cell = context["cell"]
        progress = self.review.progress()
        return JSONResponse({
            "ok": not error, "error": error,
            "message": error or message or self.t("saved"),
            "cell": {"status": cell.get("status"), "mark": mark(cell)},
            "progress": progress, "next": target,
            "progress_html": self.fragment("_progress.html", progress=progress),
            "current_html": self.fragment("_current.html", **context),
        }, status_code=400 if error else 200)

    def bulk_context(self, criterion: str, fields: dict[str, list[str]]) -> dict[str, Any]:
        review = self.review
        ids = list(review.criteria)
        at = ids.index(criterion)

        def one(name: str, default: str = "") -> str:
            return (fields.get(name) or [default])[0].strip()

        exceptions = {int(v) for v in fields.get("except", []) if v.isdigit()}
        return {
            "criterion": review.criteria[criterion],
            "previous": f"{self.base}/criterion/{ids[at - 1]}" if at > 0 else "",
            "next": f"{self.base}/criterion/{ids[at + 1]}" if at + 1 < len(ids) else "",
            "cells": [(i, review.cell(i, criterion)) for i in range(len(review.pages))],
            "values": {name: one(name) for name in (
                "status", "comment", "impact", "recommendation", "glob", "justification",
                "until", "alternative")} | {"scope": one("scope", "all"),
                                             "auditor": one("auditor", review.last_auditor)},
            "exceptions": exceptions, "plan": None, "error": "", "done": "",
        }

    async def bulk(self, request: Request) -> Response:
        criterion = request.path_params["criterion"]
        if criterion not in self.review.criteria:
            return self.not_found()
        context = self.bulk_context(criterion, {})
        done = request.query_params.get("done", "")
        context["done"] = self.t("bulk_done", count=int(done)) if done.isdigit() else ""
        return self.render("bulk.html", title=self.t("bulk_title", criterion=criterion),
                           **context)

    async def bulk_decide(self, request: Request) -> Response:
        criterion = request.path_params["criterion"]
        if criterion not in self.review.criteria:
            return self.not_found()
        fields: dict[str, list[str]] = {}
        try:
            fields = await self.form(request)
            context = self.bulk_context(criterion, fields)
            values = context["values"]
            plan = self.review.plan(criterion, values["status"], values["scope"],
                                    values["glob"], frozenset(context["exceptions"]))
            context["plan"] = plan
            confirm = (fields.get("confirm") or [""])[0]
            if plan.conflicts and confirm not in ("replace", "skip"):
                if self.wants_json(request):
                    return JSONResponse({"ok": False, "confirm": len(plan.conflicts)}, 409)
                return self.render("bulk.html", 409,
                                   title=self.t("bulk_title", criterion=criterion), **context)
            count = self.review.apply(plan, self.decision(fields, plan.status),
                                      replace=confirm == "replace")
        except DecisionError as problem:
            context = self.bulk_context(criterion, fields)
            context["error"] = self.t(f"error.{problem.reason}", **problem.params)
        except VerdictsError as problem:
            context = self.bulk_context(criterion, fields)
            context["error"] = self.t("error.file", detail=problem.text(self.lang))
        except OSError as problem:
            context = self.bulk_context(criterion, fields)
            context["error"] = self.t("error.write", detail=problem.strerror or str(problem))
        else:
            if self.wants_json(request):
                return JSONResponse({"ok": True, "count": count,
                                     "progress": self.review.progress()})
            return RedirectResponse(f"{self.base}/criterion/{criterion}?done={count}", 303)
        if self.wants_json(request):
            return JSONResponse({"ok": False, "error": context["error"]}, 400)
        return self.render("bulk.html", 400, title=self.t("bulk_title", criterion=criterion),
                           **context)

    async def progress(self, request: Request) -> Response:
        self.review.refresh()
        return JSONResponse(self.review.progress())

    async def evidence(self, request: Request) -> Response:
        name = request.path_params["name"]
        folder = (self.review.out_dir / "evidence").resolve()
        if not _EVIDENCE.match(name):
            return PlainTextResponse("404", 404)
        path = (folder / name).resolve()
        if path.parent != folder or not path.is_file():
            return PlainTextResponse("404", 404)
        return FileResponse(path, media_type="image/jpeg")

    async def static(self, request: Request) -> Response:
        name = request.path_params["name"]
        if name not in STATIC_FILES:
            return PlainTextResponse("404", 404)
        return FileResponse(STATIC / name, media_type=STATIC_FILES[name])


def create_app(review: Review, token: str, lang: str = "fr") -> ASGIApp:
    """The review app for one review, reachable only under `/<token>/`."""
    views = Views(review, token, lang)
    route: Callable[..., Route] = Route
    routes = [
        route("/", views.grid, methods=["GET"]),
        route("/cell/{index}/{criterion}", views.cell, methods=["GET"]),
        route("/cell/{index}/{criterion}", views.decide, methods=["POST"]),
        route("/criterion/{criterion}", views.bulk, methods=["GET"]),
        route("/criterion/{criterion}", views.bulk_decide, methods=["POST"]),
        route("/progress", views.progress, methods=["GET"]),
        route("/evidence/{name}", views.evidence, methods=["GET"]),
        route("/static/{name}", views.static, methods=["GET"]),
    ]
    app = Starlette(routes=[Mount(f"/{token}", routes=routes)])
    return Guard(app, token)
