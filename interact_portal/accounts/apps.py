from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "interact_portal.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from interact_portal.reports.registry import ReportKind, register

        from . import privacy, receivers  # noqa: F401 - session bookkeeping at login

        register(
            ReportKind(
                key="personal_data",
                label="Your personal data",
                formats=("json",),
                scope=privacy.personal_data_scope,
                sheets=lambda parameters: [],
                json=privacy.personal_data_write,
                requester_only=True,
            )
        )
