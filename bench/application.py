"""make bench-application: the budget, partner budget, check and summary pages of an application with 30 partners
× 6 cost categories × 6 periods and 8 work packages (issue 17): queries per request and p50/p95 over ~200
requests with Django's test client, production settings (DEBUG off); writes its table to bench/RESULTS.md.

Targets: ≤ 12 queries and p95 ≤ 150 ms per page. Printed and recorded, never asserted: the pages change.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.cases import case_run  # noqa: E402
from bench.results import section_write  # noqa: E402
from bench.run import ROOT, machine  # noqa: E402

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "200"))
DATABASE = os.environ.get("BENCH_APPLICATION_DB", "interact_bench_application")  # created when missing
MAX_QUERIES, MAX_P95_MS = 12, 150


def main() -> None:
    run = case_run(DATABASE, "application_case.py", str(REQUESTS))
    env, started, load, figures = run.env, run.started, run.load, run.figures
    lines = [
        "## A large application (make bench-application)",
        "",
        f"{time.strftime('%Y-%m-%d')}, commit {commit()}. Machine: {machine(env)}. One application with 30 partners × "
        "6 cost categories × 6 reporting periods (1,080 budget lines), 8 work packages × 3 activities with "
        "deliverables and 2 outputs each, 4 results, funds and own contributions. Django's test client in one "
        f"process, production settings (DEBUG off), signed in as the application's manager; load average {load:.1f} "
        "at the start (the machine is shared: compare pages of one run, not runs); queries of one request "
        f"(CaptureQueriesContext), then {REQUESTS} requests per page (the partner budget page: every partner's in "
        "turn). Pages not built yet in the code measured are left out.",
        "",
        "| page | queries | p50 ms | p95 ms | status | within targets |",
        "|---|---|---|---|---|---|",
    ]
    for name, f in figures.items():
        ok = f["queries"] <= MAX_QUERIES and f["p95"] <= MAX_P95_MS and f["status"] == 200
        lines.append(
            f"| `{name}` ({f['urls']} URL{'s' if f['urls'] > 1 else ''}) | {f['queries']} | {f['p50']:.1f} | "
            f"{f['p95']:.1f} | {f['status']} | {'yes' if ok else 'no'} |"
        )
    lines += [
        "",
        f"Targets (issue 17): ≤ {MAX_QUERIES} queries and p95 ≤ {MAX_P95_MS} ms per page. "
        f"Whole run: {time.monotonic() - started:.0f} s.",
    ]
    section_write("application", lines)
    print("\n".join(lines))


def commit() -> str:
    return subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout.strip()


if __name__ == "__main__":
    main()
