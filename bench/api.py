"""make bench-api: the open-data API's project list on the scale data of make bench (interact_bench, 100,000
projects: loaded by make bench, never here), p50/p95 and queries per page; writes its section of bench/RESULTS.md.
Target (issue 21): API list p95 ≤ 50 ms."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.money import commit  # noqa: E402
from bench.results import section_write  # noqa: E402
from bench.run import ROOT, database_url, env_for, machine, manage  # noqa: E402

REQUESTS = os.environ.get("BENCH_REQUESTS", "100")
DATABASE = os.environ.get("BENCH_API_DB", "interact_bench")
TARGET_MS = 50


def main() -> None:
    started = time.perf_counter()
    load = os.getloadavg()[0]
    env = env_for(database_url(DATABASE))
    env["DJANGO_ALLOWED_HOSTS"] += ",testserver"  # Django's test client
    env["API_RATE_ANONYMOUS"] = "1000000/m"  # counted as always (a cache read and write), never reached
    loaded = manage(env, "shell", "-c", "from interact_portal.demo.scale import scale_loaded; print(scale_loaded())")
    if loaded.strip().splitlines()[-1] != "True":
        sys.exit(f"{DATABASE} has no scale data: run make bench first (it loads it once)")
    out = subprocess.run(
        [sys.executable, "bench/api_case.py", REQUESTS], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    lines = [
        "## Open-data API (make bench-api)",
        "",
        f"{time.strftime('%Y-%m-%d')}, commit {commit()}. Machine: {machine(env)}. Scale data of make bench "
        f"({DATABASE}, {result['public']:,} public projects). Django's test client in one process, production "
        f"settings, anonymous (the rate limit counted in Redis as always); {result['requests']} requests per page "
        "after 3 warm-up requests.",
        "",
        "| page | rows | queries | SQL p50 ms | p50 ms | p95 ms | status | within target |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, page in result["pages"].items():
        within = page["p95"] <= TARGET_MS and page["status"] == 200
        lines.append(
            f"| {name}: `{page['url'][:60]}` | {page['rows']} | {page['queries']} | {page['sql_p50']:.1f} | "
            f"{page['p50']:.1f} | "
            f"{page['p95']:.1f} | {page['status']} | {'yes' if within else 'no'} |"
        )
    lines += [
        "",
        "SQL p50: the time spent in the database's answers of a request (the rest is Python: middleware, "
        "throttle, serialisation). "
        f"Target (issue 21): API list p95 ≤ {TARGET_MS} ms. Load average at the start {load:.1f}, at the end "
        f"{os.getloadavg()[0]:.1f} (the machine is shared: compare runs at the same load). Whole run: "
        f"{time.perf_counter() - started:.0f} s.",
    ]
    section_write("api", lines)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
