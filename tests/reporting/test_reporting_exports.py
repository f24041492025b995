"""The reports after the contract, produced by the report task path: expenditure (XLSX, CSV), control backlog and
the list of operations; who may ask for them."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import openpyxl
import pytest
from django.http import Http404
from django.utils import timezone

from interact_portal.reports.models import Report, ReportStatus
from interact_portal.reports.services import report_generate, report_request
from projects.models import ExpenditureLine, PartnerReport
from projects.reporting_money import amounts_of
from tests.factories import UserFactory
from tests.reporting.conftest import report_with_lines

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def produce(capture, user, kind, format, **parameters) -> Report:
    with capture(execute=False):
        report = report_request(user=user, kind=kind, format=format, parameters=parameters)
    assert report_generate(report_id=report.pk)
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE, report.error
    return report


def rows_of(report, sheet=None):
    with report.file.open("rb") as f:
        data = f.read()
    if report.format == "csv":
        return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    return [list(r) for r in book[sheet or book.sheetnames[0]].iter_rows(values_only=True)]


def _reports(contracted):
    lead, second = list(contracted.project.partners.order_by("order", "pk"))[:2]
    certified = report_with_lines(
        lead,
        status="certified",
        lines=[
            {
                "category": "staff",
                "amount": "1000",
                "control": "certified",
                "supplier": "ACME",
                "invoice_number": "F-1",
            },
            {
                "category": "external",
                "amount": "500",
                "control": "deducted",
                "deducted": "100",
                "error_type": "calculation",
            },
            {"category": "travel", "amount": "80", "control": "parked"},
        ],
    )
    in_control = report_with_lines(
        second, status="in_control", lines=[{"category": "staff", "amount": "700", "control": "certified"}]
    )
    report_with_lines(second, period=2, status="draft", lines=[{"category": "staff", "amount": "999"}])
    return certified, in_control


def test_expenditure_xlsx_and_csv_one_row_per_line_of_submitted_reports(contracted, django_capture_on_commit_callbacks):
    certified, in_control = _reports(contracted)
    for format in ("xlsx", "csv"):
        report = produce(
            django_capture_on_commit_callbacks,
            contracted.finance,
            "expenditure",
            format,
            programme=contracted.programme.pk,
        )
        header, *rows = rows_of(report)
        assert len(rows) == 4  # the draft's line is left out
        assert header[:3] == ["Project", "Partner", "Organisation"] and header[-1] == "Certified (EUR)"
        certified_total = sum(Decimal(str(r[-1])) for r in rows)
        # the lines' certified column adds up to the certified report's typed amounts (no flat rate in this call)
        assert certified_total == amounts_of(certified).total_certified == Decimal("1400")
        first = dict(zip(header, rows[0], strict=True))
        assert first["Supplier"] == "ACME" and first["Invoice"] == "F-1"


def test_control_backlog_lists_reports_per_controller_with_age(contracted, django_capture_on_commit_callbacks):
    certified, in_control = _reports(contracted)
    PartnerReport.objects.filter(pk=in_control.pk).update(
        controller=contracted.controller, submitted_at=timezone.now() - timedelta(days=12)
    )
    waiting = report_with_lines(
        contracted.project.partners.order_by("order", "pk").first(), period=2, status="submitted", lines=[]
    )
    report = produce(
        django_capture_on_commit_callbacks,
        contracted.programme_manager,
        "control_backlog",
        "xlsx",
        programme=contracted.programme.pk,
    )
    header, *rows = rows_of(report, "Reports")
    by_report = {(r[1], r[5], r[7]): dict(zip(header, r, strict=True)) for r in rows}
    assert len(rows) == 2  # the certified report and the draft are not in the backlog
    controlled = next(r for r in by_report.values() if r["Status"] == "In control")
    assert controlled["Controller"] == "Clara Controller" and controlled["Age (days)"] == 12
    assert any(r["Status"] == "Submitted" and r["Controller"] == "(not taken yet)" for r in by_report.values())
    header, *summary = rows_of(report, "By controller")
    assert {r[0]: r[1:4] for r in summary} == {"(not taken yet)": [1, 0, 0], "Clara Controller": [0, 1, 0]}
    assert waiting.pk


@pytest.mark.parametrize("format", ["csv", "xlsx"])
def test_operations_report_lists_contracted_projects_without_emails(
    contracted, django_capture_on_commit_callbacks, format
):
    anyone = UserFactory()
    report = produce(
        django_capture_on_commit_callbacks, anyone, "operations", format, programme=contracted.programme.pk
    )
    header, *rows = rows_of(report)
    assert len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    assert row["Operation"] == "DANUBE-AIR" and row["Lead partner"] == "Stadt Wien"
    assert row["Beneficiaries"] == "Stadt Wien; Mesto Bratislava"
    assert "@" not in "".join(str(v) for v in rows[0])
    assert report.programme == contracted.programme
    everything = produce(django_capture_on_commit_callbacks, anyone, "operations", format)
    assert len(rows_of(everything)) == 2


def test_money_reports_for_money_staff_only(contracted):
    for user in (contracted.controller, contracted.manager, UserFactory()):
        for kind in ("expenditure", "control_backlog"):
            with pytest.raises(Http404):
                report_request(user=user, kind=kind, format="xlsx", parameters={"programme": contracted.programme.pk})


def test_expenditure_report_download_for_money_staff(contracted, client, django_capture_on_commit_callbacks):
    _reports(contracted)
    report = produce(
        django_capture_on_commit_callbacks, contracted.finance, "expenditure", "xlsx", programme=contracted.programme.pk
    )
    from django.urls import reverse

    url = reverse("reports:download", args=[report.pk])
    client.force_login(contracted.finance2)
    assert client.get(url).status_code == 200
    client.force_login(contracted.controller)
    assert client.get(url).status_code == 404
    assert ExpenditureLine.objects.count() == 5
