"""Sending one notification's email, at most once."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from .models import Notification


def notification_email_send(*, notification_id: int) -> bool:
    """Send the email of a notification unless it was sent already; returns whether a message went out."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update().select_related("recipient").filter(pk=notification_id).first()
        )
        if notification is None or notification.emailed_at is not None:
            return False
        context = {"notification": notification, "site_url": settings.SITE_URL}
        message = EmailMessage(
            subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{notification.title}",
            body=render_to_string("notifications/email.txt", context),
            to=[notification.recipient.email],
        )
        message.send()
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
    return True
