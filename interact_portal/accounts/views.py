"""The person's own data: download a copy (built in the background), or delete the account."""

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from interact_portal.reports.models import Report

from .privacy import account_delete


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Your password"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    confirm = forms.BooleanField(label=gettext_lazy("I understand that my account cannot be restored."), required=True)


@login_required
def my_data(request):
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account_delete(user=request.user, password=form.cleaned_data["password"])
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field, problems)
        else:
            logout(request)
            messages.success(request, _("Your account was deleted and your personal data erased."))
            return redirect("home")
    exports = Report.objects.for_user(request.user).filter(kind="personal_data")[:5]
    context = {"form": form, "exports": exports}
    return render(request, "accounts/my_data.html", context, status=400 if form.errors else 200)
