"""The forms of modifications (issue 19): the applicants' request, submission and withdrawal, staff decisions, and a
partner's withdrawal. They check the shape of the input; the rules live in the services
(projects/services/modifications.py, projects/services/partner_changes.py), whose refusals come back next to the
fields."""

from django import forms
from django.utils.translation import gettext_lazy as _

from partnerships.choices import PartnerRole

from .services.modifications import NOTE_LIMIT, REASON_LIMIT
from .staff_forms import DateInput


def _note(label, *, required: bool, message=None, rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=NOTE_LIMIT,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": message} if message else None,
    )


class ModificationRequestForm(forms.Form):
    reason = forms.CharField(
        label=_("What do you want to change, and why?"),
        help_text=_(
            "Programme staff read this before they open the modification. Be specific: partners, budget, "
            "work packages, dates."
        ),
        max_length=REASON_LIMIT,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Say what you want to change and why.")},
    )


class ModificationSubmitForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "I confirm the changed application is correct and complete, and that I may submit it for every partner."
        ),
        error_messages={"required": _("Tick the box to confirm the changed application is correct and complete.")},
    )


class ModificationWithdrawForm(forms.Form):
    note = _note(_("Why do you withdraw it? (optional)"), required=False, rows=2)


class ModificationOpenForm(forms.Form):
    note = _note(_("Note to the applicants (optional)"), required=False, rows=2)


class ModificationDeclineForm(forms.Form):
    note = _note(
        _("Why is the modification not opened?"), required=True, message=_("Say why the modification is not opened.")
    )


class ModificationReturnForm(forms.Form):
    note = _note(
        _("What should change before it is submitted again?"),
        required=True,
        message=_("Say what should change before the modification is resubmitted."),
    )


class ModificationApproveForm(forms.Form):
    decision_date = forms.DateField(label=_("Decision date"), widget=DateInput())
    entry_into_force = forms.DateField(
        label=_("In force from"),
        help_text=_("The changed application governs the reporting periods that end on or after this date."),
        widget=DateInput(),
    )
    note = _note(_("Decision note (optional)"), required=False)


class ModificationRejectForm(forms.Form):
    decision_date = forms.DateField(label=_("Decision date"), widget=DateInput())
    note = _note(
        _("Why is the modification rejected?"), required=True, message=_("Say why the modification is rejected.")
    )


class PartnerWithdrawForm(forms.Form):
    """Withdraw a partner from a period (the current one or later); the lead partner names its successor."""

    # any number: the service says why a period is not possible (over already, beyond the project's end)
    from_period = forms.IntegerField(label=_("Reports no more from period"), widget=forms.Select)
    new_lead = forms.ModelChoiceField(
        label=_("New lead partner"),
        queryset=None,
        required=False,
        help_text=_("The lead partner leaves only with a successor among the partners who stay."),
    )

    def __init__(self, *args, partner, periods: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from_period"].widget.choices = [("", "—")] + [(n, str(n)) for n in periods]
        if partner.withdrawn_from_period:
            self.fields["from_period"].initial = partner.withdrawn_from_period
        if partner.role == PartnerRole.LEAD:
            others = partner.project.partners.filter(role=PartnerRole.PARTNER, withdrawn_from_period__isnull=True)
            self.fields["new_lead"].queryset = others.exclude(pk=partner.pk).select_related("organisation")
            self.fields["new_lead"].label_from_instance = lambda p: f"{p.abbreviation} · {p.organisation.name}"
        else:
            del self.fields["new_lead"]
