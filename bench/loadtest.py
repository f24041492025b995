"""make loadtest: 60 s of mixed traffic from 20 people at once against gunicorn on PostgreSQL → bench/RESULTS.md.

People arrive two a second; each signs in, then loops with a think time of 1-3 s: public pages (home, searches,
project and programme pages, events, calls), saving the identification of their own draft application (the page,
then the form), registering for a webinar with fewer seats than people or cancelling (so the waiting list
moves), and now and then signing out and in again. Every request is timed; an error is a status other than the one
the step expects, or no answer. The data: the 1,000-project scale set in its own database, plus the people of load_data.
"""

import json
import os
import random
import re
import statistics
import sys
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
BASE = f"http://127.0.0.1:{PORT}"
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
        self.timings.append((kind, (time.perf_counter() - started) * 1000, status == expect))
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


def main() -> None:
    ensure_services()
    env = env_for(database_url("interact_loadtest"))
    env |= {"DJANGO_SECURE_COOKIES": "false", "RATE_LIMIT_LOGIN": "100000/m/ip"}  # plain HTTP, one client address
    loaded = prepare(env, SMALL)
    code = f"from bench.load_data import main; main({USERS})"
    world = json.loads(manage(env, "shell", "-c", code).strip().splitlines()[-1])
    server = serve(env)
    timings: list = []
    try:
        deadline = time.monotonic() + SECONDS
        visitors = [Visitor(account, world, deadline, timings) for account in world["accounts"]]
        for visitor in visitors:
            visitor.start()
            time.sleep(RAMP)
        for visitor in visitors:
            visitor.join()
    finally:
        server.terminate()
        server.wait()
        manage(env, "shell", "-c", "from interact_portal.celery import app; app.control.purge()")
    write(summary(timings), loaded, env)


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
