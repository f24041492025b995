"""`make run`: the whole portal in one command — web server, Celery worker and Celery beat, with demo data.

Starts embedded PostgreSQL/Redis when DATABASE_URL/REDIS_URL are unset (interact_portal.embedded), migrates,
seeds the demo content, then runs the three processes until Ctrl-C, which stops them all. A process that dies (say
runserver killed for its memory by a huge admin page) is started again after a pause that grows, and the launcher
says so; one that dies more than RESTARTS_PER_MINUTE times within a minute is broken: the portal stops.
"""

import os
import signal
import subprocess
import sys
import time
from collections import deque

from interact_portal.embedded import BASE_DIR, ensure_services

DEMO_LOGINS = """
  Interact Portal is starting at http://{host}:{port}/
  Demo logins (password: interact-demo-2024)
    admin@example.org      superuser — /admin/
    staff@example.org      programme staff; manager of Interreg Central Europe (confirms payments)
    applicant@example.org  applicant
    partner@example.org    partner organisation contact
    controller@example.org controller — first-level control of GREENHEAT's partners: /staff/control/
    finance@example.org    finance officer — authorises payments: /staff/
  Outgoing mail: printed below and saved under var/mail/.   Stop everything with Ctrl-C.
"""


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interact_portal.settings")
    os.environ.setdefault("DJANGO_DEBUG", "true")
    host, port = os.environ.get("HOST", "127.0.0.1"), os.environ.get("PORT", "8000")
    ensure_services()
    python = sys.executable
    manage = [python, str(BASE_DIR / "manage.py")]
    try:
        subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], check=True, cwd=BASE_DIR)
        subprocess.run([*manage, "seed_demo"], check=True, cwd=BASE_DIR)
    except KeyboardInterrupt:  # Ctrl-C while preparing: the command was stopped with us
        return 130
    celery = [python, "-m", "celery", "-A", "interact_portal"]
    commands = {
        "web": [*manage, "runserver", f"{host}:{port}"],
        "worker": [*celery, "worker", "--loglevel", "INFO", "--concurrency", "2"],
        # database scheduler (django-celery-beat); WARNING: it would print a line for every recovery run (every 10 s)
        "beat": [*celery, "beat", "--loglevel", "WARNING"],
    }
    return serve(commands, banner=DEMO_LOGINS.format(host=host, port=port))


# Stopped in this order: the web server first (no new requests), then beat (no new tasks), then the worker, whose
# warm shutdown finishes the tasks it runs.
STOP_ORDER = ("web", "beat", "worker")
STOP_SECONDS = 15


# Pauses before starting a process that died again: the n-th restart within a minute waits BACKOFF[n-1] (the last
# for any further one); more than RESTARTS_PER_MINUTE deaths within a minute stop the portal.
BACKOFF = (1.0, 2.0, 4.0, 8.0)
RESTARTS_PER_MINUTE = 5


def serve(
    commands: dict[str, list[str]],
    banner: str = "",
    *,
    backoff: tuple[float, ...] = BACKOFF,
    restarts_per_minute: int = RESTARTS_PER_MINUTE,
) -> int:
    """Run the processes until Ctrl-C, starting again one that died; then stop them all."""
    # Ctrl-C and SIGTERM both stop the portal, even when started from a shell that ignores SIGINT.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    procs = {name: _start(cmd) for name, cmd in commands.items()}
    deaths: dict[str, deque[float]] = {name: deque() for name in commands}
    start_at: dict[str, float] = {}  # a died process → when to start it again
    try:
        print(banner, flush=True)
        while True:
            now = time.monotonic()
            for name, proc in procs.items():
                if name in start_at or proc.poll() is None:
                    continue
                recent = deaths[name]
                recent.append(now)
                while recent and now - recent[0] > 60:
                    recent.popleft()
                if len(recent) > restarts_per_minute:
                    print(
                        f"\n{name} stopped {len(recent)} times within a minute; stopping the portal.", file=sys.stderr
                    )
                    return 1
                pause = backoff[min(len(recent), len(backoff)) - 1]
                print(f"\n{name} stopped ({_how(proc.returncode)}); starting it again in {pause:g} s.", file=sys.stderr)
                start_at[name] = now + pause
            for name, when in list(start_at.items()):
                if now >= when:
                    del start_at[name]
                    procs[name] = _start(commands[name])
                    print(f"{name} started again.", file=sys.stderr, flush=True)
            time.sleep(0.1)
    except KeyboardInterrupt:
        return 0
    finally:
        _stop(procs)


def _start(command: list[str]) -> subprocess.Popen:
    # Each child in a process group of its own: the terminal's Ctrl-C (SIGINT to its foreground group) reaches this
    # launcher only, which stops every child once, in order. Signalled by both, a child was stopped twice, and
    # Celery beat, still starting, printed a KeyboardInterrupt traceback.
    return subprocess.Popen(command, cwd=BASE_DIR, process_group=0)


def _how(returncode: int) -> str:
    if returncode < 0:
        return f"killed by {signal.Signals(-returncode).name}"
    return f"exit code {returncode}"


def _stop(procs: dict[str, subprocess.Popen]) -> None:
    order = [name for name in STOP_ORDER if name in procs] + [name for name in procs if name not in STOP_ORDER]
    try:
        for name in order:
            proc = procs[name]
            if proc.poll() is None:
                proc.terminate()  # SIGTERM: warm shutdown for Celery, clean exit for runserver
            try:
                proc.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    except KeyboardInterrupt:  # Ctrl-C again: stop at once
        print("\nStopping at once.", file=sys.stderr, flush=True)
        for proc in procs.values():
            if proc.poll() is None:
                proc.kill()
        for proc in procs.values():
            proc.wait()


if __name__ == "__main__":
    sys.exit(main())
