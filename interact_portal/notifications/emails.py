"""Sending an email at most once: the one mechanism behind every email a row stands for."""

from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from .models import Notification


def email_once(queryset, pk: int, message_for: Callable[[object], EmailMessage]) -> bool:
    """Lock the row, send its message unless `emailed_at` is set, then set it; returns whether a message went out.

    A redelivered or duplicated task finds the stamp (or waits on the lock, then finds it) and sends nothing.
    """
    with transaction.atomic():
        row = queryset.select_for_update(of=("self",)).filter(pk=pk).first()
        if row is None or row.emailed_at is not None:
            return False
        message_for(row).send()
        row.emailed_at = timezone.now()
        row.save(update_fields=["emailed_at"])
    return True


def notification_email_send(*, notification_id: int) -> bool:
    """Send the email of a notification unless it was sent already."""

    def message(notification) -> EmailMessage:
        context = {"notification": notification, "site_url": settings.SITE_URL}
        return EmailMessage(
            subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{notification.title}",
            body=render_to_string("notifications/email.txt", context),
            to=[notification.recipient.email],
        )

    return email_once(Notification.objects.select_related("recipient"), notification_id, message)
