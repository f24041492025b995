"""The person's notifications and the emails written to them: exported, and erased with the account."""

from interact_portal.accounts.privacy import eraser, personal_data_section

from .models import Notification, OutboxEmail


@personal_data_section("notifications")
def notifications_of(user) -> list:
    return list(Notification.objects.filter(recipient=user).values("created_at", "event", "title", "body", "read_at"))


@eraser
def notifications_forget(user) -> None:
    Notification.objects.filter(recipient=user).delete()
    OutboxEmail.objects.filter(to__iexact=user.email).delete()
