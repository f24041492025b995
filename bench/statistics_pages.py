"""make bench-statistics: the public statistics pages (all programmes, and the largest programme's) on the scale data
of make bench (100,000 projects, loaded once by bench/run.py's seed and reused: this script never loads it), cold (no
figures ever counted), stale (the search index's generation bumped before each request, the figures counted before
shown while a recount is queued) and warm; writes its section of bench/RESULTS.md.
Named statistics_pages.py: a bench/statistics.py would hide the standard library's module from bench/run.py.
Target (issue 21): p95 ≤ 50 ms warm, and stale (what a visitor meets after any write to the index)."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.results import section_write  # noqa: E402
from bench.run import ROOT, database_url, env_for, machine, manage  # noqa: E402
from interact_portal.embedded import ensure_services  # noqa: E402

REQUESTS = os.environ.get("BENCH_REQUESTS", "200")  # warm requests per page
COLD = os.environ.get("BENCH_COLD_REQUESTS", "20")  # cold requests per page (all programmes: seconds each)
DATABASE = os.environ.get("BENCH_STATISTICS_DB", "interact_bench")  # the scale data of make bench
TARGET_WARM_P95 = 50


def commit() -> str:
    return subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()


def main() -> None:
    started = time.perf_counter()
    ensure_services()
    load = os.getloadavg()[0]
    env = env_for(database_url(DATABASE))
    env["DJANGO_ALLOWED_HOSTS"] += ",testserver"  # Django's test client
    code = "from interact_portal.demo.scale import scale_loaded; print(scale_loaded())"
    if manage(env, "shell", "-c", code).strip().splitlines()[-1] != "True":
        sys.exit(f"No scale data in {DATABASE}: run `make bench` (or seed_scale) first; this bench only reads it.")
    manage(env, "collectstatic", "--noinput", "-v0")  # production settings serve hashed static files
    out = subprocess.run(
        [sys.executable, "bench/statistics_pages_case.py", REQUESTS, COLD],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    lines = [
        "## Statistics pages (make bench-statistics)",
        "",
        f"{time.strftime('%Y-%m-%d')}, commit {commit()}. Machine: {machine(env)}. Scale data: {result['projects']:,} "
        f"projects ({result['public']:,} public) and {result['partners']:,} partners, reused. Django's test client in "
        "one process, production settings, anonymous visitor; each page asked "
        f"{result['cold_requests']} times cold (no figures ever counted: the latest figures deleted and the search "
        "index's generation bumped before each request, so the visitor runs the three grouped queries), "
        f"{result['warm_requests']} times stale (the generation bumped before each request, the figures counted "
        'before kept: they are shown with the note "Figures as of …; being updated." and one recount is queued, '
        f"the other requests finding its lock) and {result['warm_requests']} times warm (the figures from the cache).",
        "",
        "| page | queries cold / stale / warm | cold p50 ms | cold p95 ms | stale p50 ms | stale p95 ms | warm p50 ms "
        "| warm p95 ms | status | within target |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for page in result["pages"]:
        within = max(page["warm_p95"], page["stale_p95"]) <= TARGET_WARM_P95 and page["status"] == 200
        lines.append(
            f"| `{page['url']}` ({page['what']}) | {page['cold_queries']} / {page['stale_queries']} / "
            f"{page['warm_queries']} | {page['cold_p50']:.1f} | {page['cold_p95']:.1f} | {page['stale_p50']:.1f} | "
            f"{page['stale_p95']:.1f} | {page['warm_p50']:.1f} | {page['warm_p95']:.1f} | {page['status']} | "
            f"{'yes' if within else 'no'} |"
        )
    lines += [
        "",
        f"Target (issue 21): p95 ≤ {TARGET_WARM_P95} ms warm (here also stale: what a visitor meets after any write "
        "to the index, since the figures are counted again in the background by the Celery task "
        "`projects.statistics.statistics_recount`). Cold (only when no figures were ever counted, or Redis is "
        "away) queries: one transaction (BEGIN, the memory setting, three grouped queries, COMMIT; + the "
        "programme's row); stale and warm: the programme's row only. Load average at the start "
        f"{load:.1f}, at the end {os.getloadavg()[0]:.1f} (the machine is shared: compare runs at the same load). "
        f"Whole run: {time.perf_counter() - started:.0f} s.",
    ]
    section_write("statistics", lines)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
