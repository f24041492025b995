"""Forms of the partner search: an idea (post and edit) and an expression of interest."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programmes.models import Call, Country, Priority, Programme

from .choices import OrganisationType
from .idea_policy import organisations_of
from .relay import MAX_BODY, MIN_BODY


class ProgrammeChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class PriorityChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.programme.name}: {obj.code} {obj.title}"


class CallChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.programme.name}: {obj.reference} · {obj.title}"


class IdeaForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "What the project would do, and what you look for in partners. No email addresses: people "
            "reach you through the portal."
        ),
    )
    programme = ProgrammeChoice(label=_("Programme"), queryset=Programme.objects.order_by("name"))
    priority = PriorityChoice(
        label=_("Priority (optional)"),
        required=False,
        queryset=Priority.objects.select_related("programme").order_by("programme__name", "code"),
    )
    call = CallChoice(
        label=_("Call (optional)"),
        required=False,
        queryset=Call.objects.published().select_related("programme").order_by("programme__name", "-closes_at"),
    )
    countries_sought = forms.ModelMultipleChoiceField(
        label=_("Partner countries sought"),
        required=False,
        queryset=Country.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
    )
    partner_types_sought = forms.MultipleChoiceField(
        label=_("Partner types sought"),
        required=False,
        choices=OrganisationType.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    organisation = forms.ModelChoiceField(
        label=_("Your organisation (optional)"),
        required=False,
        queryset=None,
        help_text=_("Messages of interest go to its contact people; without one, to you."),
    )
    expires_on = forms.DateField(
        label=_("Looking for partners until"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("At most a year from today. You are reminded a few days before."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_of(user)
        if not self.is_bound and "expires_on" not in self.initial:
            self.initial["expires_on"] = timezone.localdate() + timedelta(days=90)

    def service_data(self) -> tuple[dict, list]:
        data = dict(self.cleaned_data)
        countries = list(data.pop("countries_sought") or [])
        data["partner_types_sought"] = list(data.get("partner_types_sought") or [])
        return data, countries


def idea_initial(idea) -> dict:
    return {
        "title": idea.title,
        "summary": idea.summary,
        "programme": idea.programme_id,
        "priority": idea.priority_id,
        "call": idea.call_id,
        "countries_sought": [c.pk for c in idea.countries_sought.all()],
        "partner_types_sought": idea.partner_types_sought,
        "organisation": idea.organisation_id,
        "expires_on": idea.expires_on,
    }


class InterestForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Your organisation (optional)"),
        required=False,
        queryset=None,
        help_text=_("The owner sees it with your name; they may invite it as a partner."),
    )
    body = forms.CharField(
        label=_("Your message"),
        min_length=MIN_BODY,
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Sent to the idea's owner with your name and email address so they can answer; you do not see theirs."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_of(user)


def add_service_error(form, error) -> None:
    """A service's ValidationError on the form: next to its field when it names one, else above the form."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)
