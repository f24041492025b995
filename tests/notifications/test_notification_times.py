"""A time in a notification reads as it does on the page next to it: the reader's zone, labelled."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from events.choices import EventStatus
from events.services import registration_problem
from interact_portal.core.formatting import format_time
from interact_portal.notifications.models import Notification, OutboxEmail
from projects.services.reminders import deadline_reminders_send
from projects.services.submission import application_submit
from tests.factories import EventFactory
from tests.projects.conftest import ready  # noqa: F401


def test_submission_notification_shows_the_time_as_the_page_does(
    client,
    ready,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False):
        application_submit(project=ready.project, by=ready.manager)
    submission = ready.project.submissions.get()
    shown = format_time(submission.submitted_at)
    notification = Notification.objects.get(recipient=ready.manager, event="application.submitted")
    assert "UTC" not in notification.body
    assert notification.body.endswith(f"on {shown}.")
    client.force_login(ready.manager)
    assert shown in client.get(reverse("projects:detail", args=[ready.project.pk])).content.decode()
    assert shown in OutboxEmail.objects.get(notification=notification).body


def test_deadline_reminder_shows_the_calls_time_with_its_zone_label(ready):  # noqa: F811
    ready.call.closes_at = timezone.now() + timedelta(days=6, hours=23)
    ready.call.timezone = "Europe/Helsinki"
    ready.call.save()
    deadline_reminders_send()
    title = Notification.objects.get(recipient=ready.manager, event="application.deadline_7d").title
    assert title.endswith(f"closes on {format_time(ready.call.closes_at, 'Europe/Helsinki')} (Europe/Helsinki)")


def test_event_registration_message_shows_the_events_time_with_its_zone_label(db):
    event = EventFactory(timezone="Europe/Helsinki", status=EventStatus.PUBLISHED)
    opens = event.registration_opens_at
    problem = registration_problem(event, now=opens - timedelta(hours=1))
    assert problem == f"Registration opens on {format_time(opens, 'Europe/Helsinki')}."
