"""Forms of project reports, their verification and payments. They parse what people type; the services decide."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

AMOUNT = {"max_digits": 14, "decimal_places": 2, "min_value": Decimal(0)}


class ProjectReportNewForm(forms.Form):
    period = forms.TypedChoiceField(label=_("Reporting period"), coerce=int, choices=())

    def __init__(self, *args, periods: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = periods


class ProjectReportForm(forms.Form):
    progress_summary = forms.CharField(label=_("Progress of the work plan"), widget=forms.Textarea, max_length=20000)
    highlights = forms.CharField(
        label=_("Main achievements of the period"), widget=forms.Textarea, max_length=20000, required=False
    )
    certificates = forms.TypedMultipleChoiceField(
        label=_("Certified partner reports claimed"),
        coerce=int,
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, certificates: list[tuple[int, str]], indicators: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["certificates"].choices = certificates
        self.indicator_rows = []
        for row in indicators:
            pk = row["indicator"].pk
            value = forms.DecimalField(
                label=_("%(code)s reached so far") % {"code": row["indicator"].code},
                max_digits=14,
                decimal_places=2,
                min_value=Decimal(0),
                initial=row["value"],
            )
            comment = forms.CharField(
                label=_("Comment on %(code)s") % {"code": row["indicator"].code}, max_length=2000, required=False
            )
            self.fields[f"indicator_{pk}"], self.fields[f"comment_{pk}"] = value, comment
            comment.initial = row["comment"]
            self.indicator_rows.append({**row, "field": f"indicator_{pk}", "comment_field": f"comment_{pk}"})

    def indicator_values(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {
            row["indicator"].pk: (str(data[row["field"]]), data.get(row["comment_field"], ""))
            for row in self.indicator_rows
        }


class ClarificationForm(forms.Form):
    text = forms.CharField(label=_("Your answer"), widget=forms.Textarea, max_length=20000)


class QuestionForm(forms.Form):
    question = forms.CharField(label=_("Question to the lead partner"), widget=forms.Textarea, max_length=20000)


class CertificateVerifyForm(forms.Form):
    verified = forms.BooleanField(label=_("Verified"), required=False)
    note = forms.CharField(label=_("Verification note"), max_length=5000, required=False)


class LineVerifyForm(forms.Form):
    deducted = forms.DecimalField(label=_("Deducted in verification (EUR)"), **AMOUNT)
    note = forms.CharField(label=_("Why"), max_length=5000, required=False)


class FinaliseForm(forms.Form):
    note = forms.CharField(label=_("Verification conclusion"), widget=forms.Textarea, max_length=20000, required=False)


class AuthoriseForm(forms.Form):
    amount = forms.DecimalField(label=_("Amount authorised (EUR)"), **AMOUNT)
    note = forms.CharField(label=_("Note"), max_length=5000, required=False)


class ConfirmForm(forms.Form):
    amount = forms.DecimalField(label=_("Amount paid (EUR)"), **AMOUNT)
    paid_on = forms.DateField(label=_("Paid on"), widget=forms.DateInput(attrs={"type": "date"}))
