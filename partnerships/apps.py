from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "partnerships"

    def ready(self):
        from . import idea_privacy  # noqa: F401  (registers the partner search's personal data and its eraser)
