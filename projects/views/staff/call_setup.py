"""The setup of a call, after its form: budget rules and procedure, funds, form fields, checklist and criteria.

Each page shows its part of the setup; once an application was submitted under the published call, it shows the
values read-only with the reason (the services refuse changes then, as they do for the admin).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from programmes.call_setup_forms import (
    CallFundsForm,
    CallSetupForm,
    FormRulesForm,
    criteria_formset,
    eligibility_formset,
)
from programmes.call_setup_services import (
    call_funds_save,
    call_setup_rows_save,
    call_setup_save,
    locked_reason,
)
from programmes.models import Call
from programmes.services import rules_locked
from programmes.staff import StaffAction, staff_require

from ..common import add_service_error
from .common import programme_or_404, staff_context, staff_only

PAGES = [
    ("options", gettext_lazy("Budget and procedure"), "staff:call_setup"),
    ("funds", gettext_lazy("Funds"), "staff:call_setup_funds"),
    ("form", gettext_lazy("Form fields"), "staff:call_setup_form"),
    ("checklist", gettext_lazy("Eligibility checklist"), "staff:call_setup_checklist"),
    ("criteria", gettext_lazy("Quality criteria"), "staff:call_setup_criteria"),
]


def _setup_page(request, slug: str, pk: int, *, page: str, build, save, done: str, intro: str = ""):
    """GET shows the part of the setup; a valid POST saves it through its service and comes back here; invalid
    input or a refusal is a 400 with the message next to its field (and nothing saved)."""
    programme = programme_or_404(request, slug)
    staff_require(request.user, programme, StaffAction.EDIT_CALLS)
    call = get_object_or_404(Call.objects.select_related("programme"), programme=programme, pk=pk)
    locked = rules_locked(call)
    data = request.POST if request.method == "POST" else None
    form = build(call, data, locked)
    if data is not None and form.is_valid():
        try:
            save(call, form)
        except ValidationError as error:
            _add_error(form, error)
        else:
            messages.success(request, done)
            return redirect(request.path)
    invalid = data is not None and _has_errors(form)
    context = {
        **staff_context(request, programme, "calls"),
        "call": call,
        "form": form,
        "locked": locked,
        "locked_reason": locked_reason(),
        "page": page,
        "intro": intro,
        "pages": [(key, label, reverse(name, args=[programme.slug, call.pk])) for key, label, name in PAGES],
    }
    return render(request, f"projects/staff/call_setup_{page}.html", context, status=400 if invalid else 200)


def _has_errors(form) -> bool:
    if hasattr(form, "total_error_count"):
        return bool(form.total_error_count())
    return bool(form.errors)


def _add_error(form, error: ValidationError) -> None:
    if hasattr(form, "non_form_errors"):  # a formset: the refusal goes above its table
        form.non_form_errors().extend(error.messages)
    else:
        add_service_error(form, error)


@staff_only
def call_setup(request, slug: str, pk: int):
    return _setup_page(
        request,
        slug,
        pk,
        page="options",
        build=lambda call, data, locked: CallSetupForm(data, call=call, locked=locked),
        save=lambda call, form: call_setup_save(call=call, data=form.setup_data(), by=request.user),
        done=_("The call's budget rules and procedure are saved."),
    )


@staff_only
def call_setup_funds(request, slug: str, pk: int):
    return _setup_page(
        request,
        slug,
        pk,
        page="funds",
        build=lambda call, data, locked: CallFundsForm(data, call=call, locked=locked),
        save=lambda call, form: call_funds_save(call=call, funds=form.funds(), by=request.user),
        done=_("The call's funds are saved."),
    )


@staff_only
def call_setup_form(request, slug: str, pk: int):
    return _setup_page(
        request,
        slug,
        pk,
        page="form",
        build=lambda call, data, locked: FormRulesForm(data, call=call, locked=locked),
        save=lambda call, form: call_setup_save(
            call=call,
            data={"form_rules": form.form_rules(), "input_languages": form.input_languages()},
            by=request.user,
        ),
        done=_("The form's fields are saved."),
    )


@staff_only
def call_setup_checklist(request, slug: str, pk: int):
    return _setup_page(
        request,
        slug,
        pk,
        page="checklist",
        build=lambda call, data, locked: eligibility_formset(call, data, locked=locked, extra=0 if locked else 2),
        save=lambda call, formset: call_setup_rows_save(call=call, formset=formset, by=request.user),
        done=_("The eligibility checklist is saved."),
    )


@staff_only
def call_setup_criteria(request, slug: str, pk: int):
    return _setup_page(
        request,
        slug,
        pk,
        page="criteria",
        build=lambda call, data, locked: criteria_formset(call, data, locked=locked, extra=0 if locked else 1),
        save=lambda call, formset: call_setup_rows_save(call=call, formset=formset, by=request.user),
        done=_("The quality criteria are saved."),
    )
