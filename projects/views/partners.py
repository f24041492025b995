"""The partnership section: partners, their own sections, and invitations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partnerships.forms import organisation_from_post, picker_context
from partnerships.models import PartnerInvitation

from ..forms import AddPartnerForm, InvitationForm, InvitationResendForm, PartnerForm
from ..permissions import manage_refusal, partner_edit_refusal, require
from ..services.invitations import (
    invitation_accept,
    invitation_create,
    invitation_from_link,
    invitation_problem,
    invitation_resend,
    invitation_withdraw,
    invitee_refusal,
)
from ..services.partners import partner_add, partner_make_lead, partner_remove, partner_update
from .common import (
    add_service_error,
    application_or_404,
    deadline_context,
    perform,
    section_save,
    section_status,
    workspace_context,
)


def _partners_page(request, project, invite_form=None, add_form=None, pick=None, new=None, resend=None, status=200):
    invitations = list(project.invitations.filter(accepted_at__isnull=True).select_related("invited_by"))
    for invitation in invitations:  # each pending invitation's "send to another address" form (with its errors)
        failed = resend is not None and resend[0] == invitation.pk
        invitation.resend_form = resend[1] if failed else InvitationResendForm(invitation_pk=invitation.pk)
    context = {
        **workspace_context(request, project, "partners"),
        **picker_context(request, pick, new),
        "partners": project.partners.select_related("organisation__country", "contact_user"),
        "invitations": invitations,
        "invite_form": invite_form or InvitationForm(),
        "add_form": add_form or AddPartnerForm(),
        "now": timezone.now(),
    }
    return render(request, "projects/partners.html", context, status=status)


@login_required
def partner_list(request, pk: int):
    return _partners_page(request, application_or_404(request, pk))


@require_POST
@login_required
def invitation_new(request, pk: int):
    project = application_or_404(request, pk)
    require(manage_refusal(request.user, project))  # the refusal before the form's errors
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation = invitation_create(project=project, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": invitation.email})
            return redirect("projects:partners", pk=project.pk)
    return _partners_page(request, project, invite_form=form, status=400)


@require_POST
@login_required
def invitation_delete(request, pk: int, invitation_pk: int):
    project = application_or_404(request, pk)
    invitation = get_object_or_404(PartnerInvitation, project=project, pk=invitation_pk)
    done = _("The invitation to %(email)s was withdrawn.") % {"email": invitation.email}
    perform(request, lambda: invitation_withdraw(invitation=invitation, by=request.user), done)
    return redirect("projects:partners", pk=project.pk)


@require_POST
@login_required
def invitation_send_elsewhere(request, pk: int, invitation_pk: int):
    """A manager sends a pending invitation to another address: the old link stops working."""
    project = application_or_404(request, pk)
    invitation = get_object_or_404(project.invitations.filter(accepted_at__isnull=True), pk=invitation_pk)
    require(manage_refusal(request.user, project))
    form = InvitationResendForm(request.POST, invitation_pk=invitation.pk)
    if form.is_valid():
        try:
            new = invitation_resend(invitation=invitation, email=form.cleaned_data["email"], by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": new.email})
            return redirect("projects:partners", pk=project.pk)
    return _partners_page(request, project, resend=(invitation.pk, form), status=400)


@require_POST
@login_required
def partner_new(request, pk: int):
    """A manager adds a partner organisation directly (its section is then filled in by the team)."""
    project = application_or_404(request, pk)
    require(manage_refusal(request.user, project))
    form = AddPartnerForm(request.POST)
    pick = new = None
    try:
        with transaction.atomic():
            organisation, pick, new = organisation_from_post(request.POST)
            if form.is_valid() and organisation is not None:
                partner = partner_add(
                    project=project, organisation=organisation, role=form.cleaned_data["role"], by=request.user
                )
                messages.success(
                    request,
                    _("%(org)s was added as %(abbr)s.") % {"org": organisation.name, "abbr": partner.abbreviation},
                )
                return redirect("projects:partner", pk=project.pk, partner_pk=partner.pk)
            transaction.set_rollback(True)
    except ValidationError as error:
        add_service_error(form, error)
    return _partners_page(request, project, add_form=form, pick=pick, new=new, status=400)


@login_required
def partner_detail(request, pk: int, partner_pk: int):
    project = application_or_404(request, pk)
    partner = get_object_or_404(project.partners.select_related("organisation__country", "changed_by"), pk=partner_pk)
    form = PartnerForm(request.POST or None, instance=partner)
    conflict = None
    if request.method == "POST":
        require(partner_edit_refusal(request.user, project, partner))

        def save(version, data):
            partner_update(partner=partner, by=request.user, version=version, data=data)

        form, conflict, saved = section_save(request, form, save)
        if saved:
            messages.success(request, _("Partner section saved."))
            return redirect("projects:partner", pk=project.pk, partner_pk=partner.pk)
    context = {
        **workspace_context(request, project, "partners"),
        "partner": partner,
        "form": form,
        "conflict": conflict,
        "partner_refusal": partner_edit_refusal(request.user, project, partner),
    }
    return render(request, "projects/partner.html", context, status=section_status(request, form, conflict))


@require_POST
@login_required
def partner_delete(request, pk: int, partner_pk: int):
    return _partner_action(request, pk, partner_pk, partner_remove, _("The partner was removed."))


@require_POST
@login_required
def partner_lead(request, pk: int, partner_pk: int):
    return _partner_action(request, pk, partner_pk, partner_make_lead, _("The lead partner was changed."))


def _partner_action(request, pk, partner_pk, service, done: str):
    project = application_or_404(request, pk)
    partner = get_object_or_404(project.partners.all(), pk=partner_pk)
    perform(request, lambda: service(partner=partner, by=request.user), done)
    return redirect("projects:partners", pk=project.pk)


def invitation_respond(request, signed: str):
    """The link in the invitation email: shows the invitation, then the invitee picks their organisation."""
    try:
        invitation = invitation_from_link(signed)
    except ValidationError as error:
        return render(request, "projects/invitation.html", {"invalid": " ".join(error.messages)}, status=404)
    context = {"invitation": invitation, "project": invitation.project, "problem": invitation_problem(invitation)}
    context.update(deadline_context(invitation.project))  # a two-step call's full form: step 2's deadline
    if not request.user.is_authenticated:  # nothing about the people: the link may have reached a stranger
        return render(request, "projects/invitation.html", context)
    context["refusal"] = refusal = invitee_refusal(invitation, request.user)
    if refusal and not context["problem"]:
        return render(request, "projects/invitation.html", context, status=403 if request.method == "POST" else 200)
    pick = new = None
    if request.method == "POST" and not context["problem"]:
        try:
            with transaction.atomic():
                organisation, pick, new = organisation_from_post(request.POST)
                if organisation is not None:
                    partner = invitation_accept(invitation=invitation, user=request.user, organisation=organisation)
                    messages.success(
                        request,
                        _("Welcome to %(acronym)s. Fill in your partner section.")
                        % {"acronym": invitation.project.acronym},
                    )
                    return redirect("projects:partner", pk=invitation.project_id, partner_pk=partner.pk)
        except ValidationError as error:
            context["problem"] = " ".join(error.messages)
    context.update(picker_context(request, pick, new))
    return render(request, "projects/invitation.html", context, status=400 if request.method == "POST" else 200)
