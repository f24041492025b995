from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import Period, Strand
from .models import Country, Programme

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
