from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "interact_portal.demo"
    label = "demo"
