from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "interact_portal.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self):
        from . import receivers  # noqa: F401 - logins, failed logins and admin edits
