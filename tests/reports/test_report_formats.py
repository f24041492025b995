"""Files people open: labels instead of codes, times with their zone, a CSV that spreadsheets read as UTF-8, and a
programme report PDF that names its programme and date, right-aligns amounts and is tagged for screen readers."""

import csv
import io
import re
from datetime import UTC, datetime
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from interact_portal.core.formatting import format_date
from programmes.models import Call
from projects.models import Project
from projects.search_index import search_index_refresh
from projects.workflow import Status
from tests.factories import ProjectFactory, ProjectPartnerFactory
from tests.reports.test_reports import produce, scored, workbook

pytestmark = pytest.mark.django_db

SUBMITTED = datetime(2026, 12, 10, 14, 25, tzinfo=UTC)


def _csv(report) -> bytes:
    with report.file.open("rb") as f:
        return f.read()


def test_call_report_shows_labels_not_codes(office, django_capture_on_commit_callbacks):
    scored(office)
    report = produce(django_capture_on_commit_callbacks, office.officer, "call", "xlsx", call=office.call.pk)
    book = workbook(report)
    header, *rows = [list(r) for r in book["Applications"].iter_rows(values_only=True)]
    application = dict(zip(header, rows[0], strict=True))
    assert application["Status"] == "Eligible" and application["Eligible"] == "Yes"
    header, *rows = [list(r) for r in book["Partners"].iter_rows(values_only=True)]
    assert sorted(dict(zip(header, r, strict=True))["Role"] for r in rows) == ["Lead partner", "Project partner"]
    header, *rows = [list(r) for r in book["Scores"].iter_rows(values_only=True)]
    assert [dict(zip(header, r, strict=True))["Criterion"] for r in rows][:3] == [
        "Relevance",
        "Partnership",
        "Work plan",
    ]


def test_call_report_times_are_in_the_calls_zone_and_say_so(office, django_capture_on_commit_callbacks):
    Project.objects.filter(pk=office.project.pk).update(submitted_at=SUBMITTED)
    Call.objects.filter(pk=office.call.pk).update(timezone="Europe/Helsinki")
    zone, local = "Europe/Helsinki", datetime(2026, 12, 10, 16, 25)  # 14:25 UTC is 16:25 in Helsinki
    report = produce(django_capture_on_commit_callbacks, office.officer, "call", "xlsx", call=office.call.pk)
    header, row = [list(r) for r in workbook(report)["Applications"].iter_rows(values_only=True)]
    column = next(h for h in header if h.startswith("Submitted"))
    assert zone in column  # "Submitted (Europe/Brussels time)"
    assert dict(zip(header, row, strict=True))[column] == local
    report = produce(django_capture_on_commit_callbacks, office.officer, "call", "csv", call=office.call.pk)
    header, row = list(csv.reader(io.StringIO(_csv(report).decode("utf-8-sig"))))
    assert dict(zip(header, row, strict=True))[column] == local.strftime("%Y-%m-%d %H:%M:%S")
    assert dict(zip(header, row, strict=True))["Status"] == "Submitted"


def test_csv_starts_with_a_byte_order_mark(office, django_capture_on_commit_callbacks):
    office.lead.organisation.name = "Austria–Czechia Office"
    office.lead.organisation.save()
    report = produce(django_capture_on_commit_callbacks, office.officer, "call", "csv", call=office.call.pk)
    data = _csv(report)
    assert data.startswith(b"\xef\xbb\xbfApplication,")
    assert "Austria–Czechia Office" in data.decode("utf-8-sig")


def test_programme_report_pdf_names_programme_and_date_and_is_tagged(office, django_capture_on_commit_callbacks):
    funded = ProjectFactory(programme=office.programme, status=Status.CONTRACTED, acronym="FUNDED")
    search_index_refresh([funded.pk])
    report = produce(
        django_capture_on_commit_callbacks, office.programme_manager, "programme", "pdf", programme=office.programme.pk
    )
    with report.file.open("rb") as f:
        data = f.read()
    pdf = PdfReader(io.BytesIO(data))
    text = "".join(page.extract_text() for page in pdf.pages)
    today = format_date(timezone.now())
    assert office.programme.name in text and today in text
    assert "FUNDED Contracted" in text  # the status label, not the code "contracted"
    assert office.programme.name in pdf.metadata.title and today in pdf.metadata.title
    catalog = pdf.trailer["/Root"]
    assert catalog["/Lang"] == "en" and "/StructTreeRoot" in catalog and "/Outlines" in catalog
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"]


def test_programme_report_pdf_right_aligns_amounts(office, django_capture_on_commit_callbacks):
    for acronym, budget in (("SMALL", Decimal("5")), ("LARGE", Decimal("1234567"))):
        funded = ProjectFactory(programme=office.programme, status=Status.CONTRACTED, acronym=acronym)
        ProjectPartnerFactory(project=funded, budget=budget)
        search_index_refresh([funded.pk])
    report = produce(
        django_capture_on_commit_callbacks, office.programme_manager, "programme", "pdf", programme=office.programme.pk
    )
    with report.file.open("rb") as f:
        page = PdfReader(io.BytesIO(f.read())).pages[0]
    starts = {}  # the last occurrence of each text: the project list comes last

    def visitor(text, cm, tm, font, size):
        starts[text.strip()] = tm[4]

    page.extract_text(visitor_text=visitor)
    assert "€5.00" in starts and "€1,234,567.00" in starts
    width = starts["€5.00"] - starts["€1,234,567.00"]  # left-aligned, both would start at the same x
    assert width > 20


def test_staff_application_page_shows_criterion_labels(client, office):
    scored(office)
    client.force_login(office.officer)
    page = client.get(reverse("staff:application", args=[office.programme.slug, office.project.pk])).content.decode()
    assert "Work_plan" not in page
    assert re.search(r">Work plan \(25 %\)<", page)


def test_every_csv_export_starts_with_a_byte_order_mark(client, office):
    from events.exports import participant_rows
    from tests.factories import RegistrationFactory, UserFactory

    public = b"".join(client.get(reverse("database:export_csv")).streaming_content)
    assert public.startswith(b"\xef\xbb\xbfid,acronym,")
    registration = RegistrationFactory(organisation_name="Austria–Czechia Office")
    participants = "".join(participant_rows([registration.event_id], user=UserFactory(is_superuser=True)))
    assert participants.startswith("\ufeff") and "Austria–Czechia Office" in participants


def test_workbook_amounts_are_numbers_with_a_money_format(office, django_capture_on_commit_callbacks):
    report = produce(django_capture_on_commit_callbacks, office.officer, "call", "xlsx", call=office.call.pk)
    with report.file.open("rb") as f:
        sheet = openpyxl.load_workbook(io.BytesIO(f.read()))["Applications"]
    header = [c.value for c in sheet[1]]
    budget = sheet.cell(row=2, column=header.index("Total budget (EUR)") + 1)
    assert budget.value == 200000 and budget.number_format == "#,##0.00"
    partners = sheet.cell(row=2, column=header.index("Partners") + 1)
    assert partners.value == 2 and partners.number_format == "General"
