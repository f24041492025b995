"""The forms of the contract pages: the contract with the lead partner's managers, its documents, the reporting
schedule (one row per deadline), bank details and controller assignments. The services check everything again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from interact_portal.core.uploads import ALLOWED

from .models import ContractDocumentKind, DeadlineKind, ManagerKind
from .staff_forms import DateInput


class ContractEditForm(forms.Form):
    contract_date = forms.DateField(label=_("Date of the subsidy contract"), required=False, widget=DateInput())
    website = forms.URLField(label=_("Project website"), required=False, max_length=200, assume_scheme="https")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in ManagerKind.choices:
            self.fields[f"{kind}_name"] = forms.CharField(
                label=_("%(role)s: name") % {"role": label}, required=False, max_length=150
            )
            self.fields[f"{kind}_email"] = forms.EmailField(
                label=_("%(role)s: email") % {"role": label}, required=False
            )
            self.fields[f"{kind}_phone"] = forms.CharField(
                label=_("%(role)s: phone") % {"role": label}, required=False, max_length=40
            )

    def managers(self) -> dict:
        data = self.cleaned_data
        return {
            kind: {key: data.get(f"{kind}_{key}", "") for key in ("name", "email", "phone")}
            for kind in ManagerKind.values
        }

    @staticmethod
    def initial_for(contract, contacts) -> dict:
        initial = {"contract_date": contract.contract_date, "website": contract.website} if contract else {}
        for contact in contacts:
            initial.update(
                {
                    f"{contact.kind}_name": contact.name,
                    f"{contact.kind}_email": contact.email,
                    f"{contact.kind}_phone": contact.phone,
                }
            )
        return initial


class ContractDocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of document"), choices=ContractDocumentKind.choices)
    title = forms.CharField(label=_("Title"), required=False, max_length=200)
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, DOCX or XLSX."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(sorted(ALLOWED))}),
    )


class DeadlineForm(forms.Form):
    deadline = forms.IntegerField(widget=forms.HiddenInput)
    due_date = forms.DateField(label=_("Due date"), widget=DateInput())
    kind = forms.ChoiceField(label=_("Reports due"), choices=DeadlineKind.choices)
    final = forms.BooleanField(label=_("Final report"), required=False)
    comment = forms.CharField(label=_("Comment"), required=False, max_length=300)


DeadlineFormSet = forms.formset_factory(DeadlineForm, extra=0, max_num=60, absolute_max=60, validate_max=True)


class BankDetailsForm(forms.Form):
    account_holder = forms.CharField(label=_("Account holder"), max_length=200)
    iban = forms.CharField(
        label=_("IBAN"), max_length=50, help_text=_("Spaces are allowed, e.g. AT61 1904 3002 3457 3201.")
    )
    bic = forms.CharField(label=_("BIC"), required=False, max_length=15, help_text=_("8 or 11 letters and digits."))
    bank_name = forms.CharField(label=_("Bank"), required=False, max_length=200)


class ControllerAssignmentForm(forms.Form):
    controller = forms.ModelChoiceField(label=_("Controller"), queryset=None)
    partner = forms.ModelChoiceField(label=_("Partner of this project"), queryset=None, required=False)
    country = forms.ModelChoiceField(
        label=_("Or every partner of a country"),
        queryset=None,
        required=False,
        help_text=_("The country's assignment covers all the programme's partners there; a partner's own wins."),
    )

    def __init__(self, *args, controllers, partners, countries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["controller"].queryset = controllers
        self.fields["controller"].label_from_instance = lambda user: user.get_full_name() or user.email
        self.fields["partner"].queryset = partners
        self.fields["country"].queryset = countries
