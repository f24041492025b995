"""`make run` and Ctrl-C: the terminal sends SIGINT to every process in its foreground group. The launcher alone must
get it and stop its children itself, once each, in order: the web server (no new requests), beat (no new tasks),
then the worker (finishing what it runs). A child that also got the terminal's SIGINT was signalled twice, and beat
interrupted while starting printed a KeyboardInterrupt traceback."""

import contextlib
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from django.conf import settings

from tests.conftest import database_url, wait_for

CHILD = textwrap.dedent(
    """
    import os, signal, sys, time
    log = sys.argv[1]

    def record(signum, frame):
        with open(log, "a") as f:
            f.write(f"{signal.Signals(signum).name} {time.monotonic()}\\n")
        if signum == signal.SIGTERM:
            time.sleep(0.3)  # a short clean shutdown
            sys.exit(0)

    signal.signal(signal.SIGINT, record)
    signal.signal(signal.SIGTERM, record)
    open(log + ".ready", "w").close()
    while True:
        time.sleep(0.05)
    """
)


def _serve(commands: dict[str, list[str]], options: dict | None = None, **env) -> subprocess.Popen:
    """The launcher's serve() in a process group of its own, as a shell runs a foreground job."""
    code = (
        "import json, sys; from interact_portal.launcher import serve; "
        "sys.exit(serve(json.loads(sys.argv[1]), **json.loads(sys.argv[2])))"
    )
    return subprocess.Popen(
        [sys.executable, "-c", code, json.dumps(commands), json.dumps(options or {})],
        cwd=settings.BASE_DIR,
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def _children(pid: int) -> list[int]:
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def _ctrl_c(launcher: subprocess.Popen) -> str:
    """What a terminal does on Ctrl-C: SIGINT to the whole foreground process group."""
    children = _children(launcher.pid)
    os.killpg(launcher.pid, signal.SIGINT)
    try:
        output, _ = launcher.communicate(timeout=60)
    finally:
        for pid in [launcher.pid, *children]:  # nothing this test started outlives it
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
    return output


def test_ctrl_c_stops_each_child_once_web_then_beat_then_worker(tmp_path):
    child = tmp_path / "child.py"
    child.write_text(CHILD)
    logs = {name: tmp_path / f"{name}.log" for name in ("web", "worker", "beat")}
    launcher = _serve({name: [sys.executable, str(child), str(log)] for name, log in logs.items()})
    wait_for(lambda: all((tmp_path / f"{name}.log.ready").exists() for name in logs), 30, "children did not start")
    output = _ctrl_c(launcher)

    received = {name: [line.split() for line in log.read_text().splitlines()] for name, log in logs.items()}
    assert {name: [signal_name for signal_name, _ in lines] for name, lines in received.items()} == {
        "web": ["SIGTERM"],
        "worker": ["SIGTERM"],
        "beat": ["SIGTERM"],
    }
    stopped_at = {name: float(lines[0][1]) for name, lines in received.items()}
    assert stopped_at["web"] < stopped_at["beat"] < stopped_at["worker"]
    assert launcher.returncode == 0 and "Traceback" not in output, output


@pytest.mark.django_db(transaction=True)  # beat writes its schedule in its own transactions: emptied afterwards
@pytest.mark.parametrize("after", [0.5, 1.0, 1.5, 2.5])
def test_ctrl_c_while_celery_beat_starts_prints_no_traceback(after):
    beat = [sys.executable, "-m", "celery", "-A", "interact_portal", "beat", "--loglevel", "INFO"]
    launcher = _serve({"beat": beat}, DATABASE_URL=database_url(), DJANGO_DEBUG="true")
    wait_for(lambda: _children(launcher.pid), 30, "beat was not started")
    time.sleep(after)  # beat is importing Celery and Django: its own signal handlers are not installed yet
    output = _ctrl_c(launcher)
    for noise in ("Traceback", "KeyboardInterrupt", "Aborted!"):
        assert noise not in output, output
    assert launcher.returncode == 0, output


# A child that records each start, and dies at once on the starts listed in its third argument ("1,2": the first
# two), else runs until stopped.
MORTAL_CHILD = textwrap.dedent(
    """
    import signal, sys, time
    log, dies_on = sys.argv[1], {int(n) for n in sys.argv[2].split(",") if n}
    with open(log, "a") as f:
        f.write("start\\n")
    with open(log) as f:
        start = len(f.read().splitlines())
    if start in dies_on:
        sys.exit(3)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    while True:
        time.sleep(0.05)
    """
)


def _starts(log: Path) -> int:
    return len(log.read_text().splitlines()) if log.exists() else 0


def test_a_child_that_dies_is_restarted_and_the_others_keep_running(tmp_path):
    """runserver killed by a huge admin page: the launcher starts it again, says so, and the portal stays up."""
    child = tmp_path / "child.py"
    child.write_text(MORTAL_CHILD)
    logs = {name: tmp_path / f"{name}.log" for name in ("web", "worker", "beat")}
    dies_on = {"web": "1", "worker": "", "beat": ""}
    commands = {name: [sys.executable, str(child), str(log), dies_on[name]] for name, log in logs.items()}
    launcher = _serve(commands, {"backoff": [0.2, 0.4]})
    wait_for(lambda: _starts(logs["web"]) == 2, 30, "web was not started again")
    time.sleep(1)
    assert launcher.poll() is None, launcher.communicate()[0]
    output = _ctrl_c(launcher)
    assert {name: _starts(log) for name, log in logs.items()} == {"web": 2, "worker": 1, "beat": 1}
    assert "web stopped (exit code 3); starting it again in 0.2 s" in output, output
    assert launcher.returncode == 0 and "Traceback" not in output, output


def test_a_child_that_keeps_dying_stops_the_portal(tmp_path):
    """Restarted with a growing pause, at most `restarts_per_minute` times: then it is broken, not unlucky."""
    child = tmp_path / "child.py"
    child.write_text(MORTAL_CHILD)
    logs = {name: tmp_path / f"{name}.log" for name in ("web", "worker")}
    dies_on = {"web": "1,2,3,4,5,6,7,8,9", "worker": ""}
    commands = {name: [sys.executable, str(child), str(log), dies_on[name]] for name, log in logs.items()}
    launcher = _serve(commands, {"backoff": [0.1, 0.2, 0.4], "restarts_per_minute": 3})
    try:
        output, _ = launcher.communicate(timeout=60)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(launcher.pid, signal.SIGKILL)
    assert launcher.returncode == 1, output
    assert _starts(logs["web"]) == 4 and _starts(logs["worker"]) == 1  # the first start and 3 restarts
    for pause in ("0.1", "0.2", "0.4"):
        assert f"web stopped (exit code 3); starting it again in {pause} s" in output, output
    assert "web stopped 4 times within a minute; stopping the portal." in output, output
