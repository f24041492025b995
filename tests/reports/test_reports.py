"""Reports produced from the database: their content, who may ask for and download them, and their progress."""

import csv
import io

import openpyxl
import pytest
from django.http import Http404
from django.urls import reverse
from pypdf import PdfReader

from interact_portal.notifications.models import Notification
from interact_portal.reports import services, writers
from interact_portal.reports.models import Report, ReportStatus
from interact_portal.reports.services import report_generate, report_request
from projects.search_index import search_index_refresh
from projects.services.assessment import assessors_assign, eligibility_record, quality_record
from projects.workflow import Status
from tests.factories import ProjectFactory, RegistrationFactory, UserFactory
from tests.staff.conftest import all_passed, all_scored

pytestmark = pytest.mark.django_db


def produce(django_capture_on_commit_callbacks, user, kind, format, **parameters) -> Report:
    with django_capture_on_commit_callbacks(execute=False):
        report = report_request(user=user, kind=kind, format=format, parameters=parameters)
    assert report_generate(report_id=report.pk)
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE and report.percent == 100, report.error
    return report


def workbook(report: Report):
    with report.file.open("rb") as f:
        return openpyxl.load_workbook(io.BytesIO(f.read()), read_only=True)


def scored(office):
    eligibility_record(project=office.project, by=office.officer, results=all_passed())
    assessors_assign(project=office.project, by=office.officer, assessors=[office.assessor])
    quality_record(project=office.project, by=office.assessor, scores=all_scored(4))


def test_call_report_holds_applications_partners_budgets_scores(office, django_capture_on_commit_callbacks):
    scored(office)
    ProjectFactory(programme=office.programme, call=office.call, status=Status.DRAFT)  # drafts are not reported
    report = produce(django_capture_on_commit_callbacks, office.officer, "call", "xlsx", call=office.call.pk)
    book = workbook(report)
    assert book.sheetnames == ["Applications", "Partners", "Scores"]
    header, *rows = [list(r) for r in book["Applications"].iter_rows(values_only=True)]
    row = dict(zip(header, rows[0], strict=True))
    assert len(rows) == 1 and row["Acronym"] == "DANUBE-AIR" and row["Status"] == "Eligible"
    budgets = [p.budget for p in office.project.partners.all()]
    assert row["Partners"] == 2 and row["Total budget (EUR)"] == float(sum(budgets))
    assert row["Partner countries"] == "AT; SK" and row["Average weighted score"] == 4 and row["Eligible"] == "Yes"
    assert len(list(book["Partners"].iter_rows())) == 3 and len(list(book["Scores"].iter_rows())) == 6
    assert report.rows == 1 + 2 + 5


def test_call_report_csv_is_the_applications_sheet_by_copy(office, django_capture_on_commit_callbacks):
    report = produce(django_capture_on_commit_callbacks, office.officer, "call", "csv", call=office.call.pk)
    with report.file.open("rb") as f:
        rows = list(csv.reader(io.StringIO(f.read().decode("utf-8-sig"))))
    assert rows[0][:4] == ["Application", "Acronym", "Title", "Status"]
    assert [r[1] for r in rows[1:]] == ["DANUBE-AIR"] and report.rows == 1


def test_programme_report_has_only_funded_projects_and_a_printable_summary(office, django_capture_on_commit_callbacks):
    funded = ProjectFactory(programme=office.programme, status=Status.CONTRACTED, acronym="FUNDED")
    search_index_refresh([funded.pk])
    report = produce(
        django_capture_on_commit_callbacks, office.programme_manager, "programme", "xlsx", programme=office.programme.pk
    )
    projects = [r[1] for r in workbook(report)["Projects"].iter_rows(min_row=2, values_only=True)]
    assert projects == ["FUNDED"]  # the submitted application is not a funded project
    pdf = produce(
        django_capture_on_commit_callbacks, office.programme_manager, "programme", "pdf", programme=office.programme.pk
    )
    with pdf.file.open("rb") as f:
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(f.read())).pages)
    assert "Programme report" in text and "FUNDED" in text


def test_search_report_has_the_rows_of_the_search(office, django_capture_on_commit_callbacks):
    for acronym in ("HEATWISE", "COLDWISE"):
        search_index_refresh([ProjectFactory(programme=office.programme, status=Status.APPROVED, acronym=acronym).pk])
    applicant = UserFactory()
    report = produce(django_capture_on_commit_callbacks, applicant, "search", "xlsx", query="q=heatwise&bogus=1")
    rows = list(workbook(report)["Projects"].iter_rows(min_row=2, values_only=True))
    assert [r[1] for r in rows] == ["HEATWISE"] and report.parameters == {"query": "q=heatwise"}


def test_attendance_report_needs_the_event_permission(db, django_capture_on_commit_callbacks):
    registration = RegistrationFactory(organisation_name="Interact Office Vienna")
    with pytest.raises(Http404):
        report_request(
            user=UserFactory(is_staff=True),
            kind="attendance",
            format="csv",
            parameters={"event": registration.event_id},
        )
    admin = UserFactory(is_staff=True, is_superuser=True)
    report = produce(django_capture_on_commit_callbacks, admin, "attendance", "csv", event=registration.event_id)
    with report.file.open("rb") as f:
        assert "Interact Office Vienna" in f.read().decode()


@pytest.mark.parametrize("who", ["other_staff", "manager"])  # another programme's staff; an applicant
def test_nobody_asks_for_a_report_on_a_programme_they_do_not_staff(client, office, who):
    client.force_login(getattr(office, who))
    response = client.post(reverse("reports:new"), {"kind": "call", "format": "xlsx", "call": office.call.pk})
    assert response.status_code == 404 and not Report.objects.exists()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ({"kind": "nope", "format": "xlsx"}, "Unknown report kind"),
        ({"kind": "call", "format": "pdf", "call": "1"}, "not available in that format"),
        ({"kind": "call", "format": "csv", "call": "x"}, "Choose what the report is about"),
    ],
)
def test_bad_requests_are_400_with_the_reason(client, office, data, reason):
    client.force_login(office.officer)
    response = client.post(reverse("reports:new"), data)
    assert response.status_code == 400 and reason in response.content.decode()
    assert client.get(reverse("reports:new")).status_code == 405


def test_download_is_for_the_requester_and_the_programmes_staff_only(
    client, office, django_capture_on_commit_callbacks
):
    report = produce(django_capture_on_commit_callbacks, office.officer, "call", "xlsx", call=office.call.pk)
    url = reverse("reports:download", args=[report.pk])
    assert client.get(url).status_code == 302  # to the login page
    expected = {"officer": 200, "programme_manager": 200, "assessor": 200, "other_staff": 404, "manager": 404}
    got = {}
    for who in expected:
        client.force_login(getattr(office, who))
        response = client.get(url)
        got[who] = response.status_code
        if response.status_code == 200:
            assert (
                response["Content-Disposition"].startswith("attachment")
                and b"".join(response.streaming_content)[:2] == b"PK"
            )
    assert got == expected
    assert Notification.objects.filter(recipient=office.officer, event="report.done").count() == 1


def test_progress_is_stored_while_writing_and_the_row_stops_polling_when_done(
    client, office, django_capture_on_commit_callbacks, monkeypatch
):
    for i in range(6):
        ProjectFactory(programme=office.programme, call=office.call, status=Status.SUBMITTED, acronym=f"A{i}")
    monkeypatch.setattr(writers, "CHUNK", 2)
    seen = []
    original = services._progress

    def recording(report, total):
        store = original(report, total)

        def progress(done):
            store(done)
            seen.append(Report.objects.values_list("percent", flat=True).get(pk=report.pk))

        return progress

    monkeypatch.setattr(services, "_progress", recording)
    client.force_login(office.officer)
    with django_capture_on_commit_callbacks(execute=False):
        client.post(reverse("reports:new"), {"kind": "call", "format": "xlsx", "call": office.call.pk})
    report = Report.objects.get()
    row = client.get(reverse("reports:row", args=[report.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in row and "<progress" in row
    report_generate(report_id=report.pk)
    assert seen and seen == sorted(seen) and seen[0] > 0 and seen[-1] < 100
    row = client.get(reverse("reports:row", args=[report.pk])).content.decode()
    assert "hx-trigger" not in row and reverse("reports:download", args=[report.pk]) in row
    client.force_login(office.other_staff)
    assert client.get(reverse("reports:row", args=[report.pk])).status_code == 404


def test_a_failing_report_is_marked_failed_with_its_error_and_the_requester_told(
    office, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(*args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "write_xlsx", broken)
    with django_capture_on_commit_callbacks(execute=False):
        report = report_request(user=office.officer, kind="call", format="xlsx", parameters={"call": office.call.pk})
    assert report_generate(report_id=report.pk) is False
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED and "disk full" in report.error and not report.file
    assert Notification.objects.filter(recipient=office.officer, event="report.failed").exists()
    assert report_generate(report_id=report.pk) is False  # a finished report is left alone


def test_admin_action_queues_an_attendance_report(client, db, django_capture_on_commit_callbacks):
    registration = RegistrationFactory()
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(
            reverse("admin:events_event_changelist"),
            {"action": "attendance_report", "_selected_action": [registration.event_id]},
        )
    assert response.status_code == 302 and response["Location"] == reverse("reports:list")
    report = Report.objects.get()
    assert (report.kind, report.format, report.parameters) == ("attendance", "xlsx", {"event": registration.event_id})


def test_search_page_offers_xlsx_to_signed_in_visitors_only(client, db):
    assert "XLSX" not in client.get("/projects/?q=heat").content.decode()
    client.force_login(UserFactory())
    page = client.get("/projects/?q=heat").content.decode()
    assert 'name="kind" value="search"' in page and 'name="query" value="q=heat"' in page
