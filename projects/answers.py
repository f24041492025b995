"""Everything an application answers, section by section, gathered in a constant number of queries: the one
source of the "check your answers" page, the submission snapshot (and so the PDF) and anything else that shows
a whole application.

`application_answers(project)` returns plain values (str, int, Decimal, None, lists and dicts), never model
instances, so the snapshot can freeze it as JSON and a template can show it as it is. Labels are translated in
the active language; codes are kept beside them where a report or a later reader needs them.

Queries, whatever the number of partners, work packages, activities or budget lines: description, objectives,
target groups, partners, work packages (with their partners), activities (with theirs), deliverables, outputs,
results, budget lines, funds, contributions, annexes.
"""

from collections import defaultdict
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Q
from django.utils.translation import gettext as _

from partnerships.budget import project_budget
from partnerships.choices import ContributionKind, PartnerRole
from partnerships.models import PartnerContribution, ProjectPartner
from partnerships.state_aid import state_aid
from programmes.choices import CostCategory, Fund
from programmes.periods import reporting_periods

from .models import (
    Activity,
    Deliverable,
    ProjectDescription,
    ProjectObjective,
    ProjectOutput,
    ProjectResult,
    TargetGroup,
    WorkPackage,
)
from .models.description import Effect

# the horizontal principles of the description: (key, effect field, justification field)
PRINCIPLES = [
    ("sustainable_development", "sustainable_development", "sustainable_development_justification"),
    ("equal_opportunities", "equal_opportunities", "equal_opportunities_justification"),
    ("gender_equality", "gender_equality", "gender_equality_justification"),
]
STATE_AID_QUESTIONS = [
    "state_aid_economic_activity",
    "state_aid_selective_advantage",
    "state_aid_trade_effect",
    "state_aid_other_public_funding",
]
EFFECTS = dict(Effect.choices)


def _label(choices, value) -> str:
    return str(dict(choices).get(value, value or ""))


def _yes_no(value: bool | None) -> str:
    return "" if value is None else _("Yes") if value else _("No")


def _identification(project) -> dict:
    objective = project.specific_objective
    return {
        "acronym": project.acronym,
        "title": project.title,
        "summary": project.summary,
        "specific_objective": {"code": objective.code, "title": objective.title} if objective else None,
        "duration_months": project.duration_months,
        # the title and summary in the call's other input languages: [{"language": "de", "title": …, "summary": …}]
        "translations": _translations(project),
    }


def _translations(project) -> list[dict]:
    texts = project.text_translations or {}
    languages = [
        code
        for code, _name in settings.LANGUAGES
        if code != project.language and any(code in each for each in texts.values())
    ]
    return [
        {"language": language} | {name: texts.get(name, {}).get(language, "") for name in ("title", "summary")}
        for language in languages
    ]


def _description(project) -> dict:
    description = ProjectDescription.objects.filter(project=project).first() or ProjectDescription(project=project)
    verbose = {f.name: str(f.verbose_name) for f in ProjectDescription._meta.fields}
    return {
        "context": description.context,
        "overall_objective": description.overall_objective,
        "durability": description.durability,
        "transferability": description.transferability,
        "communication": description.communication,
        "horizontal_principles": [
            {
                "key": key,
                "label": verbose[effect_field][:1].upper() + verbose[effect_field][1:],
                "effect": getattr(description, effect_field),
                "effect_label": str(EFFECTS.get(getattr(description, effect_field), "")),
                "justification": getattr(description, justification_field),
            }
            for key, effect_field, justification_field in PRINCIPLES
        ],
        "objectives": [
            {"number": o.number, "title": o.title, "description": o.description}
            for o in ProjectObjective.objects.filter(project=project).order_by("number")
        ],
        "target_groups": [
            {
                "group": t.group,
                "group_label": t.get_group_display(),
                "description": t.description,
                "target_value": t.target_value,
            }
            for t in TargetGroup.objects.filter(project=project).order_by("pk")
        ],
    }


def _organisation(org) -> dict:
    return {
        "name": org.name,
        "name_en": org.name_en,
        "country": org.country_id,
        "country_name": org.country.name,
        "nuts_region": org.nuts_region.code if org.nuts_region else "",
        "type": org.get_type_display(),
        "sector": org.get_sector_display(),
        "size": org.get_size_display() if org.size else "",
        "nace_code": org.nace_code,
        "legal_status": org.legal_status.name if org.legal_status else "",
        "address": ", ".join(part for part in [org.address, org.postcode, org.city] if part),
        "vat": org.vat,
        "pic": org.pic,
        "website": org.website,
    }


def _partner(partner, contributions: list) -> dict:
    verbose = {f.name: str(f.verbose_name) for f in ProjectPartner._meta.fields}
    return {
        "id": partner.pk,
        "abbreviation": partner.abbreviation,
        "role_code": partner.role,
        "role": partner.get_role_display(),
        "organisation": _organisation(partner.organisation),
        "department": partner.department,
        "department_address": ", ".join(
            part for part in [partner.department_address, partner.department_postcode, partner.department_city] if part
        ),
        "department_nuts": partner.department_nuts.code if partner.department_nuts else "",
        "vat_recovery": partner.get_vat_recovery_display() if partner.vat_recovery else "",
        "legal_representative": partner.legal_representative,
        "contact_name": partner.contact_name,
        "contact_email": partner.contact_email,
        "contact_phone": partner.contact_phone,
        "experience": partner.experience,
        "role_in_project": partner.role_in_project,
        "withdrawn_from_period": partner.withdrawn_from_period,  # None: not withdrawn (reporting stops from it)
        "state_aid": [
            {"key": key, "question": verbose[key], "answer": _yes_no(getattr(partner, key))}
            for key in STATE_AID_QUESTIONS
        ],
        "state_aid_result": state_aid(partner).label,  # partnerships.state_aid: what applicants and assessors read
        "contributions": [
            {
                "kind": c.kind,
                "kind_label": _label(ContributionKind.choices, c.kind),
                "source": c.source,
                "amount": c.amount,
            }
            for c in contributions
        ],
    }


def _work_plan(project, abbreviations: dict[int, str]) -> list[dict]:
    # the participating partners as arrays of ids, aggregated in the same query as their work package or activity
    packages = list(
        WorkPackage.objects.filter(project=project)
        .annotate(partner_ids=ArrayAgg("partners", filter=Q(partners__isnull=False)))
        .order_by("number")
    )
    wp_partners = {wp.pk: wp.partner_ids or [] for wp in packages}
    activities: dict[int, list] = defaultdict(list)
    activity_partners: dict[int, list[int]] = {}
    for activity in (
        Activity.objects.filter(work_package__project=project)
        .annotate(partner_ids=ArrayAgg("partners", filter=Q(partners__isnull=False)))
        .order_by("work_package_id", "number")
    ):
        activities[activity.work_package_id].append(activity)
        activity_partners[activity.pk] = activity.partner_ids or []
    deliverables: dict[int, list] = defaultdict(list)
    for deliverable in Deliverable.objects.filter(activity__work_package__project=project).order_by(
        "activity_id", "number"
    ):
        deliverables[deliverable.activity_id].append(deliverable)
    outputs: dict[int, list] = defaultdict(list)
    for output in (
        ProjectOutput.objects.filter(work_package__project=project)
        .select_related("indicator")
        .order_by("work_package_id", "number")
    ):
        outputs[output.work_package_id].append(output)

    def named(ids) -> list[str]:
        return sorted((abbreviations[i] for i in ids if i in abbreviations), key=list(abbreviations.values()).index)

    return [
        {
            "number": wp.number,
            "title": wp.title,
            "objectives": wp.objectives,
            "responsible": abbreviations.get(wp.responsible_id, ""),
            "partners": named(wp_partners[wp.pk]),
            "start_period": wp.start_period,
            "end_period": wp.end_period,
            "activities": [
                {
                    "number": f"{wp.number}.{a.number}",
                    "title": a.title,
                    "description": a.description,
                    "start_period": a.start_period,
                    "end_period": a.end_period,
                    "partners": named(activity_partners[a.pk]),
                    "deliverables": [
                        {
                            "number": f"{wp.number}.{a.number}.{d.number}",
                            "title": d.title,
                            "description": d.description,
                            "period": d.period,
                        }
                        for d in deliverables[a.pk]
                    ],
                }
                for a in activities[wp.pk]
            ],
            "outputs": [
                {
                    "number": f"{wp.number}.{o.number}",
                    "title": o.title,
                    "description": o.description,
                    "indicator": _indicator(o.indicator),
                    "target_value": o.target_value,
                    "period": o.period,
                }
                for o in outputs[wp.pk]
            ],
        }
        for wp in packages
    ]


def _indicator(indicator) -> dict:
    return {"code": indicator.code, "name": indicator.name, "unit": indicator.unit}


def _results(project) -> list[dict]:
    return [
        {
            "number": r.number,
            "indicator": _indicator(r.indicator),
            "description": r.description,
            "baseline": r.baseline,
            "target_value": r.target_value,
            "period": r.period,
        }
        for r in ProjectResult.objects.filter(project=project).select_related("indicator").order_by("number")
    ]


def _funds(amounts: dict[str, Decimal], rates: dict[str, Decimal] | None = None) -> list[dict]:
    return [
        {"fund": fund, "label": _label(Fund.choices, fund), "rate": (rates or {}).get(fund), "amount": amount}
        for fund, amount in sorted(amounts.items())
    ]


def _budget(project, partners: list) -> dict:
    """The budget overview of partnerships.budget as plain rows: per partner category × period, and the project's."""
    overview = project_budget(project, partners=partners)
    length = project.call.reporting_period_months if project.call else 6
    labels = {p.number: p.short_label for p in reporting_periods(project.duration_months, length)}
    categories = [{"key": c, "label": _label(CostCategory.choices, c)} for c in overview.categories]
    periods = [{"number": n, "label": labels.get(n, str(n))} for n in overview.periods]
    rows = []
    for partner in overview.partners:
        budget = partner.computed_budget
        rows.append(
            {
                "id": partner.pk,
                "abbreviation": partner.abbreviation,
                "rows": [
                    {
                        "category": c["key"],
                        "label": c["label"],
                        "cells": [budget.cells.get((c["key"], n), Decimal("0.00")) for n in overview.periods],
                        "total": budget.by_category.get(c["key"], Decimal("0.00")),
                    }
                    for c in categories
                ],
                "by_period": [budget.by_period.get(n, Decimal("0.00")) for n in overview.periods],
                "preparation": budget.preparation,
                "total": budget.total,
                "funds": _funds(budget.by_fund, budget.fund_rates),
                "cofinancing_rate": budget.cofinancing_rate,
                "cofinancing": budget.cofinancing,
                "own_contribution": budget.own_contribution,
            }
        )
    return {
        "periods": periods,
        "categories": categories,
        "partners": rows,
        # the project's table: each cell the sum of the partners' cells (partnerships.budget.summed does the totals)
        "by_category": [
            {
                "category": c["key"],
                "label": c["label"],
                "cells": [sum((p["rows"][i]["cells"][j] for p in rows), Decimal("0.00")) for j in range(len(periods))],
                "total": overview.by_category[c["key"]],
            }
            for i, c in enumerate(categories)
        ],
        "by_period": [overview.by_period[n] for n in overview.periods],
        "funds": _funds(overview.by_fund),
        "preparation": overview.preparation,
        "total": overview.total,
        "cofinancing": overview.cofinancing,
        "own_contribution": overview.own_contribution,
    }


def application_answers(project) -> dict:
    """Every section of the application as plain values, in a constant number of queries (see the module)."""
    partners = list(
        project.partners.select_related(
            "organisation__country", "organisation__nuts_region", "organisation__legal_status", "department_nuts"
        ).order_by("order", "pk")
    )
    contributions: dict[int, list] = defaultdict(list)
    for contribution in PartnerContribution.objects.filter(partner__project=project).order_by(
        "partner_id", "kind", "pk"
    ):
        contributions[contribution.partner_id].append(contribution)
    abbreviations = {p.pk: p.abbreviation for p in partners}
    budget = _budget(project, partners)
    partner_rows = [_partner(p, contributions[p.pk]) for p in partners]
    budgets = {row["id"]: row for row in budget["partners"]}
    for row in partner_rows:
        row["budget"] = budgets.get(row["id"])  # None for associated partners: they have no budget
    return {
        "identification": _identification(project),
        "description": _description(project),
        "partners": partner_rows,
        "lead": next((p["abbreviation"] for p in partner_rows if p["role_code"] == PartnerRole.LEAD), ""),
        "work_packages": _work_plan(project, abbreviations),
        "results": _results(project),
        "budget": budget,
        "annexes": [
            {"title": a.title, "file_name": a.original_name, "size": a.size, "content_type": a.content_type}
            for a in project.annexes.order_by("pk")
        ],
    }
