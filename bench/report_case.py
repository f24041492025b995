"""One report on the scale data, in a fresh process: PostgreSQL's COPY of the same rows, then the report itself
through the same code the Celery worker runs. Prints one JSON line: seconds, rows, rows/s, peak RSS.

Usage (by bench/reports.py): python bench/report_case.py KIND FORMAT PARAMETERS-JSON
"""

import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interact_portal.settings")

import django  # noqa: E402

django.setup()


from interact_portal.accounts.models import User  # noqa: E402
from interact_portal.reports.models import Report  # noqa: E402
from interact_portal.reports.registry import KINDS, Sheet  # noqa: E402
from interact_portal.reports.services import report_generate  # noqa: E402
from interact_portal.reports.writers import copy_rows, write_csv, write_xlsx  # noqa: E402
from partnerships.models import ProjectPartner  # noqa: E402


class _Null:
    def write(self, data):
        return len(data)


def copy_seconds(sheets: list[Sheet]) -> float:
    """PostgreSQL's own COPY of the same SELECTs, to /dev/null: the floor a CSV writer is measured against."""
    started = time.perf_counter()
    for sheet in sheets:
        copy_rows(sheet, _Null())
    return time.perf_counter() - started


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(kind: str, format: str, parameters: dict) -> dict:
    baseline = peak_mb()
    if kind == "all_partners":  # the 500,000 partner rows in one sheet, written by the reports' own writer
        columns = [
            (n, n)
            for n in (
                "project_id",
                "abbreviation",
                "role",
                "organisation__name",
                "organisation__country_id",
                "organisation__nuts_region__code",
                "budget",
                "cofinancing_rate",
            )
        ]
        sheets = [Sheet("Partners", columns, ProjectPartner.objects.order_by("pk"))]
        floor = copy_seconds(sheets)
        started = time.perf_counter()
        with tempfile.NamedTemporaryFile(suffix=f".{format}") as out:
            if format == "csv":
                rows = write_csv(sheets[0], out.name, lambda done: None)
            else:
                rows = write_xlsx(sheets, out.name, lambda done: None)
            seconds = time.perf_counter() - started
            size = os.path.getsize(out.name)
    else:
        sheets = KINDS[kind].sheets(parameters)
        floor = copy_seconds(sheets[:1] if format == "csv" else sheets) if format != "pdf" else None
        user, _ = User.objects.get_or_create(email="bench-reports@example.org", defaults={"is_superuser": True})
        report = Report.objects.create(
            kind=kind, format=format, parameters=parameters, title=f"bench {kind}", requested_by=user
        )
        started = time.perf_counter()
        assert report_generate(report_id=report.pk)
        seconds = time.perf_counter() - started
        report.refresh_from_db()
        rows, size = report.rows, report.file.size
        report.file.delete(save=False)
        report.delete()
    return {
        "seconds": seconds,
        "rows": rows,
        "rows_per_s": rows / seconds if seconds else 0,
        "copy_seconds": floor,
        "peak_mb": peak_mb(),
        "baseline_mb": baseline,
        "file_mb": size / 1024 / 1024,
    }


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2], json.loads(sys.argv[3]))))
