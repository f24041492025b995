"""Emails of the applicant journey that go to people who may not have an account yet."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from interact_portal.notifications.languages import in_language, language_for_address
from interact_portal.notifications.outbox import outbox_add
from partnerships.models import PartnerInvitation


def invitation_email_write(invitation: PartnerInvitation) -> None:
    """The signed invitation link, written to the outbox in the invitation's transaction."""
    from .services.invitations import invitation_link

    project = invitation.project
    # the invitee's own language if the address has an account, else the language of the inviter's page
    with in_language(language_for_address(invitation.email)):
        context = {"invitation": invitation, "link": invitation_link(invitation), "project": project}
        if project.call is not None:  # a two-step call's full form closes at step 2's deadline
            context["deadline"] = project.call.deadline_for(project.stage)
        outbox_add(
            key=f"invitation:{invitation.pk}",
            to=invitation.email,
            subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX
            + _("Invitation to join %(acronym)s") % {"acronym": project.acronym},
            body=render_to_string("projects/emails/invitation.txt", context),
        )
