"""Closure (issue 19, item 7): the closure section (its opening rule, the managers' save and its lock, the picture),
closing by staff refused with each reason, closing and reopening through the workflow table, reopening audited and
for programme managers only, and the pages' answers and constant query counts."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from interact_portal.audit.models import AuditEntry
from interact_portal.notifications.models import Notification
from projects.closure import close_problems, closure_refusal, final_period, indicator_rows
from projects.models import (
    Modification,
    Project,
    ProjectClosure,
    ProjectReport,
    ReportIndicatorValue,
    ReportingDeadline,
)
from projects.modification_workflow import ModificationStatus
from projects.reporting_workflow import ProjectReportStatus
from projects.services.closure import CloseRefused, closure_save, project_close, project_reopen
from projects.services.project_reports import project_report_create
from projects.services.versioning import StaleVersion
from projects.services.workflow import project_transition
from projects.workflow import ALLOWED_TRANSITIONS, Status, can_transition
from tests.factories import UserFactory
from tests.modifications import closure_world
from tests.modifications.closure_world import PNG, WEBP, _final_report, _in_final_period, _ready_to_close, _save, _texts

closing = closure_world.closing  # the fixture

# --- the opening rule ------------------------------------------------------------------------------------------


def test_the_closure_section_opens_when_the_final_period_starts(in_force):
    assert final_period(in_force.project) == 5
    assert "final reporting period" in closure_refusal(in_force.project)
    with pytest.raises(ValidationError):
        _save(in_force)
    _in_final_period(in_force)
    assert closure_refusal(in_force.project) is None


def test_the_schedules_final_deadline_names_the_final_period(in_force):
    for period in (1, 2):
        ReportingDeadline.objects.create(
            project=in_force.project, period=period, due_date=in_force.project.start_date, final=period == 2
        )
    assert final_period(in_force.project) == 2  # period 2 started two months ago
    assert closure_refusal(in_force.project) is None


def test_a_final_project_report_opens_the_section(in_force):
    _final_report(in_force, status=ProjectReportStatus.DRAFT)
    assert closure_refusal(in_force.project) is None


def test_the_section_is_for_contracted_projects_only(closing):
    Project.objects.filter(pk=closing.project.pk).update(status=Status.APPROVED)
    closing.project.refresh_from_db()
    assert closure_refusal(closing.project) is not None


def test_the_report_of_the_final_period_is_the_final_report(closing):
    first = project_report_create(project=closing.project, by=closing.manager, period=1)
    last = project_report_create(project=closing.project, by=closing.manager, period=5)
    assert (first.is_final, last.is_final) == (False, True)


# --- saving the section ------------------------------------------------------------------------------------------


def test_managers_save_the_section_and_a_stale_save_is_refused(closing):
    closure = _save(closing, version=1)
    assert closure.version == 2
    assert closure.main_achievements.startswith("Twelve cities")
    with pytest.raises(StaleVersion):
        _save(closing, version=1, main_achievements="Overwritten")
    closure.refresh_from_db()
    assert closure.main_achievements.startswith("Twelve cities")
    assert closure.version == 2
    assert AuditEntry.objects.filter(action="closure.save").count() == 1


def test_only_the_projects_managers_save_the_section(closing):
    with pytest.raises(PermissionDenied):
        closure_save(project=closing.project, by=closing.partner_user, version=1, **_texts())


def test_indicators_are_saved_by_code_and_checked(closing):
    closure = _save(closing, indicators={"XO 1": "2", "XR 1": "3,5", "NOT-IN-VERSION": "9"})
    assert closure.indicator_achievements == {"XO 1": "2", "XR 1": "3.5"}
    with pytest.raises(ValidationError) as refused:
        _save(closing, indicators={"XO 1": "-1", "XR 1": "many"})
    assert set(refused.value.message_dict) == {"indicator_XO_1", "indicator_XR_1"}


def test_indicator_rows_carry_the_targets_and_the_latest_reported_values(closing):
    older = ProjectReport.objects.create(project=closing.project, period=1, number=1)
    newer = ProjectReport.objects.create(project=closing.project, period=2, number=2)
    ReportIndicatorValue.objects.create(project_report=older, indicator=closing.output_indicator, cumulative=1)
    ReportIndicatorValue.objects.create(project_report=newer, indicator=closing.output_indicator, cumulative=2)
    rows = {row.code: row for row in indicator_rows(closing.project, None)}
    assert (rows["XO 1"].target, rows["XO 1"].achieved) == (Decimal(2), "2")
    assert (rows["XR 1"].target, rows["XR 1"].achieved) == (Decimal(3), "")


def test_published_texts_carry_no_address(closing):
    with pytest.raises(ValidationError) as refused:
        _save(closing, public_summary="Write to info@danube-air.eu", main_achievements="Follow @danubeair")
    assert set(refused.value.message_dict) == {"public_summary", "main_achievements"}


def test_the_picture_is_an_image_with_its_description(closing):
    with pytest.raises(ValidationError) as refused:
        _save(closing, picture=SimpleUploadedFile("air.png", PNG))
    assert set(refused.value.message_dict) == {"picture_alt"}
    with pytest.raises(ValidationError) as refused:
        _save(closing, picture=SimpleUploadedFile("air.pdf", b"%PDF-1.4"), picture_alt="A sensor")
    assert set(refused.value.message_dict) == {"picture"}
    with pytest.raises(ValidationError) as refused:
        _save(closing, picture=SimpleUploadedFile("air.png", b"<svg onload=alert(1)>"), picture_alt="A sensor")
    assert set(refused.value.message_dict) == {"picture"}
    closure = _save(closing, picture=SimpleUploadedFile("air.webp", WEBP), picture_alt="A sensor on a roof")
    assert closure.picture.name.endswith(".webp")
    closure = _save(closing, picture=SimpleUploadedFile("air.png", PNG), picture_alt="A sensor on a roof")
    assert closure.picture.name.endswith(".png")
    closure = _save(closing, remove_picture=True)
    assert not closure.picture


# --- closing: refused with each reason ------------------------------------------------------------------------


def _break_achievements(w):
    ProjectClosure.objects.filter(project=w.project).update(main_achievements="")


def _break_durable(w):
    ProjectClosure.objects.filter(project=w.project).update(durable_outputs=" ")


def _break_summary(w):
    ProjectClosure.objects.filter(project=w.project).update(public_summary="")


def _no_final_report(w):
    ProjectReport.objects.filter(project=w.project).delete()


def _final_report_draft(w):
    ProjectReport.objects.filter(project=w.project).update(status=ProjectReportStatus.DRAFT)


def _final_report_returned(w):
    ProjectReport.objects.filter(project=w.project).update(status=ProjectReportStatus.RETURNED)


def _modification_under_way(w):
    Modification.objects.create(project=w.project, number=1, reason="Move budget", status=ModificationStatus.REQUESTED)


@pytest.mark.parametrize(
    ("breaking", "reason"),
    [
        (_break_achievements, "no main achievements"),
        (_break_durable, "no durable outputs"),
        (_break_summary, "no summary for the public"),
        (_no_final_report, "final project report has not been started"),
        (_final_report_draft, "“Draft”: it must be submitted first"),
        (_final_report_returned, "“Returned for clarification”: it must be submitted first"),
        (_modification_under_way, "modification of the project is under way"),
    ],
)
def test_closing_is_refused_with_the_reason(closing, breaking, reason):
    _ready_to_close(closing)
    assert close_problems(closing.project, closing.project.closure) == []
    breaking(closing)
    with pytest.raises(CloseRefused) as refused:
        project_close(project=closing.project, by=closing.staff)
    assert len(refused.value.problems) == 1
    assert reason in refused.value.problems[0]
    closing.project.refresh_from_db()
    assert (closing.project.status, closing.project.has_results) == (Status.CONTRACTED, False)


@pytest.mark.parametrize("status", [ProjectReportStatus.SUBMITTED, ProjectReportStatus.IN_VERIFICATION, "verified"])
def test_a_final_report_submitted_or_further_allows_closing(closing, status):
    _save(closing)
    _final_report(closing, status=status)
    assert project_close(project=closing.project, by=closing.staff).status == Status.CLOSED


# --- closing and reopening through the table --------------------------------------------------------------------


def test_the_table_allows_closing_only_from_contracted_and_reopening_only_to_contracted():
    assert {s for s in Status if can_transition(s, Status.CLOSED)} == {Status.CONTRACTED}
    assert ALLOWED_TRANSITIONS[Status.CLOSED] == frozenset({Status.CONTRACTED})


@pytest.mark.parametrize("status", [s for s in Status if s not in (Status.CONTRACTED, Status.CLOSED)])
def test_only_a_contracted_project_is_closed_and_only_a_closed_one_reopened(closing, status):
    _ready_to_close(closing)
    Project.objects.filter(pk=closing.project.pk).update(status=status)
    with pytest.raises(ValidationError):
        project_close(project=closing.project, by=closing.staff)
    with pytest.raises(ValidationError):
        project_reopen(project=closing.project, by=closing.programme_manager, reason="A mistake")
    with pytest.raises(ValidationError):  # the table itself refuses a direct step
        project_transition(project=closing.project, to=Status.CLOSED, by=closing.staff)
    assert Project.objects.get(pk=closing.project.pk).status == status


def test_a_contracted_project_cannot_be_reopened(closing):
    with pytest.raises(ValidationError):
        project_reopen(project=closing.project, by=closing.programme_manager, reason="Why not")


def test_closing_publishes_the_results_and_tells_the_collaborators(closing):
    _ready_to_close(closing)
    project = project_close(project=closing.project, by=closing.staff, note="Well done")
    project.refresh_from_db()
    assert (project.status, project.has_results) == (Status.CLOSED, True)
    assert project.status_history.filter(from_status=Status.CONTRACTED, to_status=Status.CLOSED).exists()
    told = set(Notification.objects.filter(event="project.closed").values_list("recipient", flat=True))
    assert told == {closing.manager.pk, closing.partner_user.pk}
    assert project_close(project=project, by=closing.staff).status == Status.CLOSED  # a second click: no-op
    assert project.status_history.filter(to_status=Status.CLOSED).count() == 1


def test_a_closed_section_can_no_longer_be_changed(closing):
    _ready_to_close(closing)
    project_close(project=closing.project, by=closing.staff)
    closing.project.refresh_from_db()
    with pytest.raises(ValidationError, match="closed"):
        _save(closing)


def test_reopening_is_for_managers_with_a_reason_and_audited(closing):
    _ready_to_close(closing)
    project_close(project=closing.project, by=closing.staff)
    with pytest.raises(PermissionDenied):
        project_reopen(project=closing.project, by=closing.staff, reason="An officer may not")
    with pytest.raises(ValidationError) as refused:
        project_reopen(project=closing.project, by=closing.programme_manager, reason="  ")
    assert set(refused.value.message_dict) == {"reason"}
    project = project_reopen(project=closing.project, by=closing.programme_manager, reason="The final report was wrong")
    project.refresh_from_db()
    assert (project.status, project.has_results) == (Status.CONTRACTED, False)
    entry = AuditEntry.objects.get(action="project.reopen")
    assert (entry.actor, entry.note) == (closing.programme_manager, "The final report was wrong")
    assert Notification.objects.filter(event="project.contracted", recipient=closing.manager).exists()
    # closed again, through the table
    assert project_close(project=project, by=closing.staff).status == Status.CLOSED


def test_closing_needs_the_close_right(closing):
    _ready_to_close(closing)
    with pytest.raises(PermissionDenied):
        project_close(project=closing.project, by=closing.finance)


def test_the_admin_cannot_change_a_status_or_the_results_flag(client, closing):
    from django.contrib import admin
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    model_admin = admin.site._registry[Project]
    form = model_admin.get_form(request, obj=closing.project)
    assert "status" not in form.base_fields and "has_results" not in form.base_fields
    assert "status" in model_admin.get_readonly_fields(request, closing.project)
    assert not Project._meta.get_field("has_results").editable


# --- pages ------------------------------------------------------------------------------------------------------


def _page_data(world, **more) -> dict:
    texts = _texts()
    data = {
        "version": str(
            ProjectClosure.objects.filter(project=world.project).values_list("version", flat=True).first() or 1
        )
    }
    data |= {k: v for k, v in texts.items() if k != "indicators"}
    data |= {"indicator_XO_1": "2", "indicator_XR_1": ""}
    return data | more


def test_the_managers_save_the_section_on_its_page(client, closing):
    client.force_login(closing.manager)
    url = reverse("projects:closure", args=[closing.project.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert "Target: 2 organisations" in response.content.decode()
    response = client.post(url, _page_data(closing))
    assert response.status_code == 302
    assert closing.project.closure.indicator_achievements == {"XO 1": "2"}


def test_the_page_shows_errors_next_to_the_fields_and_refuses_a_stale_form(client, closing):
    client.force_login(closing.manager)
    url = reverse("projects:closure", args=[closing.project.pk])
    response = client.post(url, _page_data(closing, public_summary="mail me@x.eu", indicator_XO_1="lots"))
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="field-id_public_summary"' in page and "leave out email addresses" in page
    assert 'class="error-summary"' in page
    _save(closing)  # someone else saves meanwhile
    response = client.post(url, _page_data(closing, version="1"))
    assert response.status_code == 409
    assert "Nothing was overwritten" in response.content.decode()


def test_other_collaborators_read_the_section_and_may_not_post(client, closing):
    _save(closing, picture=SimpleUploadedFile("air.png", PNG), picture_alt="A sensor")
    client.force_login(closing.partner_user)
    url = reverse("projects:closure", args=[closing.project.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert "disabled" in response.content.decode()
    assert client.post(url, _page_data(closing)).status_code == 403
    picture = client.get(reverse("projects:closure_picture", args=[closing.project.pk]))
    assert (picture.status_code, picture["Content-Type"]) == (200, "image/png")
    assert picture["Content-Disposition"] == "inline" and picture["X-Content-Type-Options"] == "nosniff"


def test_strangers_controllers_and_other_staff_find_nothing(client, closing):
    _ready_to_close(closing)
    for person in (UserFactory(), closing.controller):
        client.force_login(person)
        assert client.get(reverse("projects:closure", args=[closing.project.pk])).status_code == 404
        for name in ("staff:close", "staff:reopen"):
            url = reverse(name, args=[closing.programme.slug, closing.project.pk])
            assert client.get(url).status_code == 404
            assert client.post(url, {"reason": "x"}).status_code == 404


def test_staff_close_and_reopen_on_their_pages(client, closing):
    _ready_to_close(closing)
    slug, pk = closing.programme.slug, closing.project.pk
    client.force_login(closing.staff)  # an officer
    assert client.get(reverse("staff:close", args=[slug, pk])).status_code == 200
    assert client.post(reverse("staff:close", args=[slug, pk]), {"note": ""}).status_code == 302
    assert client.get(reverse("staff:reopen", args=[slug, pk])).status_code == 403  # managers only
    assert client.post(reverse("staff:reopen", args=[slug, pk]), {"reason": "x"}).status_code == 403
    client.force_login(closing.programme_manager)
    assert client.post(reverse("staff:reopen", args=[slug, pk]), {"reason": ""}).status_code == 400
    assert client.post(reverse("staff:reopen", args=[slug, pk]), {"reason": "Wrong report"}).status_code == 302
    assert Project.objects.get(pk=pk).status == Status.CONTRACTED


def test_a_refused_close_shows_its_reasons(client, closing):
    _save(closing)
    client.force_login(closing.staff)
    response = client.post(reverse("staff:close", args=[closing.programme.slug, closing.project.pk]), {"note": ""})
    assert response.status_code == 400
    assert "final project report has not been started" in response.content.decode()


def _reports(world, numbers, indicator):
    for number in numbers:
        report = ProjectReport.objects.create(project=world.project, period=number, number=number)
        ReportIndicatorValue.objects.create(project_report=report, indicator=indicator, cumulative=number)


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_pages_have_constant_query_counts(client, closing):
    _save(closing)
    closure_url = reverse("projects:closure", args=[closing.project.pk])
    close_url = reverse("staff:close", args=[closing.programme.slug, closing.project.pk])
    _reports(closing, [1], closing.output_indicator)
    counts = []
    for more in ([2, 3, 4], []):
        client.force_login(closing.manager)
        mine = _queries(client, closure_url)
        client.force_login(closing.staff)
        counts.append((mine, _queries(client, close_url)))
        _reports(closing, more, closing.result_indicator)  # more reports and values: no more queries
    assert counts[0] == counts[1]
