"""A time in a notification reads as it does on the page next to it: the reader's zone, labelled."""

from django.urls import reverse

from interact_portal.core.formatting import format_time
from interact_portal.notifications.models import Notification, OutboxEmail
from projects.services.submission import application_submit
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
