"""The partnership: adding, editing, removing partners and choosing the lead partner."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerships.choices import PartnerRole
from partnerships.models import Organisation, ProjectPartner
from partnerships.services import organisation_update
from partnerships.state_aid import QUESTIONS as STATE_AID_QUESTIONS

from ..models import Project
from ..permissions import manage_refusal, partner_edit_refusal, require
from ..rules import MAX_PARTNERS
from .partner_changes import partner_removal_refusal  # after the contract: withdrawn, not removed (issue 19)
from .versioning import update_if_current

PARTNER_FIELDS = [
    "abbreviation",
    "contact_name",
    "contact_email",
    "contact_phone",
    "department",
    "department_address",
    "department_postcode",
    "department_city",
    "department_nuts",
    "vat_recovery",
    "legal_representative",
    "experience",
    "role_in_project",
    *STATE_AID_QUESTIONS,
]
# the organisation's permanent data, edited from any of its partner sections (country and PIC dedup: partnerships)
ORGANISATION_FIELDS = [
    "name",
    "name_en",
    "legal_status",
    "type",
    "sector",
    "size",
    "nace_code",
    "vat",
    "address",
    "postcode",
    "city",
    "nuts_region",
    "website",
    "pic",
]


def _lock(project: Project) -> Project:
    return Project.objects.select_for_update().get(pk=project.pk)


def _next_abbreviation(taken: set[str]) -> str:
    number = len(taken) + 1
    while f"PP{number}" in taken:
        number += 1
    return f"PP{number}"


def partner_create(*, project: Project, organisation: Organisation, role: str, by, contact_user=None) -> ProjectPartner:
    """Add a partner under the caller's lock on the project (the count of partners is taken under it)."""
    if role == PartnerRole.LEAD:
        raise ValidationError(_("A partnership has one lead partner; make a partner lead instead."))
    existing = list(project.partners.values_list("abbreviation", "role"))
    counted = [abbreviation for abbreviation, other in existing if other != PartnerRole.ASSOCIATED]
    if role != PartnerRole.ASSOCIATED and len(counted) >= MAX_PARTNERS:
        raise ValidationError(_("A partnership has at most %(n)d partners.") % {"n": MAX_PARTNERS})
    return ProjectPartner.objects.create(
        project=project,
        organisation=organisation,
        role=role,
        abbreviation=_next_abbreviation({abbreviation for abbreviation, _role in existing}),
        order=len(existing),
        contact_user=contact_user,
        contact_name=contact_user.get_full_name() if contact_user else "",
        contact_email=contact_user.email if contact_user else "",
        changed_by=by,
    )


@transaction.atomic
def partner_add(*, project: Project, organisation: Organisation, role: str, by) -> ProjectPartner:
    project = _lock(project)
    require(manage_refusal(by, project))
    return partner_create(project=project, organisation=organisation, role=role, by=by)


@transaction.atomic
def partner_update(*, partner: ProjectPartner, by, version: int, data: dict, organisation: dict | None = None) -> int:
    """Save a partner section if nobody saved it since `version`; returns the new version. `organisation`: the
    organisation's permanent data, saved in the same transaction (whoever may edit the section may edit them)."""
    project = _lock(partner.project)
    require(partner_edit_refusal(by, project, partner))
    values = {field: data[field] for field in PARTNER_FIELDS if field in data}
    if organisation is not None:
        organisation_update(organisation=partner.organisation, data=organisation)
    return update_if_current(
        ProjectPartner,
        pk=partner.pk,
        version_field="version",
        version=version,
        values={**values, "changed_by": by, "changed_at": timezone.now()},
    )


@transaction.atomic
def partner_remove(*, partner: ProjectPartner, by) -> None:
    project = _lock(partner.project)
    require(manage_refusal(by, project))
    if partner.role == PartnerRole.LEAD:
        raise ValidationError(_("Make another partner lead before removing the lead partner."))
    if refusal := partner_removal_refusal(partner, project):
        raise ValidationError(refusal)
    partner.delete()


@transaction.atomic
def partner_make_lead(*, partner: ProjectPartner, by) -> ProjectPartner:
    """The chosen partner becomes lead and the former lead a partner (one lead at every moment)."""
    project = _lock(partner.project)
    require(manage_refusal(by, project))
    if partner.role == PartnerRole.LEAD:
        return partner
    if ProjectPartner.objects.filter(pk=partner.pk, withdrawn_from_period__isnull=False).exists():
        raise ValidationError(_("A withdrawn partner cannot become the lead partner."))
    project.partners.filter(role=PartnerRole.LEAD).update(role=PartnerRole.PARTNER)
    ProjectPartner.objects.filter(pk=partner.pk).update(role=PartnerRole.LEAD)
    partner.role = PartnerRole.LEAD
    return partner
