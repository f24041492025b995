"""Writers of a call's setup: its budget and form rules, its funds, its eligibility checklist and quality criteria.

Everything here is part of the rules applicants rely on: like services.CALL_RULES, it is frozen once an application
was submitted under the published call (`rules_locked`), on the staff pages and in the admin alike. Every writer
locks the call row, checks the role, validates the whole setup (`setup_problems`, `rows_problems`) and writes an
audit entry, in one transaction: a setup is saved whole or not at all.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from interact_portal.audit.services import audit_record

from . import call_template
from .application_form import CONCEPT_NOTE_ALWAYS, FIELDS_BY_KEY, SECTION_KEYS
from .choices import CostCategory, Fund
from .models import Call, CallCriterion, CallEligibilityItem, CallFund, Indicator
from .models.core import content_languages_clean
from .services import CALL_SETUP_FIELDS, rules_locked
from .staff import StaffAction, staff_require

# the simplified cost options: (field, category computed, highest rate the regulation allows)
FLAT_RATES = (
    ("office_flat_rate", CostCategory.OFFICE, Decimal(15)),
    ("travel_flat_rate", CostCategory.TRAVEL, Decimal(15)),
    ("staff_flat_rate", CostCategory.STAFF, Decimal(20)),
    ("other_costs_flat_rate", CostCategory.OTHER, Decimal(40)),
)
# the other direct costs a staff flat rate is computed from (partnerships.budget)
OTHER_DIRECT = {CostCategory.EXTERNAL, CostCategory.EQUIPMENT, CostCategory.INFRASTRUCTURE, CostCategory.TRAVEL}


def locked_reason() -> str:
    return _("Applications were already submitted under this call: its setup is fixed.")


def setup_problems(call: Call, *, complete: bool = False) -> dict[str, str]:
    """What is wrong with the call's setup fields, by field (empty when consistent).

    With `complete`, also what a call needs before it is published (a two-step call's step-2 deadline).
    """
    problems: dict[str, str] = {}
    categories = set(call.cost_categories or [])
    if not categories:
        problems["cost_categories"] = _("Allow at least one cost category.")
    elif not categories <= set(CostCategory.values) - {CostCategory.OTHER}:
        problems["cost_categories"] = _("“Other costs” is offered through its flat rate, not as a category.")
    for name, _category, limit in FLAT_RATES:
        rate = getattr(call, name)
        if rate is not None and not Decimal(0) <= rate <= limit:
            problems[name] = _("The regulation allows a rate from 0 to %(limit)s %%.") % {"limit": limit}
    if call.other_costs_flat_rate is not None:
        combined = [name for name, *_rest in FLAT_RATES[:3] if getattr(call, name) is not None]
        for name in combined:
            problems.setdefault(name, _("Not together with the flat rate for other costs, which covers this cost."))
        if combined:
            problems.setdefault(
                "other_costs_flat_rate",
                # xgettext:no-python-format
                _("The 40 % flat rate for other costs cannot be combined with the office, travel or staff flat rates."),
            )
        elif CostCategory.STAFF not in categories:
            problems.setdefault(
                "other_costs_flat_rate", _("This rate is computed from staff costs: allow the category staff costs.")
            )
    for name, category, _limit in FLAT_RATES[:2]:
        if getattr(call, name) is None or name in problems:
            continue
        if category not in categories:
            problems[name] = _("Allow the category “%(category)s” to offer its flat rate.") % {
                "category": CostCategory(category).label
            }
        elif CostCategory.STAFF not in categories:
            problems[name] = _("This rate is computed from staff costs: allow the category staff costs.")
    if call.staff_flat_rate is not None and "staff_flat_rate" not in problems:
        if CostCategory.STAFF not in categories:
            problems["staff_flat_rate"] = _("Allow the category staff costs to offer its flat rate.")
        elif not categories & OTHER_DIRECT:
            problems["staff_flat_rate"] = _(
                "This rate is computed from the other direct costs: allow external expertise, equipment, "
                "infrastructure or travel."
            )
    if call.preparation_lump_sum is not None and call.preparation_lump_sum < 0:
        problems["preparation_lump_sum"] = _("The lump sum cannot be negative.")
    if call.is_two_step:
        if call.step2_closes_at and call.closes_at and call.step2_closes_at <= call.closes_at:
            problems["step2_closes_at"] = _("Step 2 must close after step 1 closes.")
        elif complete and call.step2_closes_at is None:
            problems["step2_closes_at"] = _("A two-step call needs the deadline of step 2.")
        if set(call.step1_sections or []) - set(SECTION_KEYS):
            problems["step1_sections"] = _("Choose sections of the application form.")
    for key, rule in (call.form_rules or {}).items():
        spec = FIELDS_BY_KEY.get(key)
        limit = rule.get("limit") if isinstance(rule, dict) else None
        if spec is None or not isinstance(rule, dict) or set(rule) - {"required", "limit", "every_language"}:
            problems["form_rules"] = _("Unknown field or rule: %(key)s.") % {"key": key}
        elif rule.get("every_language") and not spec.translatable:
            problems["form_rules"] = _("Only the title and the summary can be asked for in every language.")
        elif rule.get("every_language") and len(call.input_languages or []) < 2:
            problems["form_rules"] = _(
                "Choose another language applicants write in, or do not ask for a field in every language."
            )
        elif limit is not None and (not isinstance(limit, int) or limit < 1 or not spec.limit):
            problems["form_rules"] = _("The character limit of %(field)s must be a whole number above 0.") % {
                "field": spec.label
            }
    if set(call.input_languages or []) - {code for code, _name in settings.LANGUAGES}:
        problems["input_languages"] = _("Choose languages of the portal.")
    return problems


def rows_problems(call: Call, *, complete: bool = True) -> dict[str, str]:
    """What is wrong with the call's funds, checklist and criteria as saved (empty when consistent)."""
    problems = {}
    if complete and not call.funds.exists():
        problems["funds"] = _("Offer at least one fund.")
    if complete and not call.eligibility_items.exists():
        problems["eligibility_items"] = _("The eligibility checklist needs at least one item.")
    weights = list(call.criteria.values_list("weight", flat=True))
    if complete and not weights:
        problems["criteria"] = _("Add at least one quality criterion.")
    elif weights and sum(weights) != 100:
        problems["criteria"] = weights_message(sum(weights))
    return problems


def weights_message(total) -> str:
    return _("The weights must add up to 100 %%; they add up to %(total)s %%.") % {"total": total}


def normalise_setup(call: Call) -> None:
    """A one-step call has no step 2; a concept note always has identification and partners, in form order;
    applicants always write in English, and the input languages are kept in the portal's order."""
    call.input_languages = content_languages_clean(call.input_languages)
    if not call.is_two_step:
        call.step2_closes_at, call.step1_sections = None, []
    elif call.step1_sections:
        chosen = set(call.step1_sections) | set(CONCEPT_NOTE_ALWAYS)
        call.step1_sections = [key for key in SECTION_KEYS if key in chosen]


def _call_for_setup(call: Call, by) -> Call:
    """The call row locked for a setup change; refused without the role (403) or once the setup is fixed."""
    call = Call.objects.select_for_update().get(pk=call.pk)
    staff_require(by, call.programme, StaffAction.EDIT_CALLS)
    if rules_locked(call):
        raise ValidationError(locked_reason())
    return call


@transaction.atomic
def call_apply_template(call: Call) -> None:
    """Copy the default checklist and criteria (programmes.call_template) into a new call's own rows, and offer
    ERDF at the call's maximum rate when it has no fund yet. A call that has rows of its own keeps them."""
    if not call.eligibility_items.exists():
        CallEligibilityItem.objects.bulk_create(
            CallEligibilityItem(call=call, key=key, order=n)
            for n, (key, _label) in enumerate(call_template.ELIGIBILITY)
        )
    if not call.criteria.exists():
        CallCriterion.objects.bulk_create(
            CallCriterion(call=call, key=key, weight=weight, sections=list(sections), order=n)
            for n, (key, _label, _name, weight, sections) in enumerate(call_template.CRITERIA)
        )
    if not call.funds.exists():
        CallFund.objects.create(call=call, fund=Fund.ERDF, max_rate=call.max_cofinancing_rate)


@transaction.atomic
def call_setup_save(*, call: Call, data: dict, by) -> Call:
    """Change setup fields of a call (only those of CALL_SETUP_FIELDS); the whole setup must stay consistent."""
    unknown = set(data) - set(CALL_SETUP_FIELDS)
    if unknown:
        raise ValueError(f"not setup fields: {sorted(unknown)}")
    call = _call_for_setup(call, by)
    before = {name: getattr(call, name) for name in data}
    for name, value in data.items():
        setattr(call, name, value)
    normalise_setup(call)
    problems = setup_problems(call)
    if problems:
        raise ValidationError(problems)
    call.full_clean(exclude=["allowed_objectives"])
    call.save(update_fields=[*CALL_SETUP_FIELDS])
    changes = {name: (before[name], getattr(call, name)) for name in data if before[name] != getattr(call, name)}
    audit_record(action="call.setup_saved", actor=by, target=call, changes=changes)
    return call


@transaction.atomic
def call_funds_save(*, call: Call, funds: dict[str, Decimal], by) -> Call:
    """Set the funds of the call and each one's maximum co-financing rate (at least one fund, rates 0–100 %)."""
    call = _call_for_setup(call, by)
    errors = {}
    for fund, rate in funds.items():
        if fund not in Fund.values:
            raise ValidationError(_("Unknown fund: %(fund)s.") % {"fund": fund})
        if rate is None or not Decimal(0) <= rate <= Decimal(100):
            errors[f"{fund}_rate"] = _("The rate is a percentage from 0 to 100.")
    if not funds:
        errors["__all__"] = _("Offer at least one fund.")
    if errors:
        raise ValidationError(errors)
    before = {row.fund: row.max_rate for row in call.funds.all()}
    call.funds.exclude(fund__in=list(funds)).delete()
    for fund, rate in funds.items():
        CallFund.objects.update_or_create(call=call, fund=fund, defaults={"max_rate": rate})
    changes = {
        f"fund_{fund}": (before.get(fund), funds.get(fund))
        for fund in Fund.values
        if before.get(fund) != funds.get(fund)
    }
    audit_record(action="call.funds_saved", actor=by, target=call, changes=changes)
    return call


def new_row_key(call: Call, model, text: str) -> str:
    """A key for a row staff add: from its wording, unique in the call (the default rows keep the template's)."""
    base = slugify(str(text)).replace("-", "_")[:24] or "item"
    taken = set(model.objects.filter(call=call).values_list("key", flat=True))
    key, n = base, 1
    while key in taken:
        n += 1
        key = f"{base}_{n}"[:30]
    return key


def _rows_summary(call: Call, model) -> list[str]:
    if model is CallCriterion:
        return [f"{row.key}:{row.weight}" for row in call.criteria.all()]
    return [f"{row.key}:{row.label}" if row.label else row.key for row in model.objects.filter(call=call)]


@transaction.atomic
def call_setup_rows_save(*, call: Call, formset, by) -> Call:
    """Save a valid formset of the call's checklist items or criteria (added, changed, removed, reordered); the
    saved rows are checked again (criteria weights add up to 100, at least one row), else nothing is saved."""
    model = formset.model
    if model not in (CallEligibilityItem, CallCriterion):
        raise ValueError(f"not a setup row: {model}")
    call = _call_for_setup(call, by)
    before = _rows_summary(call, model)
    formset.instance = call
    formset.save()
    related = "criteria" if model is CallCriterion else "eligibility_items"
    problems = {name: message for name, message in rows_problems(call).items() if name == related}
    if problems:
        raise ValidationError(problems)
    after = _rows_summary(call, model)
    action = "call.criteria_saved" if model is CallCriterion else "call.checklist_saved"
    audit_record(action=action, actor=by, target=call, changes={related: (before, after)} if before != after else {})
    return call


@transaction.atomic
def indicator_save(*, form, by) -> Indicator:
    """Save a valid IndicatorForm: programme reference data, kept by those who edit the programme's calls."""
    indicator = form.instance
    staff_require(by, indicator.programme, StaffAction.EDIT_CALLS)
    changes = {
        name: (form.initial.get(name), form.cleaned_data.get(name))
        for name in form.changed_data
        if name != "objectives"
    }
    if "objectives" in form.changed_data:
        changes["objectives"] = (None, sorted(objective.code for objective in form.cleaned_data["objectives"]))
    indicator = form.save()
    audit_record(action="indicator.saved", actor=by, target=indicator, changes=changes)
    return indicator
