"""audit_record(): the one writer of the audit trail, called inside the transaction of the change it records."""

from django.contrib.contenttypes.models import ContentType

from interact_portal.core.client_ip import client_ip

from .models import AuditEntry


def plain_value(value):
    """A JSON-safe, readable form of a field value (dates, decimals, model instances become text)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple | set):
        return [plain_value(item) for item in value]
    return str(value)


def stored_changes(changes: dict) -> dict:
    """field → (before, after) as the trail stores it: field → [before, after], JSON-safe."""
    return {field: [plain_value(before), plain_value(after)] for field, (before, after) in changes.items()}


def form_changes(form) -> dict:
    """Each changed field of a bound, valid form: (initial, cleaned) — passwords never."""
    return {
        name: (form.initial.get(name), form.cleaned_data.get(name))
        for name in form.changed_data
        if "password" not in name
    }


def request_ip(request) -> str | None:
    return client_ip(request) if request is not None else None


def audit_record(
    *, action: str, actor=None, target=None, changes: dict | None = None, note: str = "", request=None, label=""
) -> AuditEntry:
    """Record one action. `changes` maps a field to (before, after)."""
    actor = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_label=(label or (str(target) if target is not None else ""))[:255],
        changes=stored_changes(changes or {}),
        note=note,
        ip=request_ip(request),
    )
