"""The email outbox: written inside the change's transaction, sent by Celery, each message at most once per key."""

import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import timezone, translation

from interact_portal.core.queue import enqueue_on_commit

from .attachments import attachments_for
from .models import Notification, OutboxEmail

logger = logging.getLogger(__name__)
ACCOUNT_KEY = "account:"  # allauth's messages carry sign-in, confirmation and reset links: not kept once sent


def outbox_add(*, key: str, to: str, subject: str, body: str, notification=None) -> OutboxEmail:
    """Write the email in the current transaction (a second call with the same key changes nothing)."""
    from .tasks import send_outbox_email

    email, created = OutboxEmail.objects.get_or_create(
        key=key, defaults={"to": to, "subject": subject[:300], "body": body, "notification": notification}
    )
    if created:
        enqueue_on_commit(send_outbox_email, email.pk)
    return email


def outbox_send(*, email_id: int) -> bool:
    """Send one outbox email unless it went out already; returns whether it was sent now.

    The row is locked while sending: a duplicate delivery of the task waits, then finds `sent_at` and stops.
    """
    with transaction.atomic():
        email = OutboxEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.sent_at is not None:
            return False
        email.attempts += 1
        try:
            _message(email).send()
        except Exception as error:
            OutboxEmail.objects.filter(pk=email.pk).update(attempts=email.attempts, last_error=str(error)[:2000])
            raise
        email.sent_at, email.last_error = timezone.now(), ""
        if email.key.startswith(ACCOUNT_KEY):
            email.body = ""
        email.save(update_fields=["sent_at", "attempts", "last_error", "body"])
        if email.notification_id:
            Notification.objects.filter(pk=email.notification_id).update(emailed_at=email.sent_at)
    return True


def outbox_relay(*, older_than: timedelta | None = None) -> int:
    """Send what is still waiting (the broker was down at commit, or every retry failed); returns how many went."""
    older_than = timedelta(seconds=settings.OUTBOX_RELAY_AFTER_SECONDS) if older_than is None else older_than
    pending = OutboxEmail.objects.filter(sent_at__isnull=True, created_at__lte=timezone.now() - older_than)
    sent = 0
    for email_id in pending.order_by("created_at").values_list("pk", flat=True)[:500]:
        try:
            sent += outbox_send(email_id=email_id)
        except Exception:  # one failing address must not stop the others; its error is on the row
            logger.exception("outbox email %s could not be sent", email_id)
    return sent


class OutboxBackend(BaseEmailBackend):
    """A mail connection that writes to the outbox, for code that sends through Django's mail API (allauth)."""

    def send_messages(self, email_messages) -> int:
        for message in email_messages:
            for to in message.to:
                outbox_add(key=f"{ACCOUNT_KEY}{uuid.uuid4().hex}", to=to, subject=message.subject, body=message.body)
        return len(email_messages)


def _message(email: OutboxEmail) -> EmailMessage:
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(">")
    return EmailMessage(
        subject=email.subject,
        body=email.body,
        to=[email.to],
        attachments=_attachments(email.notification) if email.notification_id else None,
        headers={"Message-ID": f"<{email.key.replace(':', '.')}@{domain}>", "X-Idempotency-Key": email.key},
    )


def _attachments(notification) -> list:
    """The files of a notification's email (an event's calendar), written in the recipient's language."""
    with translation.override(notification.language):
        return attachments_for(notification)
