"""The signup form's own fields: the person's name, to greet them by in emails and show to their partners."""

from django import forms
from django.utils.translation import gettext_lazy as _


class SignupNameForm(forms.Form):
    """allauth's signup form is built on this one (ACCOUNT_SIGNUP_FORM_CLASS): the name comes before the email."""

    field_order = ["first_name", "last_name", "email", "password1", "password2"]

    first_name = forms.CharField(
        label=_("First name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )

    def signup(self, request, user) -> None:
        """Called by allauth once the user is created (CharField strips the spaces around the name)."""
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.save(update_fields=["first_name", "last_name"])
