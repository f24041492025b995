"""Reporting reminders: before, on and after each deadline, to the contact persons of the partners whose report for
the period is not submitted, each exactly once (the unique ReportingReminder row); and the beat schedule."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.db import IntegrityError
from django.utils import timezone

from interact_portal.notifications.models import Notification
from projects.models import ReportingDeadline, ReportingReminder
from projects.services.reporting_reminders import (
    BEFORE_DAYS,
    OVERDUE_DAYS,
    STOP_AFTER_DAYS,
    reminder_kind,
    reporting_reminders_send,
)
from projects.workflow import Status
from tests.reporting.conftest import report_with_lines

pytestmark = pytest.mark.django_db


def test_reminder_windows():
    due = timezone.localdate()
    assert reminder_kind(due, due - timedelta(days=BEFORE_DAYS + 1)) is None
    assert reminder_kind(due, due - timedelta(days=BEFORE_DAYS)) == "before"
    assert reminder_kind(due, due - timedelta(days=1)) == "before"
    assert reminder_kind(due, due) == "due"
    assert reminder_kind(due, due + timedelta(days=OVERDUE_DAYS - 1)) == "due"
    assert reminder_kind(due, due + timedelta(days=OVERDUE_DAYS)) == "overdue"
    assert reminder_kind(due, due + timedelta(days=STOP_AFTER_DAYS + 1)) is None


@pytest.fixture
def deadline(contracted):
    today = timezone.localdate()
    return ReportingDeadline.objects.create(project=contracted.project, period=1, due_date=today + timedelta(days=10))


def events(kind):
    return list(Notification.objects.filter(event=f"reporting.deadline_{kind}").order_by("recipient_id"))


def test_each_partner_is_reminded_once_before_on_and_after(contracted, deadline):
    today = deadline.due_date - timedelta(days=10)
    assert reporting_reminders_send(today) == 2  # both partners' contact persons
    assert {n.recipient for n in events("before")} == {contracted.manager, contracted.partner_user}
    assert reporting_reminders_send(today) == 0  # a second run sends nothing
    assert reporting_reminders_send(today + timedelta(days=3)) == 0  # nor a later one in the same window
    assert reporting_reminders_send(deadline.due_date) == 2
    assert reporting_reminders_send(deadline.due_date) == 0
    assert reporting_reminders_send(deadline.due_date + timedelta(days=OVERDUE_DAYS)) == 2
    assert reporting_reminders_send(deadline.due_date + timedelta(days=OVERDUE_DAYS + 1)) == 0
    assert ReportingReminder.objects.count() == 6
    assert len(events("before")) == len(events("due")) == len(events("overdue")) == 2
    assert "overdue" in events("overdue")[0].title


def test_a_submitted_report_stops_the_reminders_for_its_partner_only(contracted, deadline):
    report_with_lines(contracted.partner, period=1, status="submitted")
    report_with_lines(contracted.lead, period=2, status="submitted")  # another period: does not count
    assert reporting_reminders_send(deadline.due_date) == 1
    assert [n.recipient for n in events("due")] == [contracted.manager]


def test_a_draft_does_not_count_as_submitted(contracted, deadline):
    report_with_lines(contracted.partner, period=1, status="draft")
    assert reporting_reminders_send(deadline.due_date) == 2


def test_no_reminder_for_a_project_not_running_or_a_partner_without_account(contracted, deadline):
    contracted.partner.contact_user = None
    contracted.partner.save(update_fields=["contact_user"])
    assert reporting_reminders_send(deadline.due_date) == 1
    contracted.project.status = Status.CLOSED
    contracted.project.save(update_fields=["status"])
    assert reporting_reminders_send(deadline.due_date + timedelta(days=OVERDUE_DAYS)) == 0


def test_the_unique_row_refuses_a_second_reminder(contracted, deadline):
    ReportingReminder.objects.create(deadline=deadline, partner=contracted.partner, kind="due")
    with pytest.raises(IntegrityError):
        ReportingReminder.objects.create(deadline=deadline, partner=contracted.partner, kind="due")


def test_the_reminder_task_is_in_the_beat_schedule():
    entry = settings.CELERY_BEAT_SCHEDULE["reporting-reminders"]
    assert entry["task"] == "projects.tasks.send_reporting_reminders" and entry["schedule"] <= 86400


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_task_delivered_twice_by_a_real_worker_reminds_once(celery_worker, contracted):
    from django.core import mail

    from projects.tasks import send_reporting_reminders
    from tests.conftest import wait_for

    ReportingDeadline.objects.create(project=contracted.project, period=1, due_date=timezone.localdate())
    first, second = (send_reporting_reminders.apply_async(ignore_result=False) for _ in range(2))
    assert sorted([first.get(timeout=30), second.get(timeout=30)]) in ([0, 2], [1, 1])
    assert ReportingReminder.objects.count() == 2
    wait_for(lambda: not Notification.objects.filter(emailed_at__isnull=True).exists(), message="no email")
    reminded = sorted(m.to[0] for m in mail.outbox if "period 1" in m.subject)
    assert reminded == sorted([contracted.manager.email, contracted.partner_user.email])
