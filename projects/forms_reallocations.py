"""The form of a budget reallocation: it parses what people type; projects.services.reallocations decides."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from .services.reallocations import JUSTIFICATION_LIMIT


class ReallocationForm(forms.Form):
    partner = forms.TypedChoiceField(label=_("Partner"), coerce=int, choices=())
    period = forms.TypedChoiceField(label=_("Period"), coerce=int, choices=())
    from_category = forms.ChoiceField(label=_("From cost category"), choices=())
    to_category = forms.ChoiceField(label=_("To cost category"), choices=())
    amount = forms.DecimalField(
        label=_("Amount (EUR)"),
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0.01"),
        error_messages={"min_value": _("The amount must be more than zero.")},
    )
    justification = forms.CharField(
        label=_("Justification"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=JUSTIFICATION_LIMIT,
        help_text=_("Why the budget moves: staff and the project's managers are told."),
    )

    def __init__(self, *args, partners, periods: list[int], categories: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].choices = [(p.pk, f"{p.abbreviation} – {p.organisation.name}") for p in partners]
        self.fields["period"].choices = [(n, _("Period %(n)d") % {"n": n}) for n in periods]
        self.fields["from_category"].choices = categories
        self.fields["to_category"].choices = categories
