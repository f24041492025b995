"""A plain project description, work plan and results for the demo applications submitted under the open call,
written through the applicants' own services (so the checklist lets them be submitted), and the EU common
indicators (RCO/RCR) they report on. The demo programmes' richer work plans are for the demo content to add."""

from decimal import Decimal

from programmes.choices import IndicatorKind
from programmes.models import Indicator
from projects.rules_workplan import periods_of
from projects.services.description import description_of, description_update
from projects.services.workplan import results_save, results_version, work_package_save

# EU common indicators (Regulation (EU) 2021/1058, annex I) as the demo programmes use them
COMMON_INDICATORS = [
    ("RCO 84", "Pilot actions developed jointly and implemented in projects", "pilot actions", IndicatorKind.OUTPUT),
    ("RCO 116", "Jointly developed solutions", "solutions", IndicatorKind.OUTPUT),
    ("RCR 79", "Joint strategies and action plans taken up by organisations", "strategies", IndicatorKind.RESULT),
    ("RCR 104", "Solutions taken up or up-scaled by organisations", "solutions", IndicatorKind.RESULT),
]


def indicators_seed(call) -> None:
    """The common indicators of the call's programme, open to every objective the call funds."""
    objectives = list(call.allowed_objectives.all())
    for code, name, unit, kind in COMMON_INDICATORS:
        indicator, _created = Indicator.objects.get_or_create(
            programme=call.programme, code=code, defaults={"name": name, "unit": unit, "kind": kind}
        )
        indicator.objectives.add(*objectives)


def workplan_seed(project, by) -> None:
    """Description, one work package per partner (each responsible for one, the lead taking part in all), one
    output each and one result: what the checklist asks for, in plain words."""
    indicators_seed(project.call)
    title = project.title or project.acronym
    description = description_of(project)
    text = {
        "context": f"{title}: the regions of the partners face the same challenge and solve it better together.",
        "overall_objective": f"{title} across borders.",
        "durability": "The partners keep the tools running after the project with their own budgets.",
        "transferability": "Every output is published openly with a guide for other regions.",
        "communication": "Regional events, a project website and the programme's channels.",
    }
    for principle in ("sustainable_development", "equal_opportunities", "gender_equality"):
        text[principle] = "positive" if principle == "sustainable_development" else "neutral"
        text[f"{principle}_justification"] = "Considered in every work package."
    description_update(
        project=project,
        by=by,
        version=description.version,
        data=text,
        objectives=[{"pk": None, "title": f"Joint solutions for {title}", "description": ""}],
        target_groups=[{"pk": None, "group": "local_authority", "description": "", "target_value": 10}],
    )
    last = len(periods_of(project))
    output = Indicator.objects.get(programme=project.programme, code="RCO 84")
    result = Indicator.objects.get(programme=project.programme, code="RCR 79")
    partners = list(project.partners.order_by("order", "pk"))
    lead = next(p for p in partners if p.role == "lead")
    for number, partner in enumerate(partners, start=1):
        work_package_save(
            project=project,
            work_package=None,
            by=by,
            version=1,
            data={
                "title": f"Work package {number}",
                "objectives": "",
                "responsible": partner.pk,
                "partner_ids": [lead.pk] if partner != lead else [],
                "start_period": 1,
                "end_period": last,
            },
            activities=[{"pk": None, "title": "Joint work", "description": "", "start_period": 1, "end_period": last}],
            outputs=[
                {
                    "pk": None,
                    "indicator_id": output.pk,
                    "title": "Pilot action",
                    "description": "",
                    "target_value": Decimal(1),
                    "period": last,
                }
            ],
        )
    lock = results_version(project)
    results_save(
        project=project,
        by=by,
        version=lock.version if lock else 1,
        rows=[
            {
                "pk": None,
                "indicator_id": result.pk,
                "description": "",
                "baseline": Decimal(0),
                "target_value": Decimal(2),
                "period": last,
            }
        ],
    )
