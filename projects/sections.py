"""Every section of an application, read-only, computed once: `section_context(project)` loads what the section
templates (projects/templates/projects/sections/<key>.html) show, in a constant number of queries whatever the
number of partners, work packages, activities or budget lines. The staff assessment pages, the check-your-answers
page and the PDF include the same templates with this one context (`answers`)."""

from dataclasses import dataclass

from django.db.models import Prefetch

from partnerships.budget import project_budget
from programmes.application_form import SECTIONS
from programmes.choices import CostCategory

from .models import Activity, ProjectDescription, ProjectOutput, ProjectResult, WorkPackage

# the sections rendered read-only, in the workspace's order (the annexes are listed with their titles)
SECTION_TEMPLATES = {key: f"projects/sections/{key}.html" for key, _label in SECTIONS}
SECTION_LABELS = dict(SECTIONS)
STATE_AID_FIELDS = [
    "state_aid_economic_activity",
    "state_aid_selective_advantage",
    "state_aid_trade_effect",
    "state_aid_other_public_funding",
]


@dataclass(frozen=True)
class SectionRef:
    key: str
    label: str
    template: str


def section_refs(keys=None) -> list[SectionRef]:
    """The sections (all, or these keys) in the workspace's order."""
    chosen = None if keys is None else set(keys)
    return [
        SectionRef(key, label, SECTION_TEMPLATES[key]) for key, label in SECTIONS if chosen is None or key in chosen
    ]


def _description(project):
    """The description row (one query; a project started before it existed may have none)."""
    return ProjectDescription.objects.filter(project=project).first()


def _budget_table(project, partners) -> dict:
    budget = project_budget(project, partners=partners)
    labels = dict(CostCategory.choices)
    categories = [(c, labels.get(c, c)) for c in budget.categories]
    rows = [
        {
            "partner": partner,
            "amounts": [partner.computed_budget.by_category.get(c) for c, _label in categories],
            "preparation": partner.computed_budget.preparation,
            "total": partner.computed_budget.total,
            "cofinancing": partner.computed_budget.cofinancing,
            "rate": partner.computed_budget.cofinancing_rate,
        }
        for partner in budget.partners
    ]
    return {
        "overview": budget,
        "categories": categories,
        "rows": rows,
        "totals": [budget.by_category.get(c) for c, _label in categories],
        "by_period": list(budget.by_period.items()),
    }


def section_context(project) -> dict:
    """What every section template shows, loaded at once (the project comes with its call and programme)."""
    partners = list(
        project.partners.select_related(
            "organisation__country", "organisation__legal_status", "organisation__nuts_region", "department_nuts"
        ).order_by("order", "pk")
    )
    for partner in partners:
        partner.state_aid_answers = [
            (partner._meta.get_field(name).verbose_name, getattr(partner, name)) for name in STATE_AID_FIELDS
        ]
    work_packages = list(
        WorkPackage.objects.filter(project=project)
        .select_related("responsible")
        .prefetch_related(
            "partners",
            Prefetch("activities", queryset=Activity.objects.prefetch_related("partners", "deliverables")),
            Prefetch("outputs", queryset=ProjectOutput.objects.select_related("indicator")),
        )
        .order_by("number")
    )
    return {
        "refs": section_refs(),
        "description": _description(project),
        "objectives": list(project.objectives.order_by("number")),
        "target_groups": list(project.target_groups.order_by("pk")),
        "partners": partners,
        "work_packages": work_packages,
        "outputs": [output for wp in work_packages for output in wp.outputs.all()],
        "results": list(ProjectResult.objects.filter(project=project).select_related("indicator").order_by("number")),
        "budget": _budget_table(project, partners),
        "annexes": list(project.annexes.only("pk", "project_id", "title", "original_name", "size")),
    }


def criteria_with_sections(call) -> list[dict]:
    """The quality criteria of the call with the sections assessors read next to each (projects.criteria: the
    call's own criteria when it has them, else the default template's)."""
    from .criteria import quality_criteria

    return [
        {"key": c.key, "name": c.name, "text": c.label, "weight": c.weight, "sections": section_refs(list(c.sections))}
        for c in quality_criteria(call)
    ]
