"""Emails of the applicant journey that go to people who may not have an account yet."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from interact_portal.notifications.emails import email_once
from partnerships.models import PartnerInvitation


def invitation_email_send(*, invitation_id: int) -> bool:
    """Email the signed invitation link unless it went out already (a redelivered task sends nothing)."""
    from .services.invitations import invitation_link

    def message(invitation) -> EmailMessage:
        project = invitation.project
        context = {"invitation": invitation, "link": invitation_link(invitation), "project": project}
        return EmailMessage(
            subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX
            + _("Invitation to join %(acronym)s") % {"acronym": project.acronym},
            body=render_to_string("projects/emails/invitation.txt", context),
            to=[invitation.email],
        )

    pending = PartnerInvitation.objects.filter(accepted_at__isnull=True).select_related(
        "project__call", "project__programme", "invited_by"
    )
    return email_once(pending, invitation_id, message)
