"""The person's profile: the name partners and programme staff see, and emails greet them by."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from interact_portal.audit.services import audit_record


class ProfileForm(forms.Form):
    first_name = forms.CharField(
        label=gettext_lazy("First name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=gettext_lazy("Last name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
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
    initial = {"first_name": request.user.first_name, "last_name": request.user.last_name}
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        profile_update(user=request.user, **form.cleaned_data)
        messages.success(request, _("Your name was saved."))
        return redirect("profile")
    return render(request, "accounts/profile.html", {"form": form}, status=400 if form.errors else 200)
