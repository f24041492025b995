"""The person's notifications and the emails written to them: exported, and erased with the account."""

from interact_portal.accounts.privacy import eraser, personal_data_section

from .models import Notification, OutboxEmail


@personal_data_section("notifications")
def notifications_of(user) -> list:
    """Each notification as the person reads it (in their language)."""
    rows = Notification.objects.filter(recipient=user).select_related("recipient")
    return [
        {"created_at": n.created_at, "event": n.event, "title": n.title, "body": n.body, "read_at": n.read_at}
        for n in rows
    ]


@eraser
def notifications_forget(user) -> None:
    Notification.objects.filter(recipient=user).delete()
    OutboxEmail.objects.filter(to__iexact=user.email).delete()
