"""make bench-1m (not part of make bench): Kohesio scale. seed_scale loads 1,000,000 projects and 5,000,000 partner
rows into interact_bench_1m (once; the time it took is printed), then the public search is measured at 100,000 and at
1,000,000 projects side by side — warm (wrk, both servers up, alternating runs) and cold (cache bypassed) — with
each database's size. No target yet: the figures set the next one. Appends to bench/RESULTS.md."""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.results import section_write  # noqa: E402
from bench.run import (  # noqa: E402
    ROUND_SECONDS,
    ROUNDS,
    SCALE_PATHS,
    both_scales,
    cold,
    database_url,
    ensure_services,
    env_for,
    machine,
    manage,
    prepare,
)

BIG = os.environ.get("BENCH_DB", "interact_bench")  # the 100,000 projects of make bench
HUGE = os.environ.get("BENCH_1M_DB", "interact_bench_1m")
MILLION = ["--programmes", "300", "--projects", "1000000", "--partners", "5000000", "--organisations", "250000"]


def size(env: dict) -> str:
    code = "from django.db import connection; c = connection.cursor(); "
    code += "c.execute('SELECT pg_size_pretty(pg_database_size(current_database()))'); print(c.fetchone()[0])"
    return manage(env, "shell", "-c", code).strip().splitlines()[-1]


def main() -> None:
    ensure_services()
    started = time.monotonic()
    big, huge = env_for(database_url(BIG)), env_for(database_url(HUGE))
    loaded_big = prepare(big, [])
    seeding = time.monotonic()
    loaded_huge = prepare(huge, MILLION)
    seeded = time.monotonic() - seeding
    print(f"1,000,000 projects: {loaded_huge} ({seeded:.0f} s)", flush=True)
    scale = both_scales({"100k": big, "1m": huge})
    for name, env in (("100k", big), ("1m", huge)):
        scale[name]["cold"] = cold(env)
        scale[name]["size"] = size(env)
    lines = [
        "## Kohesio scale: search at 100,000 and 1,000,000 projects (make bench-1m)",
        "",
        f"{time.strftime('%Y-%m-%d')}. Machine: {machine(big)}. 100k: {loaded_big}; 1m: {loaded_huge} "
        f"(seed_scale {' '.join(MILLION)}; this run's load {seeded:.0f} s). Database sizes: 100k "
        f"{scale['100k']['size']}, 1m {scale['1m']['size']}. Both servers up at once; {ROUNDS} alternating runs of "
        f"{ROUND_SECONDS} s per search and scale (1 connection), median of the runs. No target yet.",
        "",
        "| query | p50 ms at 100k | p50 ms at 1m | p50 ratio | p95 ms at 100k | p95 ms at 1m | p95 ratio |",
        "|---|---|---|---|---|---|---|",
    ]
    for path in SCALE_PATHS:
        a, b = scale["100k"][path], scale["1m"][path]
        lines.append(
            f"| `{path}` | {a['p50']:.1f} | {b['p50']:.1f} | {b['p50'] / a['p50']:.2f} | {a['p95']:.1f} | "
            f"{b['p95']:.1f} | {b['p95'] / a['p95']:.2f} |"
        )
    a, b = scale["100k"]["cold"], scale["1m"]["cold"]
    lines += [
        "",
        "| cold searches (cache bypassed) | median ms at 100k | p95 ms at 100k | median ms at 1m | p95 ms at 1m |",
        "|---|---|---|---|---|",
        f"| {a['n']} mixed (words, facets, both) | {a['median']:.1f} | {a['p95']:.1f} | {b['median']:.1f} | "
        f"{b['p95']:.1f} |",
        "",
        f"Whole run: {(time.monotonic() - started) / 60:.1f} minutes.",
    ]
    section_write("bench-1m", lines)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
