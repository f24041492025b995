"""Modifications of a contracted project, the applicants' side (issue 19): the version in force and the project's
modifications, asking for one, following it, submitting or withdrawing the draft; withdrawing a partner.

Every page is the project's workspace (its collaborators only; anyone else: 404). The project's managers act; the
services decide (projects/services/modifications.py, projects/services/partner_changes.py).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..forms_modifications import (
    ModificationRequestForm,
    ModificationSubmitForm,
    ModificationWithdrawForm,
    PartnerWithdrawForm,
)
from ..modification_workflow import ACTIVE, ModificationStatus
from ..permissions import manage_refusal, require
from ..services.contracting import period_dates
from ..services.modifications import (
    ModificationIncomplete,
    modification_refusal,
    modification_request,
    modification_submit,
    modification_withdraw,
)
from ..services.partner_changes import current_period, partner_reinstate, partner_withdraw
from ..versions import version_in_force
from .common import add_service_error, application_or_404, perform, workspace_context


def modifications_context(request, project, form=None) -> dict:
    """What the overview and the list show: the version in force, the modification under way with its next step,
    the past ones, and the request form for the project's managers (two queries)."""
    modifications = list(project.modifications.select_related("base_version", "new_version").order_by("-number"))
    active = next((m for m in modifications if m.status in ACTIVE), None)
    refusal = manage_refusal(request.user, project, while_editable=False) or modification_refusal(
        project, active=active is not None
    )
    return {
        "version": version_in_force(project),
        "modifications": modifications,
        "active_modification": active,
        "past_modifications": [m for m in modifications if m is not active],
        "request_form": form or ModificationRequestForm(),
        "request_refusal": refusal,
    }


@login_required
def modification_list(request, pk: int):
    """The project's versions and modifications; a POST asks for a new modification (its managers)."""
    project = application_or_404(request, pk)
    form = ModificationRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        require(manage_refusal(request.user, project, while_editable=False))
        if form.is_valid():
            try:
                modification = modification_request(project=project, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(
                    request, _("Modification requested. Programme staff were told; you are told when they answer.")
                )
                return redirect("projects:modification", pk=project.pk, modification_pk=modification.pk)
    context = {**workspace_context(request, project, "modifications"), **modifications_context(request, project, form)}
    return render(request, "projects/modifications.html", context, status=400 if form.errors else 200)


def _modification_or_404(project, modification_pk: int):
    return get_object_or_404(
        project.modifications.select_related("base_version", "new_version", "requested_by", "decided_by"),
        pk=modification_pk,
    )


def _modification_page(request, project, modification, *, submit_form=None, withdraw_form=None, status=200):
    context = {
        **workspace_context(request, project, "modifications"),
        "modification": modification,
        "steps": modification.steps.select_related("by"),
        "act_refusal": manage_refusal(request.user, project, while_editable=False),
        "submit_form": submit_form or ModificationSubmitForm(),
        "withdraw_form": withdraw_form or ModificationWithdrawForm(),
    }
    return render(request, "projects/modification.html", context, status=status)


@login_required
def modification_detail(request, pk: int, modification_pk: int):
    project = application_or_404(request, pk)
    return _modification_page(request, project, _modification_or_404(project, modification_pk))


@require_POST
@login_required
def modification_submit_view(request, pk: int, modification_pk: int):
    """Submit the draft, after an explicit confirmation; a second click changes nothing."""
    project = application_or_404(request, pk)
    modification = _modification_or_404(project, modification_pk)
    require(manage_refusal(request.user, project, while_editable=False))
    form = ModificationSubmitForm(request.POST)
    if modification.status == ModificationStatus.OPEN and not form.is_valid():
        return _modification_page(request, project, modification, submit_form=form, status=400)
    try:
        modification, submitted_now = modification_submit(modification=modification, by=request.user)
    except ModificationIncomplete:
        messages.error(request, _("The modification cannot be submitted yet: fix the items below."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if submitted_now:
            messages.success(
                request, _("Modification submitted. Programme staff were told; you are told of their decision.")
            )
        else:
            messages.info(request, _("This modification was already submitted; nothing was changed."))
    return redirect("projects:modification", pk=project.pk, modification_pk=modification.pk)


@require_POST
@login_required
def modification_withdraw_view(request, pk: int, modification_pk: int):
    """Give up the open modification: the application goes back to the version in force."""
    project = application_or_404(request, pk)
    modification = _modification_or_404(project, modification_pk)
    require(manage_refusal(request.user, project, while_editable=False))
    form = ModificationWithdrawForm(request.POST)
    if not form.is_valid():
        return _modification_page(request, project, modification, withdraw_form=form, status=400)
    done = _("Modification withdrawn: the application is back to the version in force.")
    perform(
        request, lambda: modification_withdraw(modification=modification, by=request.user, **form.cleaned_data), done
    )
    return redirect("projects:modification", pk=project.pk, modification_pk=modification.pk)


@login_required
def partner_withdraw_view(request, pk: int, partner_pk: int):
    """Withdraw a partner through the open modification: from which period it reports no more (the lead partner:
    and who leads instead). It keeps its reports, certificates and payments."""
    project = application_or_404(request, pk)
    partner = get_object_or_404(project.partners.select_related("organisation"), pk=partner_pk)
    partner.project = project
    periods = sorted(period_dates(project))
    now = current_period(project)
    choices = [n for n in periods if now is None or n >= now]
    form = PartnerWithdrawForm(request.POST if request.method == "POST" else None, partner=partner, periods=choices)
    refusal = manage_refusal(request.user, project)
    if request.method == "POST":
        require(refusal)
        if form.is_valid():
            try:
                partner_withdraw(
                    partner=partner,
                    by=request.user,
                    from_period=form.cleaned_data["from_period"],
                    new_lead=form.cleaned_data.get("new_lead"),
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(
                    request,
                    _("%(abbr)s is withdrawn from period %(n)d in the draft: it keeps its reports and payments.")
                    % {"abbr": partner.abbreviation, "n": form.cleaned_data["from_period"]},
                )
                return redirect("projects:partners", pk=project.pk)
    context = {
        **workspace_context(request, project, "partners"),
        "partner": partner,
        "form": form,
        "withdraw_refusal": refusal,
        "current_period": now,
    }
    return render(request, "projects/partner_withdraw.html", context, status=400 if form.errors else 200)


@require_POST
@login_required
def partner_reinstate_view(request, pk: int, partner_pk: int):
    """Undo a partner's withdrawal in the open modification's draft."""
    project = application_or_404(request, pk)
    partner = get_object_or_404(project.partners.all(), pk=partner_pk)
    require(manage_refusal(request.user, project))
    done = _("%(abbr)s is no longer withdrawn in the draft.") % {"abbr": partner.abbreviation}
    perform(request, lambda: partner_reinstate(partner=partner, by=request.user), done)
    return redirect("projects:partners", pk=project.pk)
