"""The forms of the contact relay (issue 21): a message to an organisation, and a recipient's abuse report.

They only shape the input; what may be sent is decided by partnerships.relay (its refusals come back per field)."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .relay import MAX_BODY, MAX_SUBJECT


class ContactForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=MAX_SUBJECT)
    body = forms.CharField(
        label=_("Message"),
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=format_lazy(_("At most {n} characters."), n=MAX_BODY),
    )


class AbuseReportForm(forms.Form):
    note = forms.CharField(
        label=_("What is wrong with this message? (optional)"),
        required=False,
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
