"""Logins, failed logins and every Django admin edit go to the audit trail through signals."""

import contextvars

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import AuditEntry
from .services import audit_record

# Field values before → after of the admin form being saved, set by AuditedAdmin for the LogEntry that follows.
admin_changes: contextvars.ContextVar[dict | None] = contextvars.ContextVar("admin_changes", default=None)

ADMIN_ACTIONS = {ADDITION: "admin.add", CHANGE: "admin.change", DELETION: "admin.delete"}


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    audit_record(action="auth.login", actor=user, target=user, request=request)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    attempted = str(credentials.get("email") or credentials.get("username") or "")
    audit_record(action="auth.login_failed", label=attempted, request=request)


@receiver(post_save, sender=LogEntry)
def _admin_edit(sender, instance: LogEntry, created: bool, **kwargs):
    if not created or instance.content_type_id is None:
        return
    changes = admin_changes.get() or {}
    admin_changes.set(None)
    AuditEntry.objects.create(
        actor_id=instance.user_id,
        action=ADMIN_ACTIONS.get(instance.action_flag, "admin.edit"),
        target_type_id=instance.content_type_id,
        target_id=instance.object_id or "",
        target_label=instance.object_repr[:255],
        changes=changes,
        note=instance.get_change_message(),
    )
