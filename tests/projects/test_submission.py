"""Submission: all or nothing, once, refused after the deadline, frozen in a snapshot, everyone told."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from interact_portal.notifications.models import Notification
from partnerships.budget import project_budget
from partnerships.models import ProjectPartner
from projects.models import Project, Submission
from projects.services.submission import SubmissionIncomplete, application_submit
from projects.workflow import Status

pytestmark = pytest.mark.django_db


def test_submit_freezes_a_snapshot_records_the_change_and_tells_everyone(ready, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        project, submitted = application_submit(project=ready.project, by=ready.manager)
    assert submitted and project.status == Status.SUBMITTED
    project.refresh_from_db()
    assert project.submitted_at is not None
    submission = Submission.objects.get(project=project)
    snapshot = submission.snapshot
    assert snapshot["identification"]["acronym"] == "DANUBE-AIR"
    assert [p["abbreviation"] for p in snapshot["partners"]] == ["LP", "PP2"]
    overview = project_budget(project)  # the one budget computation, flat rates included
    assert snapshot["budget"]["total"] == str(overview.total)
    assert snapshot["budget"]["cofinancing"] == str(overview.cofinancing)
    assert snapshot["submitted_by"] == ready.manager.email
    change = project.status_history.get()
    assert (change.from_status, change.to_status, change.by) == (Status.DRAFT, Status.SUBMITTED, ready.manager)
    told = set(Notification.objects.filter(event="application.submitted").values_list("recipient__email", flat=True))
    assert told == {ready.manager.email, ready.partner_user.email, ready.staff.email}
    # the PDF task and one email per notification are queued after commit
    assert len(callbacks) == 3 + 1


def test_the_snapshot_does_not_follow_later_changes(ready):
    application_submit(project=ready.project, by=ready.manager)
    ProjectPartner.objects.filter(pk=ready.partner.pk).update(abbreviation="CHANGED")
    assert Submission.objects.get().snapshot["partners"][1]["abbreviation"] == "PP2"


def test_an_incomplete_application_is_refused_with_every_problem_and_nothing_saved(ready):
    Project.objects.filter(pk=ready.project.pk).update(title="", summary="")
    with pytest.raises(SubmissionIncomplete) as refused:
        application_submit(project=ready.project, by=ready.manager)
    assert len(refused.value.problems) == 2
    ready.project.refresh_from_db()
    assert ready.project.status == Status.DRAFT
    assert not Submission.objects.exists() and not ready.project.status_history.exists()
    assert not Notification.objects.exists()


def test_submit_is_refused_after_the_call_closes(ready):
    ready.call.opens_at = timezone.now() - timedelta(days=30)
    ready.call.closes_at = timezone.now() - timedelta(seconds=1)
    ready.call.save()
    with pytest.raises(SubmissionIncomplete, match="The call closed on"):
        application_submit(project=ready.project, by=ready.manager)
    assert Project.objects.get(pk=ready.project.pk).status == Status.DRAFT


def test_a_second_submit_changes_nothing(ready):
    application_submit(project=ready.project, by=ready.manager)
    count = Notification.objects.count()
    project, submitted = application_submit(project=ready.project, by=ready.manager)
    assert not submitted and project.status == Status.SUBMITTED
    assert Submission.objects.count() == 1 and Notification.objects.count() == count


def test_only_managers_submit(ready):
    with pytest.raises(PermissionDenied):
        application_submit(project=ready.project, by=ready.partner_user)
    assert Project.objects.get(pk=ready.project.pk).status == Status.DRAFT


def test_resubmission_after_conditions_is_numbered(ready):
    application_submit(project=ready.project, by=ready.manager)
    Project.objects.filter(pk=ready.project.pk).update(status=Status.APPROVED_WITH_CONDITIONS)
    application_submit(project=ready.project, by=ready.manager)
    assert list(Submission.objects.values_list("number", flat=True)) == [2, 1]
