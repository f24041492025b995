"""A partner report with 2,000 expenditure lines, measured in this process with Django's test client (queries of one
request, p50/p95 of its expenditure page: the first page and a page deep in the keyset), and an import of 10,000
lines from CSV and from XLSX (seconds, one transaction each; the imported lines are deleted afterwards). Prints one
JSON line.

The project is bench/application_case.py's large application, contracted (started 13 months ago).

Usage (by bench/reporting.py): python bench/reporting_case.py REQUESTS
"""

import csv
import io
import json
import os
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interact_portal.settings")

import django  # noqa: E402

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench.application_case import application, measure  # noqa: E402
from partnerships.budget import CostOptions  # noqa: E402
from projects.expenditure_import import COLUMNS, import_lines  # noqa: E402
from projects.models import ExpenditureLine, PartnerReport  # noqa: E402
from projects.reporting_money import line_eur  # noqa: E402
from projects.workflow import Status  # noqa: E402

LINES, IMPORTED = 2000, 10_000


def contracted():
    project, user = application()
    if project.status != Status.CONTRACTED:
        start = date.today().replace(day=1) - timedelta(days=400)
        project.start_date, project.end_date, project.status = start, start + timedelta(days=1090), Status.CONTRACTED
        project.save(update_fields=["start_date", "end_date", "status"])
    return project, user


def report_with_lines(project, partner, category: str) -> PartnerReport:
    report, created = PartnerReport.objects.get_or_create(
        partner=partner, period=1, defaults={"project": project, "number": 1, "summary": "Bench."}
    )
    if created or not report.lines.exists():
        ExpenditureLine.objects.filter(report=report).delete()
        ExpenditureLine.objects.bulk_create(
            ExpenditureLine(
                report=report,
                partner=partner,
                number=n,
                category=category,
                description=f"Invoice {n} of the bench",
                supplier=f"Supplier {n % 37}",
                invoice_number=f"B-{n}",
                invoice_date=project.start_date + timedelta(days=n % 300),
                amount=Decimal(100 + n),
                currency="EUR",
                rate=Decimal(1),
                amount_eur=line_eur(Decimal(100 + n), "EUR", Decimal(1)),
            )
            for n in range(1, LINES + 1)
        )
    return report


def rows(project, category: str) -> list[list[str]]:
    day = (project.start_date + timedelta(days=30)).isoformat()
    out = []
    for n in range(1, IMPORTED + 1):
        values = {
            "category": category,
            "work_package": str(1 + n % 8),
            "description": f"Imported cost {n}",
            "supplier": f"Import supplier {n % 101}",
            "invoice_number": f"I-{n}",
            "invoice_date": day,
            "payment_date": day,
            "amount": f"{n}.{n % 100:02d}",
            "currency": "EUR" if n % 5 else "CZK",
            "rate": "" if n % 5 else "25.125",
        }
        out.append([values[c] for c in COLUMNS])
    return out


def csv_upload(data) -> SimpleUploadedFile:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerows(data)
    return SimpleUploadedFile("bench.csv", out.getvalue().encode())


def xlsx_upload(data) -> SimpleUploadedFile:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(COLUMNS)
    for row in data:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("bench.xlsx", out.getvalue())


def timed_import(report, user, upload) -> float:
    ExpenditureLine.objects.filter(report=report).delete()
    started = time.perf_counter()
    count = import_lines(report=report, by=user, upload=upload)
    seconds = time.perf_counter() - started
    assert count == IMPORTED, count
    ExpenditureLine.objects.filter(report=report).delete()
    return seconds


def main(requests: int) -> dict:
    project, user = contracted()
    category = CostOptions.of(project.call).typed[0]
    partners = list(project.partners.order_by("order")[:2])
    report = report_with_lines(project, partners[0], category)
    client = Client()
    client.force_login(user)
    url = reverse("projects:partner_report_lines", args=[project.pk, report.pk])
    figures = {
        "expenditure page 1": measure(client, [url], requests),
        "expenditure page 40 (?after=1950)": measure(client, [f"{url}?after=1950"], requests),
    }
    target, _ = PartnerReport.objects.get_or_create(
        partner=partners[1], period=1, defaults={"project": project, "number": 1}
    )
    data = rows(project, category)
    figures["import CSV"] = {"seconds": timed_import(target, user, csv_upload(data)), "lines": IMPORTED}
    figures["import XLSX"] = {"seconds": timed_import(target, user, xlsx_upload(data)), "lines": IMPORTED}
    return figures


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)))
