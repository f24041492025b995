"""Two-step calls (issue 17, item 2): a concept note (step 1) asks only for its sections and closes at the call's
deadline; staff decide step 1 (approve: the same application goes on to the full form with the step-2 deadline,
nothing lost; reject: not approved); the full application then closes at step 2's deadline."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from interact_portal.audit.models import AuditEntry
from interact_portal.core.formatting import format_time, machine_time
from interact_portal.notifications.models import Notification, OutboxEmail
from partnerships.models import PartnerBudgetLine
from programmes.choices import CallKind
from programmes.models import ProgrammeStaff, StaffRole
from projects.models import DeadlineReminder, Stage, Submission
from projects.rules import Problem, call_closed_problem, problems_of_stage, submission_problems
from projects.services.applications import application_start
from projects.services.decisions import concept_decide
from projects.services.invitations import invitation_create
from projects.services.reminders import deadline_reminders_send
from projects.services.submission import application_submit
from projects.workflow import Status
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_step(ready):
    """The complete application of `ready`, under a two-step call whose step 2 closes 40 days after step 1."""
    call = ready.call
    call.kind = CallKind.TWO_STEP
    call.step1_sections = ["identification", "partners"]
    call.step2_closes_at = call.closes_at + timedelta(days=40)
    call.save()
    ready.project.stage = Stage.CONCEPT
    ready.project.save()
    return ready


def _submitted_concept(two_step, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        project, submitted = application_submit(project=two_step.project, by=two_step.manager)
    assert submitted
    return project


def _officer(two_step):
    return two_step.staff  # an officer of the programme


def test_application_start_on_a_two_step_call_begins_with_the_concept_note(two_step):
    project = application_start(
        call=two_step.call, organisation=OrganisationFactory(), acronym="STEP", by=UserFactory()
    )
    assert project.stage == Stage.CONCEPT and project.status == Status.DRAFT


def test_application_start_on_a_one_step_call_is_the_full_form(ready):
    project = application_start(call=ready.call, organisation=OrganisationFactory(), acronym="ONE", by=UserFactory())
    assert project.stage == Stage.FULL


def test_concept_note_checklist_asks_only_for_its_sections(two_step):
    # the budget section (its lines since issue 17 item 6) is not part of this concept note
    PartnerBudgetLine.objects.filter(partner__project=two_step.project).delete()
    sections = {p.section for p in submission_problems(two_step.project)}
    assert "budget" not in sections and sections == set()
    two_step.project.stage = Stage.FULL
    assert "budget" in {p.section for p in submission_problems(two_step.project)}  # the total is zero


def test_concept_note_filter_keeps_the_concept_sections_and_the_deadline_only(two_step):
    problems = [
        Problem(section, "x", "/")
        for section in ["call", "identification", "partnership", "partner-7", "description", "workplan", "results"]
    ] + [Problem("budget-7", "x", "/"), Problem("work-package-3", "x", "/"), Problem("annexes", "x", "/")]
    kept = {p.section for p in problems_of_stage(two_step.project, problems)}
    assert kept == {"call", "identification", "partnership", "partner-7"}


def test_concept_note_with_description_in_step1_keeps_description_problems(two_step):
    two_step.call.step1_sections = ["description"]
    problems = [Problem("description", "x", "/"), Problem("workplan", "x", "/"), Problem("identification", "x", "/")]
    kept = {p.section for p in problems_of_stage(two_step.project, problems)}
    assert kept == {"description", "identification"}  # identification and partners are always in a concept note


def test_concept_workspace_shows_only_the_concept_sections(client, two_step):
    client.force_login(two_step.manager)
    response = client.get(reverse("projects:detail", args=[two_step.project.pk]))
    keys = [section["key"] for section in response.context["sections"]]
    assert "budget" not in keys and "annexes" not in keys
    assert {"identification", "partners", "collaborators", "check"} <= set(keys)
    assert "Concept note (step 1)" in response.content.decode()


def test_concept_note_closes_at_the_step1_deadline(two_step):
    after_step1 = two_step.call.closes_at + timedelta(hours=1)
    assert any(p.section == "call" for p in submission_problems(two_step.project, now=after_step1))


def test_full_application_closes_at_the_step2_deadline_not_step1(two_step):
    call = two_step.call
    two_step.project.stage = Stage.FULL
    assert call_closed_problem(call, call.closes_at + timedelta(days=1), stage=Stage.FULL) is None
    assert call_closed_problem(call, call.step2_closes_at + timedelta(minutes=1), stage=Stage.FULL)
    assert not any(p.section == "call" for p in submission_problems(two_step.project, now=call.closes_at))


def test_workspace_deadline_is_the_step2_deadline_for_the_full_form(client, two_step):
    two_step.project.stage = Stage.FULL
    two_step.project.save()
    client.force_login(two_step.manager)
    response = client.get(reverse("projects:detail", args=[two_step.project.pk]))
    assert response.context["deadline"] == two_step.call.step2_closes_at
    assert f'datetime="{machine_time(two_step.call.step2_closes_at)}"' in response.content.decode()


def test_submitting_the_concept_note_moves_it_to_concept_submitted(two_step, django_capture_on_commit_callbacks):
    project = _submitted_concept(two_step, django_capture_on_commit_callbacks)
    assert project.status == Status.CONCEPT_SUBMITTED and project.stage == Stage.CONCEPT
    submission = Submission.objects.get(project=project)
    assert submission.snapshot["stage"] == Stage.CONCEPT
    assert Notification.objects.filter(event="application.concept_submitted", recipient=two_step.staff).exists()


def test_submitting_the_concept_note_twice_changes_nothing(two_step, django_capture_on_commit_callbacks):
    _submitted_concept(two_step, django_capture_on_commit_callbacks)
    project, submitted = application_submit(project=two_step.project, by=two_step.manager)
    assert not submitted and project.status == Status.CONCEPT_SUBMITTED
    assert Submission.objects.filter(project=project).count() == 1


def test_approving_the_concept_carries_the_data_over_and_opens_step2(
    client, two_step, django_capture_on_commit_callbacks
):
    project = _submitted_concept(two_step, django_capture_on_commit_callbacks)
    partners_before = list(project.partners.values_list("pk", "abbreviation", "budget").order_by("pk"))
    project = concept_decide(project=project, by=_officer(two_step), outcome="approve", note="Well argued.")
    project.refresh_from_db()
    assert (project.status, project.stage) == (Status.DRAFT, Stage.FULL)
    assert project.pk == two_step.project.pk and project.title == "Cleaner air along the Danube"
    assert list(project.partners.values_list("pk", "abbreviation", "budget").order_by("pk")) == partners_before
    assert project.status_history.filter(from_status=Status.CONCEPT_SUBMITTED, to_status=Status.DRAFT).exists()
    assert AuditEntry.objects.filter(action="concept.decision", target_id=str(project.pk)).exists()
    told = Notification.objects.get(event="application.concept_approved", recipient=two_step.manager)
    assert "full application" in told.title
    client.force_login(two_step.manager)
    response = client.get(reverse("projects:detail", args=[project.pk]))
    assert "budget" in [section["key"] for section in response.context["sections"]]
    assert response.context["deadline"] == two_step.call.step2_closes_at
    with django_capture_on_commit_callbacks(execute=False):
        project, submitted = application_submit(project=project, by=two_step.manager)
    assert submitted and project.status == Status.SUBMITTED


def test_rejecting_the_concept_makes_it_not_approved(two_step, django_capture_on_commit_callbacks):
    project = _submitted_concept(two_step, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError, match="Say why"):
        concept_decide(project=project, by=_officer(two_step), outcome="reject", note="")
    project = concept_decide(project=project, by=_officer(two_step), outcome="reject", note="Out of scope.")
    assert project.status == Status.NOT_APPROVED
    assert Notification.objects.filter(event="application.concept_rejected", recipient=two_step.manager).exists()


def test_concept_decision_refused_when_no_concept_note_is_waiting(two_step):
    with pytest.raises(ValidationError, match="not the time"):
        concept_decide(project=two_step.project, by=_officer(two_step), outcome="approve")


def test_assessor_may_not_decide_step1(two_step, django_capture_on_commit_callbacks):
    project = _submitted_concept(two_step, django_capture_on_commit_callbacks)
    assessor = UserFactory(is_staff=True)
    ProgrammeStaff.objects.create(programme=two_step.programme, user=assessor, role=StaffRole.ASSESSOR)
    with pytest.raises(PermissionDenied):
        concept_decide(project=project, by=assessor, outcome="approve")


def test_staff_decide_step1_on_the_step_page(client, two_step, django_capture_on_commit_callbacks):
    project = _submitted_concept(two_step, django_capture_on_commit_callbacks)
    url = reverse("staff:concept", args=[two_step.programme.slug, project.pk])
    client.force_login(two_step.staff)
    assert client.get(url).status_code == 200
    assert client.post(url, {"outcome": "reject"}).status_code == 400  # the reason is missing
    response = client.post(url, {"outcome": "approve", "note": ""})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.stage == Stage.FULL


def test_assessor_gets_403_on_the_step1_page(client, two_step, django_capture_on_commit_callbacks):
    project = _submitted_concept(two_step, django_capture_on_commit_callbacks)
    assessor = UserFactory(is_staff=True)
    ProgrammeStaff.objects.create(programme=two_step.programme, user=assessor, role=StaffRole.ASSESSOR)
    client.force_login(assessor)
    response = client.post(reverse("staff:concept", args=[two_step.programme.slug, project.pk]), {"outcome": "approve"})
    assert response.status_code == 403


def test_applicant_cannot_decide_step1(client, two_step, django_capture_on_commit_callbacks):
    project = _submitted_concept(two_step, django_capture_on_commit_callbacks)
    client.force_login(two_step.manager)
    url = reverse("staff:concept", args=[two_step.programme.slug, project.pk])
    assert client.post(url, {"outcome": "approve"}).status_code == 404
    with pytest.raises(PermissionDenied):
        concept_decide(project=project, by=two_step.manager, outcome="approve")
    project.refresh_from_db()
    assert project.status == Status.CONCEPT_SUBMITTED


def test_staff_application_page_offers_the_step1_decision(client, two_step, django_capture_on_commit_callbacks):
    project = _submitted_concept(two_step, django_capture_on_commit_callbacks)
    client.force_login(two_step.staff)
    response = client.get(reverse("staff:application", args=[two_step.programme.slug, project.pk]))
    assert reverse("staff:concept", args=[two_step.programme.slug, project.pk]) in response.content.decode()


def test_full_form_is_reminded_of_the_step2_deadline(two_step, django_capture_on_commit_callbacks):
    project = _submitted_concept(two_step, django_capture_on_commit_callbacks)
    DeadlineReminder.objects.create(project=project, kind="7d")  # reminded before step 1 closed
    concept_decide(project=project, by=_officer(two_step), outcome="approve")
    call = two_step.call
    assert deadline_reminders_send(now=call.closes_at - timedelta(days=3)) == 0  # step 1's deadline is not its own
    assert deadline_reminders_send(now=call.step2_closes_at - timedelta(days=3)) == 1
    told = Notification.objects.filter(event="application.deadline_7d", recipient=two_step.manager).get()
    assert call.reference in told.title


def test_concept_note_is_reminded_of_the_step1_deadline(two_step):
    call = two_step.call
    assert deadline_reminders_send(now=call.closes_at - timedelta(hours=12)) == 1
    assert DeadlineReminder.objects.filter(project=two_step.project, kind="1d").exists()


def test_admin_offers_no_other_way_to_change_status_or_stage(
    admin_client, two_step, django_capture_on_commit_callbacks
):
    project = _submitted_concept(two_step, django_capture_on_commit_callbacks)
    response = admin_client.get(reverse("admin:projects_project_change", args=[project.pk]))
    assert response.status_code == 200
    assert 'name="stage"' not in response.content.decode() and 'name="status"' not in response.content.decode()


def test_check_page_submits_the_concept_note(client, two_step):
    client.force_login(two_step.manager)
    body = client.get(reverse("projects:check", args=[two_step.project.pk])).content.decode()
    assert "Check your answers and submit the concept note" in body
    body = client.get(reverse("projects:summary", args=[two_step.project.pk])).content.decode()
    assert "Submit the concept note" in body  # the summary page, where the confirmation is asked


def test_applicants_are_told_what_happens_after_the_concept_note(client, two_step, django_capture_on_commit_callbacks):
    project = _submitted_concept(two_step, django_capture_on_commit_callbacks)
    client.force_login(two_step.manager)
    body = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert "decides step 1" in body


def test_approval_refused_when_step2_has_no_time_left(two_step, django_capture_on_commit_callbacks):
    project = _submitted_concept(two_step, django_capture_on_commit_callbacks)
    now = timezone.now()
    type(two_step.call).objects.filter(pk=two_step.call.pk).update(
        closes_at=now - timedelta(days=2), step2_closes_at=now - timedelta(days=1)
    )
    with pytest.raises(ValidationError, match="step 2"):
        concept_decide(project=project, by=_officer(two_step), outcome="approve")
    project.refresh_from_db()
    assert project.status == Status.CONCEPT_SUBMITTED


def test_partner_invitation_email_of_the_full_form_names_the_step2_deadline(
    two_step, django_capture_on_commit_callbacks
):
    two_step.project.stage = Stage.FULL
    two_step.project.save()
    with django_capture_on_commit_callbacks(execute=False):
        invitation = invitation_create(
            project=two_step.project, email="p@example.org", role="partner", by=two_step.manager
        )
    body = OutboxEmail.objects.get(key=f"invitation:{invitation.pk}").body
    call = two_step.call
    assert format_time(call.step2_closes_at, call.timezone) in body
    assert format_time(call.closes_at, call.timezone) not in body


def test_staff_keep_seeing_an_application_whose_concept_note_they_approved(
    client, two_step, django_capture_on_commit_callbacks
):
    """Approval puts the application back into draft at the full-form stage; the staff who decided it still see it
    (its concept note was submitted), and the step-1 page sends them back to it, not to a 404."""
    project = _submitted_concept(two_step, django_capture_on_commit_callbacks)
    officer = _officer(two_step)
    client.force_login(officer)
    slug = two_step.programme.slug
    url = reverse("staff:concept", args=[slug, project.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"outcome": "approve", "note": ""}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("staff:application", args=[slug, project.pk])
    listed = client.get(reverse("staff:applications", args=[slug]))
    assert project.acronym in listed.content.decode()
