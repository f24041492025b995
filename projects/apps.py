from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "projects"

    def ready(self):
        from . import money_cache, privacy, reports  # noqa: F401  (registers the report kinds and the personal data)
