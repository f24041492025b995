"""make bench-languages: every public page in English, German and Polish (issue 20's performance line) — the queries
of one request in each language and p50/p95 over requests taking turns between the languages (Django's test client,
production settings, anonymous), on the demo data in a database of its own (`interact_bench_languages`, created and
seeded when missing). Prints the figures and writes them to bench/RESULTS.md.

Target (issue 20): the language switcher and translated content add no query to a public page, and every page's p95
in another language is within 5 % of English. Printed and recorded, never asserted.
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

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "200"))
DATABASE = os.environ.get("BENCH_LANGUAGES_DB", "interact_bench_languages")  # created when missing
MAX_SLOWER = 0.05


def main() -> None:
    run = case_run(DATABASE, "languages_case.py", str(REQUESTS))
    env, started, load, figures = run.env, run.started, run.load, run.figures
    lines = [
        "## Public pages in English, German and Polish (make bench-languages)",
        "",
        f"{time.strftime('%Y-%m-%d')}, commit {commit()}. Machine: {machine(env)}. The demo data (seed_demo). "
        "Django's test client in one process, production settings (DEBUG off), anonymous; load average "
        f"{load:.1f} at the start (the machine is shared); queries of one request in each language, then {REQUESTS} "
        "requests per language taking turns (English, German, Polish, English, …), so the three meet the same load.",
        "",
        "| page | queries en / de / pl | p50 ms en / de / pl | p95 ms en / de / pl | p95 de, pl vs en "
        "| within target |",
        "|---|---|---|---|---|---|",
    ]
    for page in figures["pages"]:
        q, p50, p95 = page["queries"], page["p50"], page["p95"]
        ratio = {lang: p95[lang] / p95["en"] - 1 for lang in ("de", "pl")}
        same_queries = q["de"] == q["en"] == q["pl"]
        ok = same_queries and all(r <= MAX_SLOWER for r in ratio.values()) and page["status"] == 200
        lines.append(
            f"| `{page['url']}` ({page['what']}) | {q['en']} / {q['de']} / {q['pl']} | {p50['en']:.1f} / "
            f"{p50['de']:.1f} / {p50['pl']:.1f} | {p95['en']:.1f} / {p95['de']:.1f} / {p95['pl']:.1f} | "
            f"{ratio['de']:+.1%}, {ratio['pl']:+.1%} | {'yes' if ok else 'no'} |"
        )
    lines += [
        "",
        f"Target (issue 20): the same queries in every language, and p95 within {MAX_SLOWER:.0%} of English. "
        f"Whole run: {time.monotonic() - started:.0f} s.",
    ]
    section_write("languages", lines)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
