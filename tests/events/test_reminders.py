from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from events.services import materials_announce, registration_cancel, registration_create, reminders_send
from events.tasks import send_event_reminders
from interact_portal.celery import app
from interact_portal.notifications.models import Notification
from tests.factories import EventFactory, UserFactory

pytestmark = pytest.mark.django_db


def _event_in(delta, **kwargs):
    start = timezone.now() + delta
    return EventFactory(
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        registration_opens_at=start - timedelta(days=10),
        registration_closes_at=start - timedelta(minutes=5),
        **kwargs,
    )


def _reminders(user) -> int:
    return Notification.objects.filter(recipient=user, event="event.reminder").count()


def test_day_reminder_once_across_two_beat_runs_with_the_online_link():
    event = _event_in(timedelta(hours=20), format="online", online_url="https://meet.example.org/room-1")
    confirmed = registration_create(event=event, user=UserFactory())
    assert send_event_reminders() == 1
    assert send_event_reminders() == 0  # beat ran again (or restarted): nothing new
    assert _reminders(confirmed.user) == 1
    body = Notification.objects.get(recipient=confirmed.user, event="event.reminder").body
    assert "https://meet.example.org/room-1" in body


def test_hour_reminder_comes_after_the_day_reminder_each_once():
    event = _event_in(timedelta(hours=20))
    registration = registration_create(event=event, user=UserFactory())
    reminders_send()
    later = event.starts_at - timedelta(minutes=40)
    assert reminders_send(now=later) == 1
    assert reminders_send(now=later) == 0
    assert _reminders(registration.user) == 2


def test_no_day_reminder_when_less_than_an_hour_is_left_only_the_hour_one():
    event = _event_in(timedelta(minutes=30))
    registration = registration_create(event=event, user=UserFactory())
    assert reminders_send() == 1
    registration.refresh_from_db()
    assert registration.reminded_hour_at is not None and registration.reminded_day_at is None


def test_no_reminders_for_waitlisted_cancelled_or_distant_events():
    event = _event_in(timedelta(hours=20), capacity=1)
    holder = registration_create(event=event, user=UserFactory())
    waiting = registration_create(event=event, user=UserFactory())
    registration_cancel(registration=waiting)
    far = _event_in(timedelta(days=5))
    registration_create(event=far, user=UserFactory())
    assert reminders_send() == 1 and _reminders(holder.user) == 1


def test_beat_schedule_runs_the_reminder_task():
    entry = settings.CELERY_BEAT_SCHEDULE["event-reminders"]
    assert entry["task"] in app.tasks and entry["schedule"] <= 600


def test_materials_added_after_the_event_are_announced_once():
    event = _event_in(timedelta(days=2))
    participant = registration_create(event=event, user=UserFactory())
    event.starts_at, event.ends_at = timezone.now() - timedelta(hours=3), timezone.now() - timedelta(hours=1)
    event.save()
    event.materials.create(kind="recording", title="Recording", url="https://example.org/rec")
    assert materials_announce(event=event) == 1
    assert materials_announce(event=event) == 0
    notes = Notification.objects.filter(recipient=participant.user, event="event.materials")
    assert notes.count() == 1 and "Recording" in notes.get().body
