from django import forms
from django.utils.translation import gettext_lazy as _

from programmes.models import Country

from .choices import EventFormat, EventType
from .models import Audience, Registration, Topic


class EventFilterForm(forms.Form):
    """The /events/ filters; an unknown value is ignored, never an error page."""

    when = forms.ChoiceField(
        label=_("When"), required=False, choices=[("upcoming", _("Upcoming")), ("past", _("Past"))]
    )
    type = forms.ChoiceField(label=_("Type"), required=False, choices=[("", _("All types")), *EventType.choices])
    format = forms.ChoiceField(
        label=_("Format"), required=False, choices=[("", _("All formats")), *EventFormat.choices]
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        required=False,
        queryset=Topic.objects.all(),
        to_field_name="slug",
        empty_label=_("All topics"),
    )
    audience = forms.ModelChoiceField(
        label=_("Audience"),
        required=False,
        queryset=Audience.objects.all(),
        to_field_name="code",
        empty_label=_("All audiences"),
    )

    def filters(self) -> dict:
        self.is_valid()
        data = {k: v for k, v in getattr(self, "cleaned_data", {}).items() if v}
        return data


class RegistrationForm(forms.ModelForm):
    country = forms.ModelChoiceField(label=_("Country"), queryset=Country.objects.all(), required=True)
    body_role = forms.ModelChoiceField(
        label=_("Your role"),
        queryset=Audience.objects.all(),
        required=True,
        help_text=_("The programme body you work for, or project applicant."),
    )
    listed_consent = forms.BooleanField(required=False)

    class Meta:
        model = Registration
        fields = ["organisation_name", "country", "body_role", "listed_consent"]
        labels = {"organisation_name": _("Organisation")}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation_name"].required = True
        # the consent names what the list would show: the account's name (asked at sign-up), if it has one
        name = user.get_full_name() if user is not None and user.is_authenticated else ""
        self.fields["listed_consent"].label = (
            _(
                "I agree that my name (%(name)s) and my organisation appear in the participant list shared with "
                "participants."
            )
            % {"name": name}
            if name
            else _("I agree that my organisation appears in the participant list shared with participants.")
        )
