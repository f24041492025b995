"""A draft application on the open call for the demo applicant, almost complete, so the checklist has work to
show; the demo staff member as officer of that programme; the call's documents."""

from decimal import Decimal

from partnerships.models import Organisation, ProjectPartner
from programmes.choices import StaffRole
from programmes.models import Call, CallDocument, ProgrammeStaff
from projects.models import Project
from projects.services.applications import application_start
from projects.services.partners import partner_create


def applications_seed(users: dict) -> None:
    call = Call.objects.select_related("programme").get(reference="CE-2026-01")
    ProgrammeStaff.objects.get_or_create(
        programme=call.programme, user=users["staff"], defaults={"role": StaffRole.OFFICER}
    )
    CallDocument.objects.get_or_create(
        call=call,
        title="Programme manual (interreg-central.eu)",
        defaults={"url": "https://www.interreg-central.eu/programme-manual/"},
    )
    if Project.objects.filter(call=call, acronym="HEATWISE").exists():
        return
    applicant = users["applicant"]
    project = application_start(
        call=call,
        organisation=Organisation.objects.get(pic="900000001"),
        acronym="HEATWISE",
        by=applicant,
    )
    objective = call.allowed_objectives.order_by("code").first()
    Project.objects.filter(pk=project.pk).update(
        title="Heat-wise neighbourhoods",
        summary="Cities of central Europe plan low-carbon heating together with their residents.",
        specific_objective=objective,
        duration_months=30,
    )
    ProjectPartner.objects.filter(project=project).update(budget=Decimal("250000"), cofinancing_rate=Decimal("80"))
    partner = partner_create(
        project=project, organisation=Organisation.objects.get(pic="900000004"), role="partner", by=applicant
    )
    ProjectPartner.objects.filter(pk=partner.pk).update(budget=Decimal("180000"), cofinancing_rate=Decimal("80"))
