"""notify(): the one call that records in-app notifications and writes their emails to the outbox."""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .languages import unprefixed
from .messages import Message
from .models import Notification
from .outbox import outbox_add


@transaction.atomic
def notify(
    *,
    event: str,
    actor,
    target,
    recipients: Iterable,
    title: Message | str,
    body: Message | str = "",
    url: str = "",
    email: bool = True,
) -> list[Notification]:
    """Create one notification per distinct recipient; email each once the surrounding transaction commits.

    `title` and `body` are `Message`s (a key and its parameters), kept as such and written out in each recipient's
    own language when shown or emailed, never in the sender's; plain text is kept as it is, untranslated. `url` is
    stored without a language prefix and shown with the recipient's."""
    title, body = as_message(title), as_message(body)
    target_type = ContentType.objects.get_for_model(target) if target is not None else None
    unique = {user.pk: user for user in recipients if user is not None and user.is_active}
    notifications = Notification.objects.bulk_create(
        Notification(
            recipient=user,
            actor=actor,
            event=event,
            title_msgid=title.msgid,
            title_params=title.params,
            body_msgid=body.msgid if body else "",
            body_params=body.params if body else {},
            url=unprefixed(url),
            target_type=target_type,
            target_id=str(target.pk) if target is not None else "",
        )
        for user in unique.values()
    )
    if email:
        for notification in notifications:
            notification.recipient = unique[notification.recipient_id]
            notification_email_write(notification)
    return notifications


def as_message(value: Message | str | None) -> Message:
    return value if isinstance(value, Message) else Message.text(value or "")


def notification_email_write(notification: Notification) -> None:
    """The notification's email, in the recipient's language with links to their language's pages."""
    with translation.override(notification.language):
        outbox_add(
            key=f"notification:{notification.pk}",
            to=notification.recipient.email,
            subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{notification.title}",
            body=render_to_string(
                "notifications/email.txt",
                {
                    "notification": notification,
                    "site_url": settings.SITE_URL,
                    "list_url": reverse("notifications:list"),
                },
            ),
            notification=notification,
        )


@transaction.atomic
def notifications_mark_read(*, user, ids: Iterable[int] | None = None) -> int:
    """Mark the user's unread notifications read (all, or the given ids); returns how many changed."""
    queryset = Notification.objects.for_user(user).unread()
    if ids is not None:
        queryset = queryset.filter(pk__in=list(ids))
    return queryset.update(read_at=timezone.now())
