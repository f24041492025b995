"""What the projects domain holds about a person, and how it forgets them.

Submitted applications are the programme's legal record: their snapshots and history stay, and the person in them
is the pseudonymised account. Partner sections still being edited lose the contact details."""

from interact_portal.accounts.privacy import eraser, personal_data_section
from partnerships.models import ProjectPartner

from .models import ProjectCollaborator
from .workflow import EDITABLE_STATUSES


@personal_data_section("applications")
def collaborations_of(user) -> list:
    return list(
        ProjectCollaborator.objects.filter(user=user)
        .order_by("project__created_at")
        .values("project__acronym", "project__title", "project__status", "level", "project__submitted_at")
    )


@personal_data_section("partner_contacts")
def partner_contacts_of(user) -> list:
    return list(
        ProjectPartner.objects.filter(contact_user=user).values(
            "project__acronym", "organisation__name", "contact_name", "contact_email"
        )
    )


@eraser
def partner_contacts_forget(user) -> None:
    ProjectPartner.objects.filter(contact_user=user, project__status__in=EDITABLE_STATUSES).update(
        contact_name="", contact_email=""
    )
