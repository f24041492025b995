"""A real Celery worker, consuming from Redis, delivers a notification email."""

import time

import pytest
from django.core import mail
from django.db import transaction

from interact_portal.celery import app
from interact_portal.notifications.models import Notification
from interact_portal.notifications.services import notify
from tests.factories import UserFactory


@pytest.mark.worker
def test_worker_on_redis_delivers_the_email(celery_worker, settings):
    assert not app.conf.task_always_eager and settings.CELERY_BROKER_URL.startswith("redis://")
    recipient = UserFactory()
    with transaction.atomic():
        notification = notify(
            event="test.worker", actor=None, target=None, recipients=[recipient], title="Your application was received"
        )[0]
    deadline = time.monotonic() + 30
    while Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).exists():
        assert time.monotonic() < deadline, "the worker did not send the email within 30 s"
        time.sleep(0.2)
    assert [m.to for m in mail.outbox] == [[recipient.email]]
    assert mail.outbox[0].subject.endswith("Your application was received")
