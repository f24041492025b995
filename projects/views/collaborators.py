"""Who works on the application, at which level; colleagues invited by email at a level."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..forms import CollaboratorInvitationForm, CollaboratorInvitationResendForm, CollaboratorLevelForm
from ..permissions import manage_refusal, require
from ..services.collaborator_invitations import (
    InvitationGone,
    collaborator_invitation_accept,
    collaborator_invitation_create,
    collaborator_invitation_from_link,
    collaborator_invitation_problem,
    collaborator_invitation_refusal,
    collaborator_invitation_resend,
    collaborator_invitation_withdraw,
)
from ..services.collaborators import collaborator_remove, collaborator_set_level
from .common import add_service_error, application_or_404, perform, workspace_context


def _collaborators_page(request, project, invite_form=None, resend=None, status=200):
    may_manage = manage_refusal(request.user, project, while_editable=False) is None
    invitations = []
    if may_manage:  # the invitees' addresses are for the managers who typed them
        invitations = list(project.collaborator_invitations.filter(accepted_at__isnull=True))
        for invitation in invitations:
            failed = resend is not None and resend[0] == invitation.pk
            invitation.resend_form = (
                resend[1] if failed else CollaboratorInvitationResendForm(invitation_pk=invitation.pk)
            )
    context = {
        **workspace_context(request, project, "collaborators"),
        "collaborators": project.collaborators.select_related("user").order_by("user__email"),
        "may_manage": may_manage,
        "level_form": CollaboratorLevelForm(),
        "invitations": invitations,
        "invite_form": invite_form or CollaboratorInvitationForm(),
        "now": timezone.now(),
    }
    return render(request, "projects/collaborators.html", context, status=status)


@login_required
def collaborator_list(request, pk: int):
    return _collaborators_page(request, application_or_404(request, pk))


@require_POST
@login_required
def collaborator_change(request, pk: int, collaborator_pk: int):
    project = application_or_404(request, pk)
    collaborator = get_object_or_404(project.collaborators.all(), pk=collaborator_pk)
    require(manage_refusal(request.user, project, while_editable=False))  # the refusal before the form's errors
    form = CollaboratorLevelForm(request.POST)
    try:
        if request.POST.get("action") == "remove":
            collaborator_remove(collaborator=collaborator, by=request.user)
            messages.success(request, _("The collaborator was removed."))
        elif form.is_valid():
            collaborator_set_level(collaborator=collaborator, level=form.cleaned_data["level"], by=request.user)
            messages.success(request, _("The level was changed."))
        else:
            messages.error(request, _("Choose view, edit or manage."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    if not project.collaborators.filter(user=request.user).exists():
        return redirect("projects:list")
    return redirect("projects:collaborators", pk=project.pk)


@require_POST
@login_required
def collaborator_invite(request, pk: int):
    project = application_or_404(request, pk)
    require(manage_refusal(request.user, project, while_editable=False))  # the refusal before the form's errors
    form = CollaboratorInvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation = collaborator_invitation_create(project=project, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": invitation.email})
            return redirect("projects:collaborators", pk=project.pk)
    return _collaborators_page(request, project, invite_form=form, status=400)


@require_POST
@login_required
def collaborator_invitation_delete(request, pk: int, invitation_pk: int):
    project = application_or_404(request, pk)
    invitation = get_object_or_404(project.collaborator_invitations.all(), pk=invitation_pk)
    require(manage_refusal(request.user, project, while_editable=False))
    done = _("The invitation to %(email)s was withdrawn.") % {"email": invitation.email}
    perform(request, lambda: collaborator_invitation_withdraw(invitation=invitation, by=request.user), done)
    return redirect("projects:collaborators", pk=project.pk)


@require_POST
@login_required
def collaborator_invitation_send_elsewhere(request, pk: int, invitation_pk: int):
    project = application_or_404(request, pk)
    invitation = get_object_or_404(project.collaborator_invitations.filter(accepted_at__isnull=True), pk=invitation_pk)
    require(manage_refusal(request.user, project, while_editable=False))
    form = CollaboratorInvitationResendForm(request.POST, invitation_pk=invitation.pk)
    if form.is_valid():
        try:
            new = collaborator_invitation_resend(
                invitation=invitation, email=form.cleaned_data["email"], by=request.user
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": new.email})
            return redirect("projects:collaborators", pk=project.pk)
    return _collaborators_page(request, project, resend=(invitation.pk, form), status=400)


def collaborator_invitation_respond(request, signed: str):
    """The link in the invitation email: a signed-in invitee accepts and joins at the invited level."""
    try:
        invitation = collaborator_invitation_from_link(signed)
    except InvitationGone as error:
        return render(
            request, "projects/collaborator_invitation.html", {"invalid": " ".join(error.messages)}, status=410
        )
    except ValidationError as error:
        return render(
            request, "projects/collaborator_invitation.html", {"invalid": " ".join(error.messages)}, status=404
        )
    problem = collaborator_invitation_problem(invitation)
    context = {"invitation": invitation, "project": invitation.project, "problem": problem}
    if problem:  # expired or already used: said plainly, nothing to accept
        return render(request, "projects/collaborator_invitation.html", context, status=410)
    if not request.user.is_authenticated:  # nothing about the people: the link may have reached a stranger
        return render(request, "projects/collaborator_invitation.html", context)
    context["refusal"] = refusal = collaborator_invitation_refusal(invitation, request.user)
    if request.method == "POST" and not refusal:
        try:
            collaborator_invitation_accept(invitation=invitation, user=request.user)
        except ValidationError as error:
            context["refusal"] = " ".join(error.messages)
        else:
            messages.success(request, _("Welcome to %(acronym)s.") % {"acronym": invitation.project.acronym})
            return redirect("projects:detail", pk=invitation.project_id)
    status = 403 if request.method == "POST" and context["refusal"] else 200
    return render(request, "projects/collaborator_invitation.html", context, status=status)
