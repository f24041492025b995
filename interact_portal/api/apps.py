from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "interact_portal.api"
    label = "api"
