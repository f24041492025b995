from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "interact_portal.notifications"
    label = "notifications"
