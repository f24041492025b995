"""make bench-modifications: the diff between two versions of the large application (30 partners × 6 cost categories
× 6 periods, 8 work packages; issue 19's performance line) — queries and p50/p95 of the diff page over 50 requests
(Django's test client, production settings), and of the pure diff function alone. Prints the figures and writes them
to bench/RESULTS.md.

Target (issue 19): p95 ≤ 250 ms for the diff page. Printed and recorded, never asserted.
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
DATABASE = os.environ.get("BENCH_MODIFICATIONS_DB", "interact_bench_modifications")  # created when missing
MAX_P95_MS = 250


def main() -> None:
    run = case_run(DATABASE, "modifications_case.py", str(REQUESTS))
    env, started, load, figures = run.env, run.started, run.load, run.figures
    changes, cells = figures.pop("changes"), figures.pop("cells")
    lines = [
        "## The diff between two versions of a large application (make bench-modifications)",
        "",
        f"{time.strftime('%Y-%m-%d')}, commit {commit()}. Machine: {machine(env)}. The large application of "
        "bench-application (30 partners × 6 cost categories × 6 periods, 8 work packages), contracted, version 1 "
        "at the contract and version 2 after a modification's edits: 6 partners' contact changed, 15 partners' "
        "budget cells changed in two periods, 3 work packages renamed, an activity added and one removed, 4 output "
        f"targets changed — {changes} reported changes, {cells} of them budget cells. Django's test client in one "
        f"process, production settings (DEBUG off), signed in as the project's manager; load average {load:.1f} at "
        f"the start (the machine is shared); queries of one request, then {REQUESTS} requests of "
        f"`?from=1&to=2`, as readers meet it (the diff cached once computed: versions never change) and with the "
        "cache bypassed (every request reads both versions' answers and computes the diff); the pure function "
        f"`version_diff(old, new)` {REQUESTS} times on the two stored answers.",
        "",
        "| measured | queries | p50 ms | p95 ms | status | within target |",
        "|---|---|---|---|---|---|",
    ]
    for name, f in figures.items():
        ok = f["p95"] <= MAX_P95_MS and f["status"] == 200
        lines.append(
            f"| `{name}` | {f['queries']} | {f['p50']:.1f} | {f['p95']:.1f} | {f['status']} | {'yes' if ok else 'no'} |"
        )
    lines += ["", f"Target (issue 19): p95 ≤ {MAX_P95_MS} ms. Whole run: {time.monotonic() - started:.0f} s."]
    section_write("modifications", lines)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
