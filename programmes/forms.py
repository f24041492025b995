from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from interact_portal.core.content_languages import ContentLanguagesForm, all_localized

from .choices import Period, Strand
from .models import Call, Country, Indicator, Programme, SpecificObjective

CALL_STATES = [("open", _("Open")), ("upcoming", _("Upcoming")), ("closed", _("Closed"))]


class LenientFilterForm(forms.Form):
    """A list page's filters: the valid, non-empty values; an unknown value is ignored, never an error page."""

    def filters(self) -> dict:
        self.is_valid()
        return {k: v for k, v in getattr(self, "cleaned_data", {}).items() if v}


class CallFilterForm(LenientFilterForm):
    """The /calls/ filters; an unknown value is ignored, never an error page."""

    programme = forms.ModelChoiceField(
        label=_("Programme"),
        required=False,
        queryset=Programme.objects.filter(calls__is_published=True).distinct().order_by("name"),
        to_field_name="slug",
        empty_label=_("All programmes"),
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Any status")), *CALL_STATES])


class ProgrammeFilterForm(LenientFilterForm):
    """The /programmes/ filters; an unknown value is ignored."""

    period = forms.ChoiceField(label=_("Period"), required=False, choices=[("", _("Any period")), *Period.choices])
    strand = forms.ChoiceField(label=_("Strand"), required=False, choices=[("", _("Any strand")), *Strand.choices])
    country = forms.ModelChoiceField(
        label=_("Participating country"), required=False, queryset=Country.objects.all(), empty_label=_("Any country")
    )


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self):
        super().__init__(format="%Y-%m-%dT%H:%M")


class CallForm(ContentLanguagesForm, forms.ModelForm):
    """A call as staff edit it: opening and closing times in the call's own time zone; objectives of the programme;
    its title and description in each language the programme declares.

    With `locked`, the rules applicants rely on are shown but cannot change (services.CALL_RULES).
    """

    class Meta:
        model = Call
        fields = [
            "reference",
            *all_localized("title", "description"),
            "kind",
            "opens_at",
            "closes_at",
            "timezone",
            "budget",
            "allowed_objectives",
            "max_cofinancing_rate",
            "min_partners",
            "min_countries",
            "lead_partner_in_programme_area",
            "reallocation_limit",  # not a rule applicants rely on when applying: it can change at any time
        ]
        widgets = {
            "opens_at": LocalDateTimeInput(),
            "closes_at": LocalDateTimeInput(),
            "allowed_objectives": forms.CheckboxSelectMultiple,
        }
        error_messages = {
            "budget": {"min_value": _("The budget must be more than zero.")},
            "max_cofinancing_rate": {
                "min_value": _("The rate is a percentage from 0 to 100."),
                "max_value": _("The rate is a percentage from 0 to 100."),
            },
            "reallocation_limit": {
                "min_value": _("The limit is a percentage from 0 to 100."),
                "max_value": _("The limit is a percentage from 0 to 100."),
            },
        }

    def __init__(self, *args, programme, locked: bool = False, **kwargs):
        super().__init__(*args, languages=programme.languages, **kwargs)
        # left empty: the call keeps its limit (a new call: the default of 10 %)
        self.fields["reallocation_limit"].required = False
        self.instance.programme = programme
        self.fields["allowed_objectives"].queryset = SpecificObjective.objects.filter(
            priority__programme=programme
        ).select_related("priority")
        zone = ZoneInfo(self.instance.timezone or "Europe/Brussels")
        for name in ("opens_at", "closes_at"):
            value = getattr(self.instance, name)
            if value and not self.is_bound:
                self.initial[name] = timezone.localtime(value, zone).replace(tzinfo=None)
        if locked:
            from .services import CALL_RULES

            for name in (name for name in CALL_RULES if name in self.fields):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Fixed: applications were already submitted under this call.")

    def clean_reallocation_limit(self):
        limit = self.cleaned_data.get("reallocation_limit")
        return self.instance.reallocation_limit if limit is None else limit

    def clean_reference(self):
        reference = self.cleaned_data["reference"].strip()
        others = Call.objects.filter(programme=self.instance.programme, reference__iexact=reference)
        if others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Another call of this programme has this reference."))
        return reference

    def clean(self):
        data = super().clean()
        zone = data.get("timezone") or self.instance.timezone
        for name in ("opens_at", "closes_at"):  # the times were typed in the call's time zone
            if data.get(name) and zone and name not in self._locked_names():
                data[name] = timezone.make_aware(timezone.make_naive(data[name]), ZoneInfo(zone))
        if data.get("opens_at") and data.get("closes_at") and data["closes_at"] <= data["opens_at"]:
            self.add_error("closes_at", _("The call must close after it opens."))
        return data

    def _locked_names(self) -> set[str]:
        return {name for name, field in self.fields.items() if field.disabled}


class IndicatorForm(ContentLanguagesForm, forms.ModelForm):
    """A programme indicator as staff keep it: its code is unique in the programme; objectives of the programme;
    its name in each language the programme declares."""

    class Meta:
        model = Indicator
        fields = ["code", *all_localized("name"), "unit", "kind", "objectives"]
        widgets = {"objectives": forms.CheckboxSelectMultiple}

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, languages=programme.languages, **kwargs)
        self.instance.programme = programme
        self.fields["objectives"].queryset = SpecificObjective.objects.filter(
            priority__programme=programme
        ).select_related("priority")

    def clean_code(self):
        code = " ".join(self.cleaned_data["code"].split())
        others = self.instance.programme.indicators.filter(code__iexact=code).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("Another indicator of this programme has this code."))
        return code
