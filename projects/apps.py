from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "projects"

    def ready(self):
        # report kinds, personal data, caches, login, stored money
        from . import money_aggregates, money_cache, privacy, receivers, reports  # noqa: F401
