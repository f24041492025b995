"""`make run`: the whole portal in one command — web server, Celery worker and Celery beat, with demo data.

Starts embedded PostgreSQL/Redis when DATABASE_URL/REDIS_URL are unset (interact_portal.embedded), migrates,
seeds the demo content, then runs the three processes until Ctrl-C, which stops them all.
"""

import os
import signal
import subprocess
import sys
import time

from interact_portal.embedded import BASE_DIR, ensure_services

DEMO_LOGINS = """
  Interact Portal is starting at http://{host}:{port}/
  Demo logins (password: interact-demo-2024)
    admin@example.org      superuser — /admin/
    staff@example.org      programme staff
    applicant@example.org  applicant
    partner@example.org    partner organisation contact
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
        "beat": [*celery, "beat", "--loglevel", "INFO"],  # database scheduler (django-celery-beat)
    }
    return serve(commands, banner=DEMO_LOGINS.format(host=host, port=port))


# Stopped in this order: the web server first (no new requests), then beat (no new tasks), then the worker, whose
# warm shutdown finishes the tasks it runs.
STOP_ORDER = ("web", "beat", "worker")
STOP_SECONDS = 15


def serve(commands: dict[str, list[str]], banner: str = "") -> int:
    """Run the processes until one stops or Ctrl-C, then stop them all."""
    # Ctrl-C and SIGTERM both stop the portal, even when started from a shell that ignores SIGINT.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    # Each child in a process group of its own: the terminal's Ctrl-C (SIGINT to its foreground group) reaches this
    # launcher only, which stops every child once, in order. Signalled by both, a child was stopped twice, and
    # Celery beat, still starting, printed a KeyboardInterrupt traceback.
    procs = {name: subprocess.Popen(cmd, cwd=BASE_DIR, process_group=0) for name, cmd in commands.items()}
    try:
        print(banner, flush=True)
        while all(p.poll() is None for p in procs.values()):
            time.sleep(0.5)
        failed = [name for name, p in procs.items() if p.poll() is not None]
        print(f"\n{', '.join(failed)} stopped; stopping the portal.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        _stop(procs)


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
