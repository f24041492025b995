"""Forms of a call's setup, used by the staff workspace and (the row formsets) by the admin.

Each form checks its input against the one set of rules (call_setup_services.setup_problems) so that errors show
next to their field; the services check again before anything is saved.
"""

import copy
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .application_form import CONCEPT_NOTE_ALWAYS, CONCEPT_NOTE_DEFAULT, FIELDS, SECTIONS
from .call_setup_services import FLAT_RATES, new_row_key, normalise_setup, setup_problems, weights_message
from .call_template import CRITERION_LABELS, CRITERION_NAMES, ELIGIBILITY_LABELS
from .choices import CostCategory, Fund
from .forms import LocalDateTimeInput
from .models import Call, CallCriterion, CallEligibilityItem

CATEGORY_CHOICES = [(value, label) for value, label in CostCategory.choices if value != CostCategory.OTHER]
FLAT_RATE_HELP = {
    # xgettext:no-python-format
    "office_flat_rate": _("Up to 15 % of staff costs (Regulation (EU) 2021/1059 art. 40)."),
    # xgettext:no-python-format
    "travel_flat_rate": _("Up to 15 % of staff costs (art. 41)."),
    # xgettext:no-python-format
    "staff_flat_rate": _("Up to 20 % of the other direct costs (art. 39)."),
    # xgettext:no-python-format
    "other_costs_flat_rate": _("Up to 40 % of staff costs, covering every other cost; excludes the three rates above."),
}
FLAT_RATE_LABELS = {
    # xgettext:no-python-format
    "office_flat_rate": _("Office and administration: flat rate (% of staff costs)"),
    # xgettext:no-python-format
    "travel_flat_rate": _("Travel and accommodation: flat rate (% of staff costs)"),
    # xgettext:no-python-format
    "staff_flat_rate": _("Staff costs: flat rate (% of the other direct costs)"),
    # xgettext:no-python-format
    "other_costs_flat_rate": _("Other costs: flat rate (% of staff costs)"),
}


def lock(form, locked: bool) -> None:
    """A locked setup is shown, never changed: every field is disabled (and the posted values are ignored)."""
    if locked:
        for field in form.fields.values():
            field.disabled = True


class CallSetupForm(forms.Form):
    """Cost categories, simplified cost options, reporting periods and, for a two-step call, step 1 and step 2."""

    cost_categories = forms.MultipleChoiceField(
        label=_("Cost categories allowed"), choices=CATEGORY_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    reporting_period_months = forms.IntegerField(
        label=_("Reporting period (months)"),
        min_value=1,
        max_value=24,
        help_text=_("The project's periods are derived from its duration."),
    )
    control_four_eyes = forms.BooleanField(
        label=_("Four eyes in first-level control"),
        required=False,
        help_text=_("A second controller confirms every control of a partner report before its certificate."),
    )
    preparation_lump_sum_on = forms.BooleanField(label=_("Offer a preparation lump sum"), required=False)
    preparation_lump_sum = forms.DecimalField(
        label=_("Preparation lump sum (EUR)"), required=False, min_value=0, max_digits=14, decimal_places=2
    )
    step2_closes_at = forms.DateTimeField(
        label=_("Step 2 closes at"),
        widget=LocalDateTimeInput(),
        help_text=_("In the call's time zone; after step 1 closes."),
    )
    step1_sections = forms.MultipleChoiceField(
        label=_("Sections of the concept note (step 1)"),
        choices=SECTIONS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Identification and partnership are always part of it."),
    )

    def __init__(self, *args, call: Call, locked: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.call = call
        self.zone = ZoneInfo(call.timezone or "Europe/Brussels")
        fields = dict(self.fields)
        self.fields.clear()
        self.fields["cost_categories"] = fields["cost_categories"]
        for name, _category, limit in FLAT_RATES:  # each option: on/off and its rate, in the regulation's order
            self.fields[f"{name}_on"] = forms.BooleanField(
                label=_("Offer: %(option)s") % {"option": FLAT_RATE_LABELS[name]}, required=False
            )
            self.fields[name] = forms.DecimalField(
                label=FLAT_RATE_LABELS[name],
                required=False,
                min_value=0,
                max_value=limit,
                max_digits=5,
                decimal_places=2,
                help_text=FLAT_RATE_HELP[name],
                error_messages={
                    "max_value": _("The regulation allows at most %(limit_value)s %%."),
                    "min_value": _("The rate cannot be negative."),
                },
            )
        for name in ("preparation_lump_sum_on", "preparation_lump_sum", "reporting_period_months", "control_four_eyes"):
            self.fields[name] = fields[name]
        if call.is_two_step:  # shown, and required, only for a two-step call
            self.fields["step2_closes_at"] = fields["step2_closes_at"]
            self.fields["step1_sections"] = fields["step1_sections"]
        if not self.is_bound:
            self.initial = self._initial(call)
        lock(self, locked)

    def _initial(self, call: Call) -> dict:
        initial = {
            "cost_categories": list(call.cost_categories),
            "reporting_period_months": call.reporting_period_months,
            "control_four_eyes": call.control_four_eyes,
            "preparation_lump_sum_on": call.preparation_lump_sum is not None,
            "preparation_lump_sum": call.preparation_lump_sum,
            "step1_sections": list(call.step1_sections or CONCEPT_NOTE_DEFAULT),
        }
        for name, *_rest in FLAT_RATES:
            initial[f"{name}_on"] = getattr(call, name) is not None
            initial[name] = getattr(call, name)
        if call.step2_closes_at:
            initial["step2_closes_at"] = timezone.localtime(call.step2_closes_at, self.zone).replace(tzinfo=None)
        return initial

    def clean(self):
        data = super().clean()
        for name in [name for name, *_rest in FLAT_RATES] + ["preparation_lump_sum"]:
            if data.get(f"{name}_on") and data.get(name) is None and name not in self.errors:
                self.add_error(
                    name, _("Give the rate of the option you offer.") if "rate" in name else _("Give the amount.")
                )
        if data.get("step2_closes_at"):  # typed in the call's time zone
            data["step2_closes_at"] = timezone.make_aware(timezone.make_naive(data["step2_closes_at"]), self.zone)
        if not self.errors:
            trial = copy.copy(self.call)
            for name, value in self.setup_data().items():
                setattr(trial, name, value)
            normalise_setup(trial)
            for name, message in setup_problems(trial).items():
                self.add_error(name if name in self.fields else None, message)
        return data

    def setup_data(self) -> dict:
        """The setup fields of the call, as the service takes them: an option switched off is None."""
        data = self.cleaned_data
        values = {
            "cost_categories": [value for value, _label in CATEGORY_CHOICES if value in data["cost_categories"]],
            "reporting_period_months": data["reporting_period_months"],
            "control_four_eyes": bool(data.get("control_four_eyes")),
            "preparation_lump_sum": data["preparation_lump_sum"] if data.get("preparation_lump_sum_on") else None,
        }
        for name, *_rest in FLAT_RATES:
            values[name] = data[name] if data.get(f"{name}_on") else None
        if "step2_closes_at" in self.fields:
            values["step2_closes_at"] = data["step2_closes_at"]
            values["step1_sections"] = sorted(set(data["step1_sections"]) | set(CONCEPT_NOTE_ALWAYS))
        return values


class CallFundsForm(forms.Form):
    """Each fund the call may offer: offered or not, and its maximum co-financing rate."""

    def __init__(self, *args, call: Call, locked: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        current = {row.fund: row.max_rate for row in call.funds.all()}
        for fund, label in Fund.choices:
            self.fields[f"{fund}_offered"] = forms.BooleanField(
                label=_("Offer %(fund)s") % {"fund": label}, required=False, initial=fund in current
            )
            self.fields[f"{fund}_rate"] = forms.DecimalField(
                label=_("%(fund)s: maximum co-financing rate (%%)") % {"fund": label},
                required=False,
                min_value=0,
                max_value=100,
                max_digits=5,
                decimal_places=2,
                initial=current.get(fund),
                error_messages={
                    "min_value": _("The rate is a percentage from 0 to 100."),
                    "max_value": _("The rate is a percentage from 0 to 100."),
                },
            )
        lock(self, locked)

    def rows(self):
        return [(self[f"{fund}_offered"], self[f"{fund}_rate"]) for fund in Fund.values]

    def clean(self):
        data = super().clean()
        for fund in Fund.values:
            if data.get(f"{fund}_offered") and data.get(f"{fund}_rate") is None and f"{fund}_rate" not in self.errors:
                self.add_error(f"{fund}_rate", _("Give this fund's maximum co-financing rate."))
        if not any(data.get(f"{fund}_offered") for fund in Fund.values):
            raise forms.ValidationError(_("Offer at least one fund."))
        return data

    def funds(self) -> dict:
        data = self.cleaned_data
        return {fund: data[f"{fund}_rate"] for fund in Fund.values if data.get(f"{fund}_offered")}


class FormRulesForm(forms.Form):
    """For each field of the application form: required or not, its character limit, and for the title and the
    summary whether applicants write them in every language of the call; and the languages applicants write in."""

    def __init__(self, *args, call: Call, locked: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        from .application_form import field_rule, other_input_languages

        self.fields["input_languages"] = forms.MultipleChoiceField(
            label=_("Other languages applicants write in"),
            choices=[(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE],
            widget=forms.CheckboxSelectMultiple,
            required=False,
            initial=other_input_languages(call),
            help_text=_(
                "Applicants always write in English. With another language, the title and the summary can be "
                "asked for in it too."
            ),
        )
        self.specs = {}
        for n, spec in enumerate(FIELDS):
            rule = field_rule(call, spec.key)
            self.specs[f"f{n}"] = spec
            self.fields[f"f{n}_required"] = forms.BooleanField(
                label=_("%(field)s: required") % {"field": spec.label}, required=False, initial=rule.required
            )
            if spec.limit:
                self.fields[f"f{n}_limit"] = forms.IntegerField(
                    label=_("%(field)s: character limit") % {"field": spec.label},
                    min_value=1,
                    max_value=100000,
                    initial=rule.limit,
                    help_text=_("Default: %(limit)s.") % {"limit": spec.limit},
                )
            if spec.translatable:
                own = (call.form_rules or {}).get(spec.key, {})
                self.fields[f"f{n}_every_language"] = forms.BooleanField(
                    label=_("%(field)s: required in every language applicants write in") % {"field": spec.label},
                    required=False,
                    initial=bool(own.get("every_language")),
                )
        lock(self, locked)

    def rows(self):
        """(section label, [(spec, required field, limit field or None, every-language field or None)])."""
        labels = dict(SECTIONS)
        grouped: dict[str, list] = {}
        for name, spec in self.specs.items():
            limit = self[f"{name}_limit"] if f"{name}_limit" in self.fields else None
            every = self[f"{name}_every_language"] if f"{name}_every_language" in self.fields else None
            grouped.setdefault(spec.section, []).append((spec, self[f"{name}_required"], limit, every))
        return [(labels[section], rows) for section, rows in grouped.items()]

    def clean(self):
        data = super().clean()
        if not data.get("input_languages"):
            for name in self.specs:
                if data.get(f"{name}_every_language"):
                    self.add_error(
                        f"{name}_every_language",
                        _("Choose another language applicants write in above, or untick this."),
                    )
        return data

    def input_languages(self) -> list[str]:
        return [settings.LANGUAGE_CODE, *self.cleaned_data.get("input_languages", [])]

    def form_rules(self) -> dict:
        """Only the departures from each field's default."""
        rules = {}
        for name, spec in self.specs.items():
            own = {}
            required = bool(self.cleaned_data.get(f"{name}_required"))
            if required != spec.required:
                own["required"] = required
            limit = self.cleaned_data.get(f"{name}_limit")
            if spec.limit and limit is not None and limit != spec.limit:
                own["limit"] = limit
            if self.cleaned_data.get(f"{name}_every_language"):
                own["every_language"] = True
            if own:
                rules[spec.key] = own
        return rules


class DefaultWordingMixin:
    """A row copied from the template shows its default wording; saving that wording unchanged keeps it blank (so
    it stays translated), and a row staff add needs its own wording."""

    defaults: dict = {}
    wording = "label"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        key = self.instance.key
        if key in self.defaults and not getattr(self.instance, self.wording):
            self.initial[self.wording] = str(self.defaults[key])

    def _clean_wording(self, name: str, defaults: dict, required: bool):
        value = (self.cleaned_data.get(name) or "").strip()
        key = self.instance.key
        if key in defaults and value == str(defaults[key]):
            return ""
        if not value and required and key not in defaults:
            raise forms.ValidationError(_("Write the wording."))
        return value


class EligibilityItemForm(DefaultWordingMixin, forms.ModelForm):
    defaults = ELIGIBILITY_LABELS

    class Meta:
        model = CallEligibilityItem
        fields = ["label", "order"]
        labels = {"label": _("Item")}

    def clean_label(self):
        return self._clean_wording("label", ELIGIBILITY_LABELS, required=True)


class CriterionForm(DefaultWordingMixin, forms.ModelForm):
    defaults = CRITERION_LABELS
    sections = forms.MultipleChoiceField(
        label=_("Sections assessors read"), choices=SECTIONS, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = CallCriterion
        fields = ["label", "short_name", "weight", "sections", "order"]
        error_messages = {
            "weight": {
                # xgettext:no-python-format
                "min_value": _("A weight is from 1 to 100 %%."),
                # xgettext:no-python-format
                "max_value": _("A weight is from 1 to 100 %%."),
            }
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        key = self.instance.key
        if key in CRITERION_NAMES and not self.instance.short_name:
            self.initial["short_name"] = str(CRITERION_NAMES[key])

    def clean_label(self):
        return self._clean_wording("label", CRITERION_LABELS, required=True)

    def clean_short_name(self):
        return self._clean_wording("short_name", CRITERION_NAMES, required=True)


class SetupRowFormSet(BaseInlineFormSet):
    """A call's rows: a new row gets a key made from its wording; at least one row remains."""

    def save_new(self, form, commit=True):
        row = form.save(commit=False)
        row.call = self.instance
        row.key = new_row_key(self.instance, self.model, row.short_name if hasattr(row, "short_name") else row.label)
        if commit:
            row.save()
            form.save_m2m()
        return row

    def kept_forms(self):
        return [
            form
            for form in self.forms
            if form not in self.deleted_forms and (form.instance.pk or form.has_changed()) and form.is_valid()
        ]

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        if not self.kept_forms():
            raise forms.ValidationError(_("Keep at least one row."))


class CriteriaFormSet(SetupRowFormSet):
    """The criteria's weights add up to 100: the error is shown next to each weight and above the table."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = self.kept_forms()
        total = sum(form.cleaned_data.get("weight") or 0 for form in kept)
        if kept and total != 100:
            message = weights_message(total)
            for form in kept:
                form.add_error("weight", message)
            raise forms.ValidationError(message)


def eligibility_formset(call: Call, data=None, *, locked: bool = False, extra: int = 2):
    FormSet = inlineformset_factory(
        Call, CallEligibilityItem, form=EligibilityItemForm, formset=SetupRowFormSet, extra=extra, can_delete=True
    )
    formset = FormSet(data, instance=call, prefix="items")
    for form in formset.forms:
        lock(form, locked)
    return formset


def criteria_formset(call: Call, data=None, *, locked: bool = False, extra: int = 1):
    FormSet = inlineformset_factory(
        Call, CallCriterion, form=CriterionForm, formset=CriteriaFormSet, extra=extra, can_delete=True
    )
    formset = FormSet(data, instance=call, prefix="criteria")
    for form in formset.forms:
        lock(form, locked)
    return formset
