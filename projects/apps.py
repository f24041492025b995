from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "projects"

    def ready(self):
        from . import money_cache, privacy, receivers, reports  # noqa: F401  (report kinds, personal data, caches, login)
