"""Writers of calls for proposals, used by the staff workspace (the admin edits through the same model rules)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from interact_portal.audit.services import audit_record, form_changes

from .models import Call
from .staff import StaffAction, staff_require

# The call setup's own fields (call_setup_services; its rows — funds, checklist, criteria — are locked there too)
CALL_SETUP_FIELDS = (
    "step2_closes_at",
    "step1_sections",
    "reporting_period_months",
    "cost_categories",
    "office_flat_rate",
    "travel_flat_rate",
    "staff_flat_rate",
    "other_costs_flat_rate",
    "preparation_lump_sum",
    "form_rules",
    "input_languages",
    "control_four_eyes",
)
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
    *CALL_SETUP_FIELDS,
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
    from .call_setup_services import call_apply_template, normalise_setup, setup_problems

    normalise_setup(call)  # a one-step call has no step 2
    problems = setup_problems(call)
    if problems:
        raise ValidationError(problems)
    created = call.pk is None
    changes = form_changes(form)
    call = form.save()
    if created:
        call_apply_template(call)  # a new call starts from the default checklist, criteria and fund
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
        from .call_setup_services import rows_problems, setup_problems

        problems = {**setup_problems(call, complete=True), **rows_problems(call)}
        if problems:
            raise ValidationError(
                _("Complete the call's setup first: %(problems)s") % {"problems": " ".join(problems.values())}
            )
        call.full_clean()
    elif call.projects.exists():
        raise ValidationError(_("Applications were started under this call: it can no longer be withdrawn."))
    audit_record(action="call.published", actor=by, target=call, changes={"is_published": (call.is_published, publish)})
    call.is_published = publish
    call.save(update_fields=["is_published"])
    return call
