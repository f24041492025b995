"""Collaborator invitations: a manager invites a colleague by email at a level (view, edit or manage) without a
partner section. The same shape as partner invitations: a signed and expiring link in an email written to the
outbox, withdrawal, re-sending to another address, and acceptance only by the account holding the invited address."""

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from interact_portal.audit.services import audit_record
from interact_portal.notifications.languages import in_language, language_for_address
from interact_portal.notifications.messages import Message
from interact_portal.notifications.outbox import outbox_add
from interact_portal.notifications.services import notify

from ..models import CollaboratorInvitation, CollaboratorLevel, Project, ProjectCollaborator
from ..permissions import manage_refusal, require
from .invitations import _other_managers, invitation_max_age, invitation_resent_record, invitee_refusal

SALT = "projects.collaborator-invitation"


class InvitationGone(ValidationError):
    """A link that no longer opens an invitation (expired, withdrawn, already used): the page answers 410."""


def collaborator_invitation_link(invitation: CollaboratorInvitation) -> str:
    signed = signing.TimestampSigner(salt=SALT).sign(invitation.token)
    return settings.SITE_URL.rstrip("/") + reverse("projects:collaborator_invitation", args=[signed])


def collaborator_invitation_from_link(signed: str) -> CollaboratorInvitation:
    """The invitation a link points to; a forged link is a ValidationError, an expired or withdrawn one
    InvitationGone, each with a clear reason."""
    try:
        token = signing.TimestampSigner(salt=SALT).unsign(signed, max_age=invitation_max_age())
    except signing.SignatureExpired as error:
        raise InvitationGone(
            _("This invitation link has expired. Ask the application's manager for a new one.")
        ) from error
    except signing.BadSignature as error:
        raise ValidationError(_("This invitation link is not valid. Check that you copied all of it.")) from error
    try:
        return CollaboratorInvitation.objects.select_related("project__call", "project__programme", "invited_by").get(
            token=token
        )
    except CollaboratorInvitation.DoesNotExist as error:
        raise InvitationGone(_("This invitation was withdrawn.")) from error


def collaborator_invitation_problem(invitation: CollaboratorInvitation) -> str | None:
    if invitation.accepted_at:
        return _("This invitation was already accepted.")
    if invitation.expires_at <= timezone.now():
        return _("This invitation has expired. Ask the application's manager for a new one.")
    return None


def _email_write(invitation: CollaboratorInvitation) -> None:
    project = invitation.project
    # the invitee's own language if the address has an account, else the language of the inviter's page
    with in_language(language_for_address(invitation.email)):
        context = {"invitation": invitation, "link": collaborator_invitation_link(invitation), "project": project}
        outbox_add(
            key=f"collaborator-invitation:{invitation.pk}",
            to=invitation.email,
            subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX
            + _("Invitation to work on %(acronym)s") % {"acronym": project.acronym},
            body=render_to_string("projects/emails/collaborator_invitation.txt", context),
        )


@transaction.atomic
def collaborator_invitation_create(*, project: Project, email: str, level: str, by) -> CollaboratorInvitation:
    project = Project.objects.select_for_update().get(pk=project.pk)
    require(manage_refusal(by, project, while_editable=False))
    email = email.strip().lower()
    if level not in CollaboratorLevel.values:
        raise ValidationError({"level": _("Choose view, edit or manage.")})
    pending = project.collaborator_invitations.filter(
        email__iexact=email, accepted_at__isnull=True, expires_at__gt=timezone.now()
    )
    if pending.exists():
        raise ValidationError({"email": _("%(email)s already has a pending invitation.") % {"email": email}})
    if project.collaborators.filter(user__email__iexact=email).exists():
        raise ValidationError({"email": _("%(email)s already collaborates on this application.") % {"email": email}})
    invitation = CollaboratorInvitation(
        project=project, email=email, level=level, invited_by=by, expires_at=timezone.now() + invitation_max_age()
    )
    invitation.full_clean(exclude=["token"])
    invitation.save()
    _email_write(invitation)
    audit_record(
        action="collaborator.invited",
        actor=by,
        target=project,
        changes={f"invitation of {email}": (None, level)},
    )
    return invitation


@transaction.atomic
def collaborator_invitation_withdraw(*, invitation: CollaboratorInvitation, by) -> None:
    invitation = CollaboratorInvitation.objects.select_for_update().select_related("project").get(pk=invitation.pk)
    require(manage_refusal(by, invitation.project, while_editable=False))
    if invitation.accepted_at:
        raise ValidationError(_("An accepted invitation cannot be withdrawn; remove the collaborator instead."))
    audit_record(
        action="collaborator.invitation_withdrawn",
        actor=by,
        target=invitation.project,
        changes={f"invitation of {invitation.email}": (invitation.level, None)},
    )
    invitation.delete()


@transaction.atomic
def collaborator_invitation_resend(*, invitation: CollaboratorInvitation, email: str, by) -> CollaboratorInvitation:
    """Send a pending invitation to another address: the old link stops working, a new one is emailed at the same
    level; recorded, and the application's other managers are told."""
    invitation = CollaboratorInvitation.objects.select_for_update().select_related("project").get(pk=invitation.pk)
    project = invitation.project
    require(manage_refusal(by, project, while_editable=False))
    if invitation.accepted_at:
        raise ValidationError(_("An accepted invitation cannot be sent again."))
    before, level = invitation.email, invitation.level
    invitation.delete()
    new = collaborator_invitation_create(project=project, email=email, level=level, by=by)
    invitation_resent_record(
        project=project, by=by, before=before, after=new.email, url=reverse("projects:collaborators", args=[project.pk])
    )
    return new


def collaborator_invitation_refusal(invitation: CollaboratorInvitation, user) -> str | None:
    """Why this account may not accept: only the invited address may, and not someone already on the team."""
    if refusal := invitee_refusal(invitation, user):
        return refusal
    if ProjectCollaborator.objects.filter(project_id=invitation.project_id, user=user).exists():
        return _("You already work on %(acronym)s: ask one of its managers to change your level instead.") % {
            "acronym": invitation.project.acronym
        }
    return None


@transaction.atomic
def collaborator_invitation_accept(*, invitation: CollaboratorInvitation, user) -> ProjectCollaborator:
    """The invitee joins the application's team at the invited level."""
    invitation = CollaboratorInvitation.objects.select_for_update().get(pk=invitation.pk)
    project = Project.objects.select_for_update().get(pk=invitation.project_id)  # serialise changes of one team
    if problem := collaborator_invitation_problem(invitation):
        raise ValidationError(problem)
    if refusal := collaborator_invitation_refusal(invitation, user):
        raise ValidationError(refusal)
    collaborator = ProjectCollaborator.objects.create(project=project, user=user, level=invitation.level)
    audit_record(
        action="collaborator.added",
        actor=user,
        target=project,
        changes={f"level of {user.email}": (None, invitation.level)},
        note=_("Accepted the invitation."),
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    notify(
        event="application.collaborator_joined",
        actor=user,
        target=project,
        recipients=_other_managers(project, user),
        title=Message(gettext_noop("%(who)s joined %(acronym)s"), who=user.email, acronym=project.acronym),
        body=Message(
            gettext_noop("%(who)s accepted the invitation and now works on the application at the level “%(level)s”."),
            who=user.email,
            level=CollaboratorLevel(collaborator.level).label,
        ),
        url=reverse("projects:collaborators", args=[project.pk]),
    )
    return collaborator
