"""Writers of calls for proposals, used by the staff workspace (the admin edits through the same model rules)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from interact_portal.audit.services import audit_record, form_changes

from .models import Call
from .staff import StaffAction, staff_require

# What an applicant relies on when applying: frozen once an application was submitted under a published call.
CALL_RULES = (
    "kind",
    "opens_at",
    "closes_at",
    "timezone",
    "allowed_objectives",
    "max_cofinancing_rate",
    "min_partners",
    "min_countries",
    "lead_partner_in_programme_area",
)


def rules_locked(call: Call) -> bool:
    """Published, and an application was submitted under it: applicants rely on its rules."""
    return call.is_published and call.projects.filter(submitted_at__isnull=False).exists()


@transaction.atomic
def call_save(*, form, by) -> Call:
    """Save a valid CallForm; refuses changes to the rules of a published call with submitted applications."""
    call = form.instance
    staff_require(by, call.programme, StaffAction.EDIT_CALLS)
    if call.pk:
        saved = Call.objects.select_for_update().get(pk=call.pk)
        if rules_locked(saved):
            changed = [name for name in CALL_RULES if name in form.changed_data]
            if changed:
                message = _("This rule cannot change: applications were already submitted under it.")
                raise ValidationError(dict.fromkeys(changed, message))
    changes = form_changes(form)
    call = form.save()
    audit_record(action="call.saved", actor=by, target=call, changes=changes)
    return call


@transaction.atomic
def call_publish(*, call: Call, by, publish: bool = True) -> Call:
    """Publish a call (it must be complete), or withdraw it while nobody has started an application."""
    call = Call.objects.select_for_update().get(pk=call.pk)
    staff_require(by, call.programme, StaffAction.EDIT_CALLS)
    if publish:
        if not call.allowed_objectives.exists():
            raise ValidationError(_("Choose at least one specific objective before publishing the call."))
        call.full_clean()
    elif call.projects.exists():
        raise ValidationError(_("Applications were started under this call: it can no longer be withdrawn."))
    audit_record(action="call.published", actor=by, target=call, changes={"is_published": (call.is_published, publish)})
    call.is_published = publish
    call.save(update_fields=["is_published"])
    return call
