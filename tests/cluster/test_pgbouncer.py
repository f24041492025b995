"""Issue 22: the portal behind pgbouncer in transaction pooling mode (DATABASE_POOLER=pgbouncer): the streaming
exports (no server-side cursors there) and a report produced by a real worker, whose session-level advisory lock
goes straight to PostgreSQL (DATABASE_DIRECT_URL)."""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from interact_portal.reports.models import Report, ReportStatus
from interact_portal.reports.services import _reports_held, report_request
from tests.conftest import database_url, wait_for
from tests.factories import EventFactory, ProjectFactory, RegistrationFactory, UserFactory

PGBOUNCER = "/usr/sbin/pgbouncer"
pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def pgbouncer():
    """pgbouncer in transaction pooling mode in front of the test database; yields its DATABASE_URL."""
    tmp_path = Path(tempfile.mkdtemp(prefix="pgbouncer-test-"))  # not under pytest's 0700 folders: run as postgres
    tmp_path.chmod(0o755)
    direct = urlsplit(database_url())
    name = settings.DATABASES["default"]["NAME"]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    user = direct.username or "postgres"
    (tmp_path / "users.txt").write_text(f'"{user}" "{direct.password or ""}"\n')
    ini = tmp_path / "pgbouncer.ini"
    ini.write_text(
        f"[databases]\n{name} = host={direct.hostname or '127.0.0.1'} port={direct.port or 5432} dbname={name}\n"
        f"[pgbouncer]\nlisten_addr = 127.0.0.1\nlisten_port = {port}\nunix_socket_dir =\nauth_type = trust\n"
        f"auth_file = {tmp_path / 'users.txt'}\npool_mode = transaction\ndefault_pool_size = 4\n"
        "ignore_startup_parameters = extra_float_digits,options\nserver_reset_query =\n"
    )
    command = [PGBOUNCER, str(ini)]
    if os.getuid() == 0:  # pgbouncer will not run as root
        shutil.chown(tmp_path, "postgres")
        for path in tmp_path.iterdir():
            shutil.chown(path, "postgres")
        command[1:1] = ["-u", "postgres"]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)

    def listens() -> bool:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return True
        except OSError:
            return False

    try:
        wait_for(listens, 10, "pgbouncer did not start")
        yield f"postgres://{user}:{direct.password or ''}@127.0.0.1:{port}/{name}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        shutil.rmtree(tmp_path, ignore_errors=True)


def _pooled_env(pooled: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": pooled,
        "DATABASE_POOLER": "pgbouncer",
        "DATABASE_DIRECT_URL": database_url(),
        "DATABASE_CONN_MAX_AGE": "0",
        "DJANGO_DEBUG": "true",
        "PYTHONUNBUFFERED": "1",
    }


def test_streaming_exports_work_through_pgbouncer_in_transaction_mode(pgbouncer):
    for i in range(5):
        ProjectFactory(acronym=f"POOL{i}", status="approved")
    code = (
        "import json; from django.test import Client; from django.db import connection; c = Client();"
        "r = c.get('/projects/export.csv'); body = b''.join(r.streaming_content).decode();"
        "j = c.get('/projects/export.json'); jb = b''.join(j.streaming_content).decode();"
        "print(json.dumps({'csv': r.status_code, 'rows': body.count(chr(10)), 'json': j.status_code,"
        " 'ssc': connection.settings_dict['DISABLE_SERVER_SIDE_CURSORS'], 'port': connection.settings_dict['PORT']}))"
    )
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=settings.BASE_DIR,
        env=_pooled_env(pgbouncer),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["csv"] == 200 and result["json"] == 200 and result["ssc"] is True
    assert str(result["port"]) == urlsplit(pgbouncer).port.__str__()  # it really went through pgbouncer
    assert result["rows"] == 6  # the header and the five projects


def test_a_report_is_produced_through_pgbouncer_with_its_lock_on_a_direct_connection(pgbouncer, worker_processes):
    from tests.reliability.conftest import WorkerProcess

    event = EventFactory(capacity=100)
    for _ in range(30):
        RegistrationFactory(event=event)
    env = {**_pooled_env(pgbouncer), "MEDIA_ROOT": str(settings.MEDIA_ROOT)}
    worker = WorkerProcess(env, settings.MEDIA_ROOT.parent / "pooled-worker.log")
    worker.start()
    try:
        report = report_request(
            user=UserFactory(is_superuser=True), kind="attendance", format="xlsx", parameters={"event": event.pk}
        )
        done = Report.objects.filter(pk=report.pk, status=ReportStatus.DONE)
        started = time.monotonic()
        wait_for(done.exists, 60, "the report was not produced through pgbouncer")
        print(f"report produced through pgbouncer in {time.monotonic() - started:.1f} s")
        report.refresh_from_db()
        assert report.rows == 30 and report.file.open("rb").read(2) == b"PK"
        # the run's lock was given back with its connection: taken through pgbouncer it would stay behind on a
        # pooled server connection, and the report would look "being produced" for ever to the recovery task
        wait_for(lambda: not _reports_held(), 10, "the report's advisory lock outlived its run")
    finally:
        worker.stop()
