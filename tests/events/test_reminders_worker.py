"""Reminders through the real stack: beat's database schedule, a worker on Redis, duplicate deliveries."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django_celery_beat.models import PeriodicTask
from django_celery_beat.schedulers import DatabaseScheduler

from events.services import registration_create
from events.tasks import send_event_reminders
from interact_portal.celery import app
from interact_portal.notifications.models import Notification
from tests.conftest import wait_for
from tests.factories import EventFactory, UserFactory


@pytest.mark.worker
def test_reminder_task_delivered_twice_sends_one_email(celery_worker):
    start = timezone.now() + timedelta(hours=10)
    event = EventFactory(
        starts_at=start, ends_at=start + timedelta(hours=1), registration_closes_at=start - timedelta(hours=1)
    )
    participant = registration_create(event=event, user=UserFactory()).user
    wait_for(
        lambda: Notification.objects.filter(emailed_at__isnull=False).count() == 1,
        message="registration email not sent",
    )
    first, second = (send_event_reminders.apply_async(ignore_result=False) for _ in range(2))  # beat restarted
    assert sorted([first.get(timeout=30), second.get(timeout=30)]) == [0, 1]
    wait_for(lambda: not Notification.objects.filter(emailed_at__isnull=True).exists(), message="no email")
    reminders = [m for m in mail.outbox if "Reminder" in m.subject]
    assert [m.to for m in reminders] == [[participant.email]]


@pytest.mark.django_db(transaction=True)  # the scheduler closes and reopens the connection
def test_beat_installs_the_reminder_schedule_in_the_database():
    DatabaseScheduler(app=app, lazy=False)
    task = PeriodicTask.objects.get(name="event-reminders")
    assert task.task == "events.tasks.send_event_reminders" and task.enabled
    assert task.interval.every <= 600
