"""make bench-money: the programme money overview on the scale data (bench/run.py's seed, loaded once and reused),
cold (the programme's money generation bumped before each request) and warm; appends to bench/RESULTS.md.
Target (issue 18): p95 ≤ 300 ms cold."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.results import section_write  # noqa: E402
from bench.run import ROOT, database_url, env_for, machine, prepare  # noqa: E402

REQUESTS = os.environ.get("BENCH_REQUESTS", "40")
PROGRAMMES = os.environ.get("BENCH_MONEY_PROGRAMMES", "10")
DATABASE = os.environ.get("BENCH_MONEY_DB", "interact_bench")  # the scale data of make bench


def commit() -> str:
    return subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()


def main() -> None:
    started = time.perf_counter()
    load = os.getloadavg()[0]
    env = env_for(database_url(DATABASE))
    env["DJANGO_ALLOWED_HOSTS"] += ",testserver"  # Django's test client
    loaded = prepare(env, [])
    out = subprocess.run(
        [sys.executable, "bench/money_case.py", REQUESTS, PROGRAMMES],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    within = result["cold_p95"] <= 300 and result["status"] == 200
    lines = [
        "## Programme money overview (make bench-money)",
        "",
        f"{time.strftime('%Y-%m-%d')}, commit {commit()}. Machine: {machine(env)}. Scale data: {loaded}; "
        f"reporting rows {result['seeded']} to every contracted and closed project of the "
        f"{result['programmes']} largest programmes "
        f"({result['partnerreport']:,} partner reports, {result['expenditureline']:,} expenditure lines, "
        f"{result['payment']:,} payments in the database; {result['reports_in_largest']:,} partner reports in the "
        "largest programme). Django's test client in one process, production settings, signed in as a finance "
        f"officer; {result['requests']} requests round the programmes, each cold (money generation bumped) then warm.",
        "",
        "| page | queries cold | queries warm | cold p50 ms | cold p95 ms | warm p50 ms | warm p95 ms | status "
        "| within target |",
        "|---|---|---|---|---|---|---|---|---|",
        f"| `staff:money` | {result['cold_queries']} | {result['warm_queries']} | {result['cold_p50']:.1f} | "
        f"{result['cold_p95']:.1f} | {result['warm_p50']:.1f} | {result['warm_p95']:.1f} | {result['status']} | "
        f"{'yes' if within else 'no'} |",
        "",
        f"Target (issue 18): p95 ≤ 300 ms cold. Load average at the start {load:.1f}, at the end "
        f"{os.getloadavg()[0]:.1f} (the machine is shared: compare runs at the same load). Whole run: "
        f"{time.perf_counter() - started:.0f} s.",
    ]
    section_write("money", lines)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
