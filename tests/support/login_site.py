"""A loopback site whose pages need a session cookie set by a login form POST (browser tests).

GET /connexion shows the form; POST /connexion with the right `identifiant` and `mot_de_passe`
sets `session=<token>` and redirects to /espace; pages under /espace without that cookie
redirect to /connexion; /deconnexion forgets every session (so a crawl must exclude it).
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

FORM = ("<!doctype html><html lang='fr'><head><title>Connexion</title></head><body><main>"
        "<h1>Connexion</h1><form method='post' action='/connexion'>"
        "<label for='id'>Identifiant</label> <input id='id' name='identifiant'>"
        "<label for='mdp'>Mot de passe</label> "
        "<input id='mdp' name='mot_de_passe' type='password'>"
        "<button type='submit'>Se connecter</button></form></main></body></html>")


def page(title: str, body: str) -> str:
    return (f"<!doctype html><html lang='fr'><head><title>{title}</title></head>"
            f"<body><main><h1>{title}</h1>{body}</main></body></html>")


PRIVATE = {
    "/espace": page("Mon espace", "<a href='/espace/dossiers'>Mes dossiers</a> "
                    "<a href='/espace/profil'>Profil</a> <a href='/deconnexion'>Sortir</a>"),
    "/espace/dossiers": page("Mes dossiers", "<p>Dossier 1</p>"),
    "/espace/profil": page("Profil", "<p>Préférences</p>"),
}
PUBLIC = {
    "/": page("Accueil", "<a href='/connexion'>Se connecter</a> <a href='/espace'>Espace</a>"),
}


@dataclass
class LoginSite:
    """The running site: its address, the accepted credentials and what happened."""

    base: str
    user: str
    password: str
    sessions: set[str] = field(default_factory=set)
    tokens: list[str] = field(default_factory=list)  # every session cookie value handed out
    logins: int = 0
    failed_logins: int = 0
    private_hits: list[str] = field(default_factory=list)  # pages served logged in


@contextmanager
def serve_login_site(user: str, password: str) -> Iterator[LoginSite]:
    """Serve the site on 127.0.0.1; yields its `LoginSite` record."""
    lock = threading.Lock()
    state = LoginSite("", user, password)

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            return None

        def _send(self, status: int, body: str = "", headers: tuple = ()) -> None:
            data = body.encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                for name, value in headers:
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def _session(self) -> str | None:
            cookie = SimpleCookie(self.headers.get("Cookie", ""))
            token = cookie["session"].value if "session" in cookie else None
            with lock:
                return token if token in state.sessions else None

        def do_GET(self) -> None:
            path = urlsplit(self.path).path
            if path == "/connexion":
                self._send(200, FORM)
            elif path == "/deconnexion":
                with lock:
                    state.sessions.clear()
                self._send(303, headers=(("Location", "/"),))
            elif path in PRIVATE:
                if self._session() is None:
                    self._send(302, headers=(("Location", "/connexion"),))
                    return
                with lock:
                    state.private_hits.append(path)
                self._send(200, PRIVATE[path])
            elif path in PUBLIC:
                self._send(200, PUBLIC[path])
            else:
                self._send(404, "<!doctype html><title>404</title>")

        def do_POST(self) -> None:
            length = min(int(self.headers.get("Content-Length") or 0), 10_000)
            form = parse_qs(self.rfile.read(length).decode("utf-8", "replace"))
            if urlsplit(self.path).path != "/connexion" or \
                    form.get("identifiant") != [state.user] or \
                    form.get("mot_de_passe") != [state.password]:
                with lock:
                    state.failed_logins += 1
                self._send(401, FORM)
                return
            token = secrets.token_hex(16)
            with lock:
                state.sessions.add(token)
                state.tokens.append(token)
                state.logins += 1
            self._send(303, headers=(("Location", "/espace"),
                                     ("Set-Cookie", f"session={token}; Path=/; HttpOnly")))

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
