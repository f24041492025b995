from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "interact_portal.core"
    label = "core"

    def ready(self):
        from .modeltranslation_values import patch

        patch()
