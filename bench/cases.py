"""A benchmark case in a process of its own: its database migrated, static files collected, production settings."""

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass

from bench.run import ROOT, database_url, env_for, manage
from interact_portal.embedded import ensure_services


@dataclass
class CaseRun:
    figures: dict  # the JSON of the case script's last line
    env: dict  # the environment it ran in (machine() reads it)
    started: float  # time.monotonic() when it started
    load: float  # the machine's load average then


def case_run(database: str, script: str, *args: str) -> CaseRun:
    """Run `bench/<script>` (Django's test client: 'testserver' allowed) on its own database, created when missing."""
    ensure_services()
    env = env_for(database_url(database))
    env["DJANGO_ALLOWED_HOSTS"] += ",testserver"  # Django's test client
    manage(env, "migrate", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    started, load = time.monotonic(), os.getloadavg()[0]
    command = [sys.executable, f"bench/{script}", *args]
    out = subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout
    return CaseRun(json.loads(out.strip().splitlines()[-1]), env, started, load)
