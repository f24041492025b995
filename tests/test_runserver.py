"""`make run` serves with `manage.py runserver`, which starts a thread per browser connection: each request must give
its database connection back, or a busy afternoon exhausts PostgreSQL ("too many clients")."""

import http.client
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from django.conf import settings
from django.db import connection

from tests.conftest import database_url, wait_for

pytestmark = pytest.mark.django_db

REQUESTS = 20


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _connections_of(application_name: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE application_name = %s", [application_name])
        return cursor.fetchone()[0]


def _get(url: str) -> int:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - a local URL of this test
        return response.status


@pytest.fixture
def runserver():
    """A real `manage.py runserver` on the test database, its connections named so that they can be counted."""
    name = f"runserver-test-{secrets.token_hex(4)}"
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_DEBUG": "true",
        "DATABASE_URL": database_url(application_name=name),
        "DATABASE_CONN_MAX_AGE": "60",  # the default: runserver must not depend on it
    }
    command = [sys.executable, "manage.py", "runserver", "--noreload", "--skip-checks", f"127.0.0.1:{port}"]
    proc = subprocess.Popen(
        command, cwd=settings.BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"

    def answers() -> bool:
        try:
            return _get(f"{url}/healthz") in (200, 503)
        except OSError:
            return proc.poll() is not None

    try:
        wait_for(answers, 60, "runserver did not start")
        assert proc.poll() is None, "runserver stopped"
        yield url, name
    finally:
        proc.terminate()
        proc.wait(timeout=15)


def test_runserver_gives_back_the_database_connection_after_each_request(runserver):
    """Browsers keep their connections to the server open (keep-alive): runserver's thread for each one lives on,
    and with it, unless closed, its database connection: 59 idle connections after 100 requests were measured."""
    url, name = runserver
    host, port = url.removeprefix("http://").split(":")
    clients = [http.client.HTTPConnection(host, int(port), timeout=10) for _ in range(REQUESTS)]
    try:
        for client in clients:
            client.request("GET", "/healthz")  # a request that queries the database, in a thread of its own
            response = client.getresponse()
            response.read()
            assert response.status == 200
        time.sleep(0.5)
        open_now = _connections_of(name)
    finally:
        for client in clients:
            client.close()
    assert open_now == 0, f"{open_now} database connections held by runserver after {REQUESTS} requests"
