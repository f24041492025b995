"""make bench: scale data, gunicorn with production settings, wrk on each public page; writes bench/RESULTS.md.

Databases interact_bench (default sizes) and interact_bench_1k (1,000 projects) live on the same PostgreSQL as
the portal (DATABASE_URL, or the embedded one). Data is loaded once and reused by later runs.
"""

import json
import os
import platform
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.results import section_write  # noqa: E402
from interact_portal.embedded import ensure_services  # noqa: E402

DURATION = os.environ.get("BENCH_SECONDS", "8")
PORT = 8765
SMALL = [
    "--programmes",
    "30",
    "--projects",
    "1000",
    "--partners",
    "5000",
    "--organisations",
    "1000",
    "--events",
    "50",
    "--registrations",
    "2000",
]


def database_url(name: str) -> str:
    import psycopg2

    base = os.environ["DATABASE_URL"]
    admin = psycopg2.connect(base)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cursor.fetchone():
            cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    head, _, tail = base.partition("?")
    return head.rsplit("/", 1)[0] + "/" + name + (f"?{tail}" if tail else "")


def env_for(url: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_DEBUG": "false",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "bench-only-secret-key-" + "x" * 40),
        "MFA_ENCRYPTION_KEY": os.environ.get("MFA_ENCRYPTION_KEY", "bench-only-mfa-key-" + "x" * 40),
    }


def manage(env: dict, *args: str) -> str:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout


def prepare(env: dict, sizes: list[str]) -> str:
    manage(env, "migrate", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    loaded = manage(env, "shell", "-c", "from interact_portal.demo.scale import scale_loaded; print(scale_loaded())")
    if loaded.strip().splitlines()[-1] == "True":  # the shell may first print what it imported
        return "reused"
    return manage(env, "seed_scale", *sizes).strip().splitlines()[-1]


def pick(env: dict) -> dict:
    code = (
        "from projects.models import Project; from programmes.models import Programme;"
        "p = Project.objects.public().order_by('pk').first(); g = Programme.objects.order_by('pk').first();"
        "import json; print(json.dumps({'project': p.pk, 'programme': g.slug}))"
    )
    return json.loads(manage(env, "shell", "-c", code).strip().splitlines()[-1])


WORKERS = 2 * (os.cpu_count() or 1) + 1
# the searches timed at both scales (the ratio): a common word, and words with a facet
SCALE_PATHS = ("/projects/?q=energy", "/projects/?q=water&country=AT")
ROUNDS = 4
ROUND_SECONDS = max(1, int(DURATION) // ROUNDS)


def serve(env: dict, port: int = PORT) -> subprocess.Popen:
    """gunicorn with the portal loaded before forking: no worker is still importing Django while wrk measures."""
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "interact_portal.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(WORKERS),
            "--preload",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)  # noqa: S310 - localhost
            return server
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def wrk(path: str, connections: int, port: int = PORT, seconds: str = DURATION) -> dict:
    url = f"http://127.0.0.1:{port}{path}"
    for _ in range(2 * WORKERS):
        urllib.request.urlopen(url, timeout=30).read()  # noqa: S310 - warm every worker: caches, connections
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "-s", str(ROOT / "bench/report.lua"), url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def both_scales(envs: dict[str, dict]) -> dict:
    """Each search at both scales in alternating short runs, both servers up, so the machine's drift (other load,
    CPU frequency) falls on both alike; each figure is the median of its runs."""
    ports = {name: PORT + 1 + n for n, name in enumerate(envs)}
    servers = [serve(env, ports[name]) for name, env in envs.items()]
    runs: dict = {name: {path: [] for path in SCALE_PATHS} for name in envs}
    seconds = str(ROUND_SECONDS)
    try:
        for _ in range(ROUNDS):
            for path in SCALE_PATHS:
                for name, port in ports.items():
                    runs[name][path].append(wrk(path, 1, port, seconds))
    finally:
        for server in servers:
            server.terminate()
            server.wait()
    return {
        name: {path: {k: statistics.median(r[k] for r in found) for k in ("p50", "p95")} for path, found in by.items()}
        for name, by in runs.items()
    }


def cold(env: dict) -> dict:
    return json.loads(
        subprocess.run(
            [sys.executable, "bench/cold_search.py"], cwd=ROOT, env=env, check=True, capture_output=True, text=True
        )
        .stdout.strip()
        .splitlines()[-1]
    )


def main() -> None:
    ensure_services()
    big, small = env_for(database_url("interact_bench")), env_for(database_url("interact_bench_1k"))
    started = time.monotonic()
    loads = {"100k": prepare(big, []), "1k": prepare(small, SMALL)}
    ids = pick(big)
    pages = [
        ("/healthz (floor)", "/healthz"),
        ("home", "/"),
        ("search, no words", "/projects/"),
        ("search, common word", "/projects/?q=energy"),
        ("search, faceted", "/projects/?q=water&country=AT&period=2021-2027"),
        ("search, last page", "/projects/?last=1"),
        ("project page", f"/projects/{ids['project']}/"),
        ("programme page", f"/programmes/{ids['programme']}/"),
        ("events", "/events/"),
    ]
    rows = []
    server = serve(big)
    try:
        for label, path in pages:
            one, many = wrk(path, 1), wrk(path, 8)
            rows.append((label, path, one, many))
            print(f"{label:24} c1 p95 {one['p95']:7.2f} ms   c8 {many['rps']:8.1f} req/s", flush=True)
    finally:
        server.terminate()
        server.wait()
    scale = both_scales({"1k": small, "100k": big})
    for name, env in (("1k", small), ("100k", big)):
        scale[name]["cold"] = cold(env)
    write(rows, scale, loads, time.monotonic() - started, big)


def machine(env: dict) -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = (
        int(
            next(
                line.split()[1]
                for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")
            )
        )
        / 1024
        / 1024
    )
    code = "from django.db import connection; print(connection.cursor().connection.server_version)"
    pg = manage(env, "shell", "-c", code).strip().splitlines()[-1]
    return f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB RAM, Python {platform.python_version()}, PostgreSQL {pg}"


def write(rows, scale, loads, seconds, env: dict) -> None:
    floor = rows[0][3]["rps"]
    lines = [
        "# Benchmark results",
        "",
        f"`make bench`, {time.strftime('%Y-%m-%d')}. Machine: {machine(env)}.",
        f"gunicorn, {WORKERS} sync workers (--preload), production settings (DEBUG off); wrk, {DURATION} s "
        f"per run, after {2 * WORKERS} warm-up requests. Scale data: 300 programmes, 100,000 projects, "
        f"500,000 partner rows, 50,000 organisations, 2,000 events, 200,000 registrations ({loads['100k']}).",
        "",
        "## Pages at 100,000 projects",
        "",
        "| page | path | p50 ms (1 conn) | p95 ms (1 conn) | p99 ms (1 conn) | req/s (8 conns) | × floor | errors |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for label, path, one, many in rows:
        lines.append(
            f"| {label} | `{path}` | {one['p50']:.1f} | {one['p95']:.1f} | {one['p99']:.1f} | "
            f"{many['rps']:.0f} | {many['rps'] / floor:.1%} | {one['errors'] + many['errors']} |"
        )
    lines += [
        "",
        "## Search at 1,000 and 100,000 projects (1 connection)",
        "",
        f"Both servers up at once; {ROUNDS} alternating runs of {ROUND_SECONDS} s per search and scale, median of the "
        "runs.",
        "",
        "| query | p50 ms at 1k | p50 ms at 100k | p50 ratio | p95 ms at 1k | p95 ms at 100k | p95 ratio |",
        "|---|---|---|---|---|---|---|",
    ]
    for path in SCALE_PATHS:
        a, b = scale["1k"][path], scale["100k"][path]
        lines.append(
            f"| `{path}` | {a['p50']:.1f} | {b['p50']:.1f} | {b['p50'] / a['p50']:.2f} | {a['p95']:.1f} | "
            f"{b['p95']:.1f} | {b['p95'] / a['p95']:.2f} |"
        )
    lines += [
        "",
        "## Cold searches (cache bypassed: counts, facets and ranking computed by PostgreSQL)",
        "",
        "| searches | median ms at 1k | p95 ms at 1k | median ms at 100k | p95 ms at 100k |",
        "|---|---|---|---|---|",
    ]
    a, b = scale["1k"]["cold"], scale["100k"]["cold"]
    lines.append(
        f"| {a['n']} mixed (words, facets, both) | {a['median']:.1f} | {a['p95']:.1f} | {b['median']:.1f} | "
        f"{b['p95']:.1f} |"
    )
    lines += ["", f"Whole run: {seconds / 60:.1f} minutes."]
    section_write("pages", lines)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
