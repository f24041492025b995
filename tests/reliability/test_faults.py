"""Background work that loses nothing, with real workers on real Redis:
(a) the broker is down while an application is submitted; (b) the same email task is delivered twice (and two
workers race for one email). A worker killed in the middle of a report: test_report_recovery.py."""

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.db import transaction
from django.urls import reverse

from interact_portal.celery import app
from interact_portal.notifications.models import OutboxEmail
from interact_portal.notifications.outbox import outbox_send
from interact_portal.notifications.services import notify
from interact_portal.notifications.tasks import relay_outbox, send_outbox_email
from projects.models import Submission
from projects.tasks import recover_submission_pdfs
from projects.workflow import Status
from tests.conftest import at_once, wait_for
from tests.factories import UserFactory

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_a_submission_while_the_broker_is_down_is_saved_and_its_emails_go_out_once_it_is_back(
    client, ready, private_broker, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.OUTBOX_RELAY_AFTER_SECONDS = 0
    private_broker.stop()
    client.force_login(ready.manager)
    response = client.post(reverse("projects:submit", args=[ready.project.pk]), {"confirm": "on"})
    assert response.status_code == 302  # the applicant sees the submission succeed
    ready.project.refresh_from_db()
    assert ready.project.status == Status.SUBMITTED and Submission.objects.filter(project=ready.project).exists()
    waiting = set(OutboxEmail.objects.filter(sent_at__isnull=True).values_list("to", flat=True))
    assert {ready.manager.email, ready.partner_user.email, ready.staff.email} <= waiting and mail.outbox == []

    private_broker.start()
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        relay_outbox.delay()  # what beat does every minute, and every worker at start
        recover_submission_pdfs.delay()
        wait_for(lambda: not OutboxEmail.objects.filter(sent_at__isnull=True).exists(), 60, "emails still waiting")
        wait_for(lambda: bool(Submission.objects.get(project=ready.project).pdf), 60, "no PDF")
    assert sorted(m.to[0] for m in mail.outbox) == sorted(waiting)  # each exactly once


def test_the_same_email_task_delivered_twice_sends_one_email(celery_worker):
    recipient = UserFactory()
    with transaction.atomic():  # commit: the outbox queues the task once …
        notify(event="test.twice", actor=None, target=None, recipients=[recipient], title="Decision")
    email = OutboxEmail.objects.get()
    send_outbox_email.delay(email.pk)  # … and the broker delivers it twice more
    send_outbox_email.apply_async((email.pk,), ignore_result=False).get(timeout=30)
    wait_for(lambda: OutboxEmail.objects.filter(pk=email.pk, sent_at__isnull=False).exists(), 30, "not sent")
    assert [m.to for m in mail.outbox] == [[recipient.email]]
    assert OutboxEmail.objects.get().attempts == 1


def test_two_workers_racing_for_one_email_send_it_once():
    recipient = UserFactory()
    with transaction.atomic():
        notify(event="test.race", actor=None, target=None, recipients=[recipient], title="Decision", email=True)
    email = OutboxEmail.objects.get()
    results = at_once(lambda: outbox_send(email_id=email.pk))
    assert sorted(results) == [False, True] and len(mail.outbox) == 1
