from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "interact_portal.reports"
    label = "reports"
