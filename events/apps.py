from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"

    def ready(self):
        from . import emails, privacy, reports  # noqa: F401  (registers the report kinds, personal data, .ics files)
