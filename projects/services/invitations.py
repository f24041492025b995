"""Partner invitations: an emailed, signed and expiring link that makes the invitee a partner contact."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from interact_portal.audit.services import audit_record
from interact_portal.notifications.services import notify
from partnerships.models import Organisation, PartnerInvitation

from ..emails import invitation_email_write
from ..models import CollaboratorLevel, Project, ProjectCollaborator
from ..permissions import locked_refusal, manage_refusal, require
from .partners import partner_create

SALT = "projects.partner-invitation"


def invitation_max_age() -> timedelta:
    return timedelta(days=settings.INVITATION_VALID_DAYS)


def invitation_link(invitation: PartnerInvitation) -> str:
    signed = signing.TimestampSigner(salt=SALT).sign(invitation.token)
    return settings.SITE_URL.rstrip("/") + reverse("projects:invitation", args=[signed])


def invitation_from_link(signed: str) -> PartnerInvitation:
    """The invitation a link points to; a forged, altered or too old link is refused with a clear reason."""
    try:
        token = signing.TimestampSigner(salt=SALT).unsign(signed, max_age=invitation_max_age())
    except signing.SignatureExpired as error:
        raise ValidationError(_("This invitation link has expired. Ask the lead partner for a new one.")) from error
    except signing.BadSignature as error:
        raise ValidationError(_("This invitation link is not valid. Check that you copied all of it.")) from error
    try:
        return PartnerInvitation.objects.select_related("project__call", "project__programme").get(token=token)
    except PartnerInvitation.DoesNotExist as error:
        raise ValidationError(_("This invitation was withdrawn.")) from error


def invitation_problem(invitation: PartnerInvitation) -> str | None:
    if invitation.accepted_at:
        return _("This invitation was already accepted.")
    if invitation.expires_at <= timezone.now():
        return _("This invitation has expired. Ask the lead partner for a new one.")
    return None


@transaction.atomic
def invitation_create(*, project: Project, email: str, role: str, by) -> PartnerInvitation:
    project = Project.objects.select_for_update().get(pk=project.pk)
    require(manage_refusal(by, project))
    email = email.strip().lower()
    pending = project.invitations.filter(email__iexact=email, accepted_at__isnull=True, expires_at__gt=timezone.now())
    if pending.exists():
        raise ValidationError({"email": _("%(email)s already has a pending invitation.") % {"email": email}})
    if project.collaborators.filter(user__email__iexact=email).exists():
        raise ValidationError({"email": _("%(email)s already collaborates on this application.") % {"email": email}})
    invitation = PartnerInvitation(
        project=project, email=email, role=role, invited_by=by, expires_at=timezone.now() + invitation_max_age()
    )
    invitation.full_clean(exclude=["token"])
    invitation.save()
    invitation_email_write(invitation)
    audit_record(
        action="collaborator.invited",
        actor=by,
        target=project,
        changes={f"invitation of {email}": (None, role)},
    )
    return invitation


@transaction.atomic
def invitation_withdraw(*, invitation: PartnerInvitation, by) -> None:
    require(manage_refusal(by, invitation.project))
    if invitation.accepted_at:
        raise ValidationError(_("An accepted invitation cannot be withdrawn; remove the partner instead."))
    invitation.delete()


@transaction.atomic
def invitation_accept(*, invitation: PartnerInvitation, user, organisation: Organisation):
    """The invitee joins: a partner section of their own (they are its contact) and view access to the rest."""
    invitation = PartnerInvitation.objects.select_for_update().get(pk=invitation.pk)
    project = Project.objects.select_for_update().get(pk=invitation.project_id)
    if problem := invitation_problem(invitation):
        raise ValidationError(problem)
    if locked := locked_refusal(project):
        raise ValidationError(locked)
    partner = partner_create(
        project=project, organisation=organisation, role=invitation.role, by=user, contact_user=user
    )
    _collaborator, joined = ProjectCollaborator.objects.get_or_create(
        project=project, user=user, defaults={"level": CollaboratorLevel.VIEW}
    )
    if joined:
        audit_record(
            action="collaborator.added",
            actor=user,
            target=project,
            changes={f"level of {user.email}": (None, CollaboratorLevel.VIEW)},
            note=_("Accepted the invitation as %(org)s.") % {"org": organisation.name},
        )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.partner = partner
    invitation.save(update_fields=["accepted_at", "accepted_by", "partner"])
    managers = [c.user for c in project.collaborators.filter(level=CollaboratorLevel.MANAGE).select_related("user")]
    notify(
        event="application.invitation_accepted",
        actor=user,
        target=project,
        recipients=[m for m in managers if m.pk != user.pk],
        title=_("%(org)s joined %(acronym)s as a partner") % {"org": organisation.name, "acronym": project.acronym},
        body=_("%(who)s accepted the invitation and can now fill in their partner section.") % {"who": user.email},
        url=reverse("projects:partners", args=[project.pk]),
    )
    return partner
