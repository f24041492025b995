"""When PostgreSQL refuses connections (too many clients, restarting, down), people are told the portal is busy and
when to try again (503 with Retry-After), never "Something went wrong"; the busy page itself needs no database."""

import os
import secrets
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import Client
from django.utils.functional import SimpleLazyObject

from interact_portal.core import database_busy
from tests.conftest import database_url, wait_for
from tests.factories import UserFactory

# static files collected once for the module: its tests stay together on one pytest-xdist worker
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("database_unavailable")]

REFUSED = "connection failed: FATAL:  sorry, too many clients already"


@pytest.fixture
def _refuse_database(monkeypatch):
    """Every query fails as a connection to a saturated PostgreSQL does."""

    def refuse(self, *args, **kwargs):
        raise OperationalError(REFUSED)

    monkeypatch.setattr(CursorWrapper, "execute", refuse)
    monkeypatch.setattr(CursorWrapper, "executemany", refuse)


@pytest.fixture(autouse=True)
def _no_refusal_remembered():
    database_busy.forget_refusals()
    yield
    database_busy.forget_refusals()


def _assert_busy_page(response):
    assert response.status_code == 503, response.status_code
    assert int(response["Retry-After"]) > 0
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert "The portal is busy" in body
    assert "Something went wrong" not in body


def test_a_page_answers_503_with_retry_after_when_the_database_refuses(client, _refuse_database):
    _assert_busy_page(client.get("/"))


def test_a_signed_in_page_answers_503_when_the_database_refuses_before_the_view(_refuse_database_after_login):
    """The session and the user are loaded by middleware, before any view: the refusal happens there."""
    client = _refuse_database_after_login
    _assert_busy_page(client.get("/applications/"))


def test_a_signed_in_page_answers_503_in_development_too(client, settings, monkeypatch):
    """With DEBUG on (`make run`), Django answers an exception raised by middleware with its debug page: the session
    and the user are loaded, and a refusal answered, before any other middleware needs them."""
    settings.DEBUG = True
    client.force_login(UserFactory())

    def refuse(self, *args, **kwargs):
        raise OperationalError(REFUSED)

    monkeypatch.setattr(CursorWrapper, "execute", refuse)
    _assert_busy_page(client.get("/applications/"))


@pytest.fixture
def _refuse_database_after_login(monkeypatch):
    client = Client(raise_request_exception=False)  # as a real server: the exception becomes a response
    client.force_login(UserFactory())

    def refuse(self, *args, **kwargs):
        raise OperationalError(REFUSED)

    monkeypatch.setattr(CursorWrapper, "execute", refuse)
    return client


def test_the_busy_page_renders_without_a_database_query(rf, django_assert_num_queries):
    request = rf.get("/")
    request.user = SimpleLazyObject(lambda: pytest.fail("the busy page loaded the user"))
    with django_assert_num_queries(0):
        response = database_busy.busy_response(request)
    _assert_busy_page(response)


def test_healthz_answers_503_with_retry_after_while_the_database_refuses(client, _refuse_database):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert response.json()["database"] == "busy"


def test_healthz_stays_503_for_the_retry_after_window_once_a_request_was_refused(client, settings, monkeypatch):
    """Under a connection cap some requests get a connection and some do not: readiness must not flip with them."""
    settings.DATABASE_RETRY_AFTER_SECONDS = 10
    now = [1000.0]
    monkeypatch.setattr(database_busy.time, "monotonic", lambda: now[0])
    database_busy.note_refusal()
    now[0] += 9
    response = client.get("/healthz")  # this probe's own query works
    assert response.status_code == 503 and response.json()["database"] == "busy"
    assert response["Retry-After"] == "1"
    now[0] += 2
    assert client.get("/healthz").status_code == 200


def test_liveness_answers_200_while_the_database_refuses(client, _refuse_database):
    response = client.get("/healthz/live")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


# --- a real server on a connection-capped database ----------------------------------------------------------------

CAP = 2
CONCURRENT = 40


@pytest.fixture(scope="module")
def collected_static(tmp_path_factory):
    """Production settings hash static file names: collected once, as a deployment does."""
    root = tmp_path_factory.mktemp("static")
    env = {**os.environ, "DJANGO_DEBUG": "false", "DJANGO_SECRET_KEY": "test-" + secrets.token_hex(16)}
    env["STATIC_ROOT"] = str(root)
    command = [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"]
    subprocess.run(command, cwd=settings.BASE_DIR, env=env, check=True)
    return root


@pytest.fixture
def capped_role(django_db_setup, django_db_blocker):
    """A PostgreSQL role allowed CAP connections (CREATE ROLE … CONNECTION LIMIT), created outside the test's
    transaction so that a server in another process can use it; dropped afterwards."""
    role = f"capped_{secrets.token_hex(4)}"
    admin = psycopg2.connect(database_url())  # over TCP, or the embedded server's socket
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {role} LOGIN CONNECTION LIMIT {CAP}")
        cursor.execute(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {role}")
        cursor.execute(f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {role}")
    try:
        yield database_url(user=role, password="")
    finally:
        with admin.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s", [role])
            cursor.execute(f"DROP OWNED BY {role}")
            cursor.execute(f"DROP ROLE {role}")
        admin.close()


@pytest.fixture
def capped_server(capped_role, collected_static, tmp_path):
    """gunicorn with production settings, one worker of 16 threads, on the capped role."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {
        **os.environ,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "test-" + secrets.token_hex(16),
        "DJANGO_SECURE_COOKIES": "false",
        "STATIC_ROOT": str(collected_static),
        "DATABASE_URL": capped_role,
        "DATABASE_CONN_MAX_AGE": "0",  # every request asks for a connection of its own
        "DATABASE_RETRY_AFTER_SECONDS": "2",
    }
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    command = [gunicorn, "interact_portal.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1", "-k", "gthread"]
    log = tmp_path / "gunicorn.log"  # a file, not a pipe: a full pipe would block the server's logging
    with log.open("w") as output:
        proc = subprocess.Popen(
            [*command, "--threads", "16", "--log-level", "warning"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"

    def answers() -> bool:
        try:
            return _get(f"{url}/healthz/live")[0] > 0  # any answer: the server is up
        except OSError:
            return proc.poll() is not None

    try:
        wait_for(answers, 60, "gunicorn did not start")
        assert proc.poll() is None, log.read_text()
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=15)


def _get(url: str) -> tuple[int, dict, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - a local URL of this test
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def test_a_connection_capped_database_gives_503_with_retry_after_never_500(capped_server):
    pages = ["/", "/projects/", "/calls/", "/events/"] * (CONCURRENT // 4)
    with ThreadPoolExecutor(CONCURRENT) as pool:
        answers = list(pool.map(lambda path: _get(capped_server + path), pages))
    statuses = Counter(status for status, _, _ in answers)
    assert set(statuses) <= {200, 503}, statuses
    assert statuses[503] > 0, f"the cap of {CAP} connections was never met: {statuses}"
    for status, headers, body in answers:
        if status == 503:
            assert int(headers["Retry-After"]) > 0
            assert "The portal is busy" in body and "Something went wrong" not in body

    # readiness says so until the Retry-After window after the last refusal has passed; liveness never changes
    status, headers, body = _get(capped_server + "/healthz")
    assert status == 503 and int(headers["Retry-After"]) > 0, body
    assert _get(capped_server + "/healthz/live")[0] == 200
    wait_for(lambda: _get(capped_server + "/healthz")[0] == 200, 10, "readiness did not recover")
