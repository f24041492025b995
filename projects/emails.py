"""Emails of the applicant journey that go to people who may not have an account yet."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerships.models import PartnerInvitation


def invitation_email_send(*, invitation_id: int) -> bool:
    """Email the signed invitation link unless it went out already (a redelivered task sends nothing)."""
    from .services.invitations import invitation_link

    with transaction.atomic():
        invitation = (
            PartnerInvitation.objects.select_for_update(of=("self",))
            .select_related("project__call", "project__programme", "invited_by")
            .filter(pk=invitation_id, accepted_at__isnull=True)
            .first()
        )
        if invitation is None or invitation.emailed_at is not None:
            return False
        context = {"invitation": invitation, "link": invitation_link(invitation), "project": invitation.project}
        EmailMessage(
            subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX
            + _("Invitation to join %(acronym)s") % {"acronym": invitation.project.acronym},
            body=render_to_string("projects/emails/invitation.txt", context),
            to=[invitation.email],
        ).send()
        invitation.emailed_at = timezone.now()
        invitation.save(update_fields=["emailed_at"])
    return True
