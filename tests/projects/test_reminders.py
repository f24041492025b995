"""Deadline reminders 7 days and 1 day before a call closes, each sent once per application."""

from datetime import timedelta

import pytest
from django.utils import timezone

from interact_portal.notifications.models import Notification
from projects.models import DeadlineReminder, Project
from projects.services.reminders import deadline_reminders_send
from projects.workflow import Status

pytestmark = pytest.mark.django_db


def _closes_in(ready, delta):
    ready.call.closes_at = timezone.now() + delta
    ready.call.save()


def _reminders(user, kind):
    return Notification.objects.filter(recipient=user, event=f"application.deadline_{kind}").count()


def test_nothing_is_sent_more_than_a_week_ahead(ready):
    _closes_in(ready, timedelta(days=8))
    assert deadline_reminders_send() == 0


def test_the_week_reminder_goes_to_every_collaborator_once_across_runs(ready):
    _closes_in(ready, timedelta(days=6, hours=23))
    assert deadline_reminders_send() == 1
    assert deadline_reminders_send() == 0  # beat ran again, or restarted
    assert _reminders(ready.manager, "7d") == 1 and _reminders(ready.partner_user, "7d") == 1
    assert _reminders(ready.staff, "7d") == 0


def test_the_day_reminder_follows_the_week_reminder(ready):
    _closes_in(ready, timedelta(days=6))
    deadline_reminders_send()
    later = timezone.now() + timedelta(days=5, hours=1)  # 23 hours before the deadline
    assert deadline_reminders_send(now=later) == 1
    assert deadline_reminders_send(now=later + timedelta(hours=1)) == 0
    assert set(DeadlineReminder.objects.values_list("kind", flat=True)) == {"7d", "1d"}
    assert _reminders(ready.manager, "1d") == 1


def test_submitted_applications_are_not_reminded(ready):
    Project.objects.filter(pk=ready.project.pk).update(status=Status.SUBMITTED)
    _closes_in(ready, timedelta(hours=5))
    assert deadline_reminders_send() == 0


def test_closed_calls_are_not_reminded(ready):
    assert deadline_reminders_send(now=ready.call.closes_at + timedelta(minutes=1)) == 0
