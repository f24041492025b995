"""make bench-reports: every report kind on the scale data, rows/s and peak memory, next to PostgreSQL's COPY of
the same rows; writes its table to bench/RESULTS.md. Each report runs in its own process, so its peak RSS is its own.
"""

import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.results import section_write  # noqa: E402
from bench.run import ROOT, database_url, env_for, machine, manage, prepare  # noqa: E402
from interact_portal.embedded import ensure_services  # noqa: E402

MARK = "## Reports (make bench-reports)"


def targets(env: dict) -> dict:
    code = (
        "import json; from django.db.models import Count; from programmes.models import Call, Programme;"
        "from events.models import Event;"
        "c = Call.objects.annotate(n=Count('projects')).order_by('-n', 'pk').first();"
        "p = Programme.objects.annotate(n=Count('projects')).order_by('-n', 'pk').first();"
        "e = Event.objects.annotate(n=Count('registrations')).order_by('-n', 'pk').first();"
        "print(json.dumps({'call': c.pk, 'programme': p.pk, 'event': e.pk}))"
    )
    return json.loads(manage(env, "shell", "-c", code).strip().splitlines()[-1])


def run(env: dict, kind: str, format: str, parameters: dict) -> dict:
    out = subprocess.run(
        [sys.executable, "bench/report_case.py", kind, format, json.dumps(parameters)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    ensure_services()
    env = env_for(database_url("interact_bench"))
    load = prepare(env, [])
    ids = targets(env)
    cases = [
        ("call report", "call", "xlsx", {"call": ids["call"]}),
        ("call report", "call", "csv", {"call": ids["call"]}),
        ("programme report, largest programme", "programme", "xlsx", {"programme": ids["programme"]}),
        ("programme report, largest programme", "programme", "pdf", {"programme": ids["programme"]}),
        ("programme report, all programmes", "programme", "xlsx", {}),
        ("attendance, largest event", "attendance", "xlsx", {"event": ids["event"]}),
        ("attendance, largest event", "attendance", "csv", {"event": ids["event"]}),
        ("database search, all projects", "search", "xlsx", {"query": ""}),
        ("every partner row (the reports' writer)", "all_partners", "xlsx", {}),
        ("every partner row (the reports' writer)", "all_partners", "csv", {}),
    ]
    lines = [
        MARK,
        "",
        f"Machine: {machine(env)}. Scale data: {load}. Run {time.strftime('%Y-%m-%d %H:%M')}.",
        "Each report runs in a fresh process through the worker's own code (`report_generate`); peak RSS is that "
        "process's maximum resident set, Django included (its baseline before the report is shown). COPY is "
        "PostgreSQL's `COPY (same SELECT) TO STDOUT` of the same rows, to /dev/null.",
        "",
        "| report | format | rows | seconds | rows/s | COPY s | × COPY | peak RSS MB (baseline) | file MB |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label, kind, format, parameters in cases:
        r = run(env, kind, format, parameters)
        ratio = f"{r['seconds'] / r['copy_seconds']:.1f}" if r["copy_seconds"] else "—"
        copy = f"{r['copy_seconds']:.2f}" if r["copy_seconds"] is not None else "—"
        line = (
            f"| {label} | {format} | {r['rows']:,} | {r['seconds']:.2f} | {r['rows_per_s']:,.0f} | {copy} | {ratio} "
            f"| {r['peak_mb']:.0f} ({r['baseline_mb']:.0f}) | {r['file_mb']:.1f} |"
        )
        print(line, flush=True)
        lines.append(line)
    lines += ["", "Targets: CSV ≤ 3× COPY; XLSX of 500,000 partner rows ≤ 60 s and ≤ 200 MB peak RSS."]
    section_write("reports", lines)


if __name__ == "__main__":
    main()
