from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "interact_portal.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from . import receivers  # noqa: F401 - session bookkeeping at login
