"""Forms of the partner reports (applicant side). They render and type-check; the rules of a line live in one place,
projects.services.partner_reports.clean_line, which the services run (for the form and the import alike)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import PartnerReport


class NewReportForm(forms.Form):
    partner = forms.TypedChoiceField(label=_("Partner"), coerce=int)
    period = forms.TypedChoiceField(label=_("Period"), coerce=int)

    def __init__(self, *args, partners, periods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].choices = [(p.pk, str(p)) for p in partners]
        self.fields["period"].choices = [(p.number, p.label) for p in periods]


class ReportTextForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    version_field = "version"

    class Meta:
        model = PartnerReport
        fields = ["summary", "deviations", "problems"]
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in ["summary", "deviations", "problems"]}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = self.instance.version


class LineForm(forms.Form):
    category = forms.ChoiceField(label=_("Cost category"))
    work_package = forms.ChoiceField(label=_("Work package"), required=False)
    description = forms.CharField(label=_("Description"), max_length=500, required=False)
    supplier = forms.CharField(label=_("Supplier"), max_length=200, required=False)
    invoice_number = forms.CharField(label=_("Invoice number"), max_length=60, required=False)
    invoice_date = forms.CharField(
        label=_("Invoice date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    payment_date = forms.CharField(
        label=_("Payment date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    amount = forms.CharField(label=_("Amount"), required=False, widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    currency = forms.CharField(label=_("Currency (ISO 4217)"), max_length=3, required=False, initial="EUR")
    rate = forms.CharField(
        label=_("Exchange rate (units of the currency per euro)"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    attachment = forms.FileField(label=_("Invoice or proof of payment (PDF, PNG, JPEG)"), required=False)

    def __init__(self, *args, categories: dict, packages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", "—"), *categories.items()]
        self.fields["work_package"].choices = [("", "—"), *((str(p.number), str(p)) for p in packages)]

    @classmethod
    def initial_of(cls, line) -> dict:
        return {
            "category": line.category,
            "work_package": str(line.work_package.number) if line.work_package_id else "",
            "description": line.description,
            "supplier": line.supplier,
            "invoice_number": line.invoice_number,
            "invoice_date": line.invoice_date.isoformat() if line.invoice_date else "",
            "payment_date": line.payment_date.isoformat() if line.payment_date else "",
            "amount": str(line.amount),
            "currency": line.currency,
            "rate": "" if line.currency == "EUR" else str(line.rate.normalize()),
        }

    def add_errors(self, error: ValidationError) -> None:
        """The service's refusal, next to its field (the summary at the top comes from base.html)."""
        if hasattr(error, "error_dict"):
            for name, messages in error.message_dict.items():
                name = "work_package" if name == "work_package_id" else name
                for message in messages:
                    self.add_error(name if name in self.fields else None, message)
        else:
            for message in error.messages:
                self.add_error(None, message)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"))
