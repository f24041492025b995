from .models import Notification


def unread_notifications(request):
    """The unread count for the header: one cheap indexed COUNT, only for signed-in users."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": lambda: Notification.objects.for_user(user).unread().count()}
