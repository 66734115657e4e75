"""Throw-away servers for the scale-out tests: a real redis-server and a real PostgreSQL cluster.

Both listen on 127.0.0.1 only, on a free port, keep their files in a temporary folder, and are
stopped (and the folder removed) when the context ends. Each yields None, with the reason in
`Unavailable`, when the machine lacks the server (`make redis` / `make postgresql` install
the Debian packages); the fixtures in tests/conftest.py turn that into a skip that says so.

PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` system
account that the Debian package creates (else `nobody`) and its commands run through
`runuser`.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

START_TIMEOUT_S = 30.0


class Unavailable(Exception):
    """The server cannot be had on this machine (the text says why)."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_port(port: int, process: subprocess.Popen | None, what: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{what} exited at start (code {process.returncode})")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{what} did not listen on 127.0.0.1:{port} in {START_TIMEOUT_S} s")


@contextmanager
def redis_server() -> Iterator[str]:
    """A redis-server on 127.0.0.1 without persistence; yields its redis:// URL (db 0)."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise Unavailable("redis-server is not installed (Debian package redis-server; "
                          "`make redis` installs it as root)")
    port = free_port()
    folder = Path(tempfile.mkdtemp(prefix="rgaa-redis-"))
    log = (folder / "redis.log").open("wb")
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(folder), "--protected-mode", "yes", "--daemonize", "no"],
        stdout=log, stderr=subprocess.STDOUT, cwd=folder)
    try:
        _wait_port(port, process, "redis-server")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        shutil.rmtree(folder, ignore_errors=True)


def postgres_bin() -> Path | None:
    """The folder of initdb / pg_ctl / createdb: where the initdb on the PATH really lives
    (a link in /usr/local/bin may stand alone), else Debian's /usr/lib/postgresql/N/bin."""
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                      key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    return Path(versions[-1]).parent if versions else None


@dataclass(frozen=True)
class Cluster:
    """A running throw-away cluster: its superuser's URL base and how to make databases."""

    port: int
    user: str
    socket_dir: str
    bin_dir: Path
    as_user: tuple[str, ...]

    def url(self, database: str) -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """A new empty database; its URL."""
        subprocess.run([*self.as_user, str(self.bin_dir / "createdb"), "-h", "127.0.0.1",
                        "-p", str(self.port), "-U", self.user, name],
                       check=True, capture_output=True, timeout=30, cwd="/")
        return self.url(name)


def _account() -> tuple[str, tuple[str, ...]]:
    """The system account the cluster runs as, and the prefix that runs a command as it."""
    if os.geteuid() != 0:
        return pwd.getpwuid(os.geteuid()).pw_name, ()
    runuser = shutil.which("runuser")
    if runuser is None:
        raise Unavailable("PostgreSQL cannot run as root and runuser is missing "
                          "(Debian package util-linux)")
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name, (runuser, "-u", name, "--")
    raise Unavailable("PostgreSQL cannot run as root and there is no postgres or nobody account")


@contextmanager
def postgres_cluster() -> Iterator[Cluster]:
    """initdb in a temporary folder, then a postgres on 127.0.0.1 (trust authentication)."""
    bin_dir = postgres_bin()
    if bin_dir is None or not (bin_dir / "pg_ctl").exists():
        raise Unavailable("PostgreSQL server is not installed (Debian package postgresql; "
                          "`make postgresql` installs it as root)")
    account, as_user = _account()
    folder = Path(tempfile.mkdtemp(prefix="rgaa-pg-"))
    data, sockets = folder / "data", folder / "sockets"
    sockets.mkdir()
    if as_user:
        entry = pwd.getpwnam(account)
        os.chmod(folder, 0o755)
        for path in (folder, sockets):
            os.chown(path, entry.pw_uid, entry.pw_gid)
    port = free_port()
    user = "rgaa"
    try:
        subprocess.run([*as_user, str(bin_dir / "initdb"), "-D", str(data), "-U", user,
                        "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"],
                       check=True, capture_output=True, timeout=120, cwd=folder)
        subprocess.run([*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-l",
                        str(folder / "postgres.log"), "-w", "-t", "60", "start", "-o",
                        f"-k {sockets} -h 127.0.0.1 -p {port} -c fsync=off "
                        "-c synchronous_commit=off -c full_page_writes=off"],
                       check=True, capture_output=True, timeout=90, cwd=folder)
    except subprocess.CalledProcessError as error:
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(f"PostgreSQL did not start: {error.stderr.decode()[-500:]}") from None
    try:
        _wait_port(port, None, "postgres")
        yield Cluster(port, user, str(sockets), bin_dir, as_user)
    finally:
        subprocess.run([*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate",
                        "-w", "stop"], capture_output=True, timeout=60, check=False,
                       cwd=folder)
        shutil.rmtree(folder, ignore_errors=True)
