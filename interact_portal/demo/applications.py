"""A draft application on the open call for the demo applicant, almost complete, so the checklist has work to
show; the demo staff member as officer of that programme; the call's documents; and applications of that call at
every step after submission (submitted, eligible and scored, ineligible, approved, approved with conditions, not
approved), each brought there by the services the staff pages use, so the call report, the dashboard and the staff
lists show real rows."""

from decimal import Decimal

from django.utils import timezone

from interact_portal.demo.application_content import decided_budget_seed
from interact_portal.demo.application_texts import DECIDED_DESCRIPTIONS
from partnerships.models import Organisation, ProjectPartner
from programmes.choices import StaffRole
from programmes.models import Call, CallDocument, ProgrammeStaff
from projects.criteria import ELIGIBILITY_CHECKLIST, QUALITY_CRITERIA
from projects.models import Project, ProjectDescription
from projects.services.applications import application_start, identification_update
from projects.services.assessment import assessors_assign, eligibility_record, quality_record
from projects.services.decisions import decision_record
from projects.services.partners import partner_add, partner_create, partner_update
from projects.services.submission import application_submit
from projects.workflow import Status

from .workplan import workplan_seed

# acronym, title, objective, (lead PIC, partner PICs), where it stops, quality score (1–5) of each criterion
DECIDED = [
    ("SOLARSHARE", "Community solar for small towns", "2.1", ("900000002", ["900000003", "900000006"]), "submitted", 0),
    ("RIVERLINK", "Living rivers across borders", "2.2", ("900000007", ["900000004", "900000005"]), "scored", 4),
    ("DATAHUB-CE", "Open energy data for regions", "2.1", ("900000006", ["900000007", "900000002"]), "ineligible", 0),
    ("COOLROOFS", "Cool roofs against urban heat", "2.2", ("900000003", ["900000008", "900000009"]), "approved", 5),
    ("WATERWISE", "Water-wise municipalities", "2.2", ("900000005", ["900000001", "900000008"]), "conditions", 3),
    ("GRIDFLEX", "Flexible grids for renewables", "2.1", ("900000006", ["900000007", "900000003"]), "rejected", 2),
]
CONTACTS = ["Jana Nováková", "Tomasz Kowalski", "Petra Horvat", "Lukas Gruber", "Ana Kovač", "Marco Rossi"]


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


def decided_applications_seed(users: dict) -> None:
    """Applications of the open demo call at every later step, each through the staff workspace's services."""
    call = Call.objects.select_related("programme").get(reference="CE-2026-01")
    applicant, officer, manager = users["applicant"], users["staff"], users["admin"]  # a superuser acts as manager
    for n, (acronym, title, objective_code, (lead, partners), stop, score) in enumerate(DECIDED):
        if Project.objects.filter(call=call, acronym=acronym).exists():
            continue
        project = _submitted(call, applicant, n, acronym, title, objective_code, lead, partners)
        if stop == "submitted":
            continue
        if stop == "ineligible":
            results = {key: (True, "") for key, _label in ELIGIBILITY_CHECKLIST}
            results["partnership"] = (False, "Two of the three partners are from the same country as the lead.")
            eligibility_record(project=project, by=officer, results=results)
            continue
        eligibility_record(project=project, by=officer, results={key: (True, "") for key, _l in ELIGIBILITY_CHECKLIST})
        assessors_assign(project=project, by=officer, assessors=[officer])
        scores = {key: (score, "Assessed against the call's criteria.") for key, _label, _weight in QUALITY_CRITERIA}
        quality_record(project=project, by=officer, scores=scores)
        if stop == "scored":
            continue
        outcome, conditions = {
            "approved": (Status.APPROVED, ""),
            "conditions": (Status.APPROVED_WITH_CONDITIONS, "Reduce the equipment costs of the lead partner by 10 %."),
            "rejected": (Status.NOT_APPROVED, ""),
        }[stop]
        decision_record(
            project=project, by=manager, outcome=outcome, decided_on=timezone.localdate(), conditions=conditions
        )


def _submitted(call, applicant, n, acronym, title, objective_code, lead, partners) -> Project:
    project = application_start(
        call=call, organisation=Organisation.objects.get(pic=lead), acronym=acronym, by=applicant
    )
    identification = {
        "title": title,
        "summary": f"{title}: partners from three countries of central Europe work on it together.",
        "specific_objective": call.allowed_objectives.get(code=objective_code),
        "duration_months": 30,
    }
    identification_update(project=project, by=applicant, version=project.identification_version, data=identification)
    project.refresh_from_db()  # the duration gives the budget's periods
    for pic in partners:
        partner_add(project=project, organisation=Organisation.objects.get(pic=pic), role="partner", by=applicant)
    for m, partner in enumerate(project.partners.order_by("order", "pk")):
        name = CONTACTS[(n + m) % len(CONTACTS)]
        data = {
            "contact_name": partner.contact_name or name,
            "contact_email": partner.contact_email or f"contact.{acronym.lower()}.{m}@example.org",
            **PARTNER_DETAILS,
        }
        partner_update(partner=partner, by=applicant, version=partner.version, data=data)
        # the figure the partner plans, which decided_budget_seed spreads by category and period
        ProjectPartner.objects.filter(pk=partner.pk).update(budget=Decimal(300000 - 40000 * m + 10000 * n))
    context, objective = DECIDED_DESCRIPTIONS[acronym]
    ProjectDescription.objects.update_or_create(
        project=project, defaults={"context": context, "overall_objective": objective}
    )
    decided_budget_seed(project)  # by category and period, before the snapshot is taken
    project.refresh_from_db()
    workplan_seed(project, applicant)  # the description, work plan and results the checklist asks for
    project, _submitted_now = application_submit(project=project, by=applicant)
    return project


PARTNER_DETAILS = {
    "vat_recovery": "no",
    "legal_representative": "The mayor",
    "experience": "Ten years of cooperation projects on energy and climate with cities of central Europe.",
    "role_in_project": "Leads the pilot actions in its region and shares the results with the partnership.",
    "state_aid_economic_activity": False,
    "state_aid_selective_advantage": False,
    "state_aid_trade_effect": False,
    "state_aid_other_public_funding": False,
}
