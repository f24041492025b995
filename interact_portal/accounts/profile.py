"""The person's profile: the name partners and programme staff see, and emails greet them by."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _

from interact_portal.audit.services import audit_record

from .language import LANGUAGE_CODES, user_language_set


class LanguageSelect(forms.Select):
    """Each language named in itself, marked as that language (a screen reader says "Deutsch" in German)."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        option["attrs"]["lang"] = value
        return option


class ProfileForm(forms.Form):
    first_name = forms.CharField(
        label=gettext_lazy("First name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=gettext_lazy("Last name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language"),
        choices=[(code, get_language_info(code)["name_local"].capitalize()) for code in LANGUAGE_CODES],
        widget=LanguageSelect(attrs={"autocomplete": "language"}),
        required=False,
        help_text=gettext_lazy("Pages without a language in their address, emails and notifications use it."),
    )


@transaction.atomic
def profile_update(*, user, first_name: str, last_name: str) -> None:
    """Write the person's name; the audit trail keeps that it changed (not the old name: it is personal data)."""
    if (user.first_name, user.last_name) == (first_name, last_name):
        return
    user.first_name, user.last_name = first_name, last_name
    user.save(update_fields=["first_name", "last_name"])
    audit_record(action="profile.name_changed", actor=user, target=user, label=f"user {user.pk}")


@login_required
def profile(request):
    user = request.user
    initial = {"first_name": user.first_name, "last_name": user.last_name, "language": user.language}
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        language = form.cleaned_data.pop("language")  # absent: the person keeps their language
        profile_update(user=user, **form.cleaned_data)
        if language and user_language_set(user=user, language=language):
            with translation.override(language):
                messages.success(request, _("Your account was saved."))
                return redirect(translate_url(reverse("profile"), language))
        messages.success(request, _("Your account was saved."))
        return redirect("profile")
    return render(request, "accounts/profile.html", {"form": form}, status=400 if form.errors else 200)
