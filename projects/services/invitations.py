"""Partner invitations: an emailed, signed and expiring link that makes the invitee a partner contact."""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from interact_portal.audit.services import audit_record
from interact_portal.notifications.messages import Message
from interact_portal.notifications.services import notify
from partnerships.models import Organisation, PartnerInvitation

from ..emails import invitation_email_write
from ..models import CollaboratorLevel, Project, ProjectCollaborator
from ..permissions import locked_refusal, manage_refusal, require
from .partners import partner_create

SALT = "projects.partner-invitation"


def _other_managers(project, but) -> list:
    """The application's managers to tell about an invitation's fate, not counting the person who acted."""
    managers = project.collaborators.filter(level=CollaboratorLevel.MANAGE).exclude(user=but).select_related("user")
    return [collaborator.user for collaborator in managers]


def invitation_resent_record(*, project, by, before: str, after: str, url: str) -> None:
    """An invitation (a partner's or a colleague's) sent to another address: audited, the other managers told."""
    audit_record(
        action="collaborator.invitation_resent",
        actor=by,
        target=project,
        changes={"invitation address": (before, after)},
    )
    notify(
        event="application.invitation_resent",
        actor=by,
        target=project,
        recipients=_other_managers(project, by),
        title=Message(
            gettext_noop("An invitation to %(acronym)s was sent to another address"), acronym=project.acronym
        ),
        body=Message(
            gettext_noop("%(who)s withdrew the invitation to %(before)s and sent it to %(after)s."),
            who=by.email,
            before=before,
            after=after,
        ),
        url=url,
    )


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


def email_masked(email: str) -> str:
    """An address as shown to someone who may not be its owner: its first letter and its domain (p•••@example.org)."""
    local, _at, domain = email.partition("@")
    return f"{local[:1]}•••@{domain}"


def invitee_refusal(invitation: PartnerInvitation, user) -> str | None:
    """Why this account may not accept the invitation, or None: only an account holding the invited address, verified,
    may (a forwarded link is not an invitation to whoever holds it)."""
    if not getattr(user, "is_authenticated", False):
        return _("Log in with the address this invitation was sent to.")
    addresses = EmailAddress.objects.filter(user=user, email__iexact=invitation.email)
    if any(address.verified for address in addresses):
        return None
    masked = email_masked(invitation.email)
    if addresses or user.email.lower() == invitation.email.lower():
        return _(
            "This invitation is for %(email)s, which is not confirmed yet on your account. Open the confirmation "
            "link we emailed to that address (or have it sent again from your account's email page), then come "
            "back to this link."
        ) % {"email": masked}
    return _(
        "This invitation is for %(email)s, and you are signed in as %(you)s. Log in with the invited address, or "
        "ask the person who invited you to send it to your address."
    ) % {"email": masked, "you": user.email}


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
def invitation_resend(*, invitation: PartnerInvitation, email: str, by) -> PartnerInvitation:
    """Send a pending invitation to another address (the right one): the old link stops working, a new one is
    emailed for the same role; recorded, and the application's other managers are told."""
    invitation = PartnerInvitation.objects.select_for_update().get(pk=invitation.pk)
    project = invitation.project
    require(manage_refusal(by, project))
    if invitation.accepted_at:
        raise ValidationError(_("An accepted invitation cannot be sent again; remove the partner instead."))
    before, role = invitation.email, invitation.role
    invitation.delete()
    new = invitation_create(project=project, email=email, role=role, by=by)
    invitation_resent_record(
        project=project, by=by, before=before, after=new.email, url=reverse("projects:partners", args=[project.pk])
    )
    return new


@transaction.atomic
def invitation_accept(*, invitation: PartnerInvitation, user, organisation: Organisation):
    """The invitee joins: a partner section of their own (they are its contact) and view access to the rest."""
    invitation = PartnerInvitation.objects.select_for_update().get(pk=invitation.pk)
    project = Project.objects.select_for_update().get(pk=invitation.project_id)
    if problem := invitation_problem(invitation):
        raise ValidationError(problem)
    if refusal := invitee_refusal(invitation, user):
        raise ValidationError(refusal)
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
    notify(
        event="application.invitation_accepted",
        actor=user,
        target=project,
        recipients=_other_managers(project, user),
        title=Message(
            gettext_noop("%(org)s joined %(acronym)s as a partner"), org=organisation.name, acronym=project.acronym
        ),
        body=Message(
            gettext_noop("%(who)s accepted the invitation and can now fill in their partner section."), who=user.email
        ),
        url=reverse("projects:partners", args=[project.pk]),
    )
    return partner
