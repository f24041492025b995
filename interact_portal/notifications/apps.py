from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "interact_portal.notifications"
    label = "notifications"

    def ready(self):
        from . import privacy  # noqa: F401 - the person's notifications in "download my data" and erasure
