"""make bench-reporting: a partner report with 2,000 expenditure lines — queries and p50/p95 of its expenditure page
over 50 requests (Django's test client, production settings) — and importing 10,000 lines from CSV and XLSX (seconds,
one transaction). Prints the figures and writes them to bench/RESULTS.md.

Targets (issue 18): ≤ 12 queries and p95 ≤ 200 ms for the page; the import ≤ 10 s. Printed and recorded, never
asserted.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.application import commit  # noqa: E402
from bench.cases import case_run  # noqa: E402
from bench.results import section_write  # noqa: E402
from bench.run import machine  # noqa: E402

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "50"))
DATABASE = os.environ.get("BENCH_REPORTING_DB", "interact_bench_reporting")  # created when missing
MAX_QUERIES, MAX_P95_MS, MAX_IMPORT_S = 12, 200, 10


def main() -> None:
    run = case_run(DATABASE, "reporting_case.py", str(REQUESTS))
    env, started, load, figures = run.env, run.started, run.load, run.figures
    lines = [
        "## A partner report with 2,000 lines, and importing 10,000 (make bench-reporting)",
        "",
        f"{time.strftime('%Y-%m-%d')}, commit {commit()}. Machine: {machine(env)}. The large application of "
        "bench-application, contracted; one partner report with 2,000 expenditure lines. Django's test client in "
        f"one process, production settings (DEBUG off), signed in as the project's manager; load average {load:.1f} "
        f"at the start (the machine is shared); queries of one request, then {REQUESTS} requests per page. The "
        "imports: 10,000 lines (a fifth in CZK) into another partner's report, one transaction each, timed around "
        "the service (reading, checking every row, one bulk insert, commit).",
        "",
        "| page | queries | p50 ms | p95 ms | status | within targets |",
        "|---|---|---|---|---|---|",
    ]
    for name, f in figures.items():
        if "queries" not in f:
            continue
        ok = f["queries"] <= MAX_QUERIES and f["p95"] <= MAX_P95_MS and f["status"] == 200
        lines.append(
            f"| {name} | {f['queries']} | {f['p50']:.1f} | {f['p95']:.1f} | {f['status']} | {'yes' if ok else 'no'} |"
        )
    lines += ["", "| import | lines | seconds | within target |", "|---|---|---|---|"]
    for name, f in figures.items():
        if "seconds" in f:
            ok = f["seconds"] <= MAX_IMPORT_S
            lines.append(f"| {name} | {f['lines']:,} | {f['seconds']:.2f} | {'yes' if ok else 'no'} |")
    lines += [
        "",
        f"Targets (issue 18): ≤ {MAX_QUERIES} queries and p95 ≤ {MAX_P95_MS} ms for the page; an import of 10,000 "
        f"lines ≤ {MAX_IMPORT_S} s. Whole run: {time.monotonic() - started:.0f} s.",
    ]
    section_write("reporting", lines)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
