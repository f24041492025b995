"""The content of the demo applications (interact_portal.demo.application_texts): project description, partner
details, work plan, outputs and results against the common indicators, and budgets by cost category and period.

Idempotent like the rest of the demo seed (rows keyed by their natural keys). Budgets: only typed amounts are
stored; the totals written to ProjectPartner.budget and .cofinancing_rate are computed by partnerships.budget.
"""

from decimal import Decimal

from partnerships.budget import CostOptions, money, project_budget, project_periods
from partnerships.choices import ContributionKind, PartnerRole, Sector
from partnerships.models import Organisation, PartnerBudgetLine, PartnerContribution, PartnerFund, ProjectPartner
from programmes.choices import CostCategory, Fund
from programmes.models import Indicator, NutsRegion
from projects.models import (
    Activity,
    Deliverable,
    Project,
    ProjectDescription,
    ProjectObjective,
    ProjectOutput,
    ProjectResult,
    TargetGroup,
    WorkPackage,
)

from .application_texts import APPLICATIONS, ORGANISATION_DETAILS, PARTNER_PROFILES, SHARES_PUBLIC

ERDF_RATE = Decimal("80")
# countries whose state budget pays part of its partners' own contribution (automatic public co-financing)
NATIONAL_COFINANCING = {"HU": (Decimal("0.75"), "Hungarian state budget: national co-financing of Interreg partners")}
# the periods in which one-off purchases fall: equipment early, works in the middle of the project
ONE_OFF = {CostCategory.EQUIPMENT: lambda n: [min(2, n)], CostCategory.INFRASTRUCTURE: lambda n: [(n + 1) // 2]}


def application_contents_seed() -> None:
    """Every demo application's content, and a (possibly empty) description for every demo project."""
    for pic, (size, nace) in ORGANISATION_DETAILS.items():
        Organisation.objects.filter(pic=pic).update(size=size, nace_code=nace)
    for acronym, content in APPLICATIONS.items():
        project = Project.objects.select_related("call", "programme").filter(acronym=acronym).first()
        if project is not None:
            application_content_seed(project, content)
    missing = Project.objects.filter(description__isnull=True)
    ProjectDescription.objects.bulk_create([ProjectDescription(project=project) for project in missing])


def application_content_seed(project: Project, content: dict) -> None:
    partners = {p.organisation.pic: p for p in project.partners.select_related("organisation")}
    _description(project, content)
    _partner_details(partners, content["roles"])
    _work_plan(project, partners, content)
    budgets = {partners[pic]: target for pic, target in content["budgets"].items()}
    budget_seed(project, budgets)


def _description(project: Project, content: dict) -> None:
    ProjectDescription.objects.update_or_create(project=project, defaults=content["description"])
    for number, (title, description) in enumerate(content["objectives"], start=1):
        ProjectObjective.objects.update_or_create(
            project=project, number=number, defaults={"title": title, "description": description}
        )
    for group, description, value in content["target_groups"]:
        TargetGroup.objects.update_or_create(
            project=project, group=group, defaults={"description": description, "target_value": value}
        )


def _partner_details(partners: dict[str, ProjectPartner], roles: dict[str, str]) -> None:
    for pic, partner in partners.items():
        profile = PARTNER_PROFILES.get(pic)
        if profile is None:
            continue
        economic, advantage, trade, other = profile["state_aid"]
        fields = {k: v for k, v in profile.items() if k not in ("nuts", "state_aid")}
        ProjectPartner.objects.filter(pk=partner.pk).update(
            **fields,
            department_nuts=NutsRegion.objects.filter(code=profile["nuts"]).first() if profile["nuts"] else None,
            role_in_project=roles.get(pic, ""),
            state_aid_economic_activity=economic,
            state_aid_selective_advantage=advantage,
            state_aid_trade_effect=trade,
            state_aid_other_public_funding=other,
        )


def _work_plan(project: Project, partners: dict[str, ProjectPartner], content: dict) -> None:
    indicators = {i.code: i for i in Indicator.objects.filter(programme_id=project.programme_id)}
    for number, spec in enumerate(content["work_packages"], start=1):
        start, end = spec["periods"]
        package, _ = WorkPackage.objects.update_or_create(
            project=project,
            number=number,
            defaults={
                "title": spec["title"],
                "objectives": spec["objectives"],
                "responsible": partners[spec["responsible"]],
                "start_period": start,
                "end_period": end,
            },
        )
        package.partners.set([partners[pic] for pic in spec["partners"]])
        for a, (title, description, (a_start, a_end), involved, deliverables) in enumerate(spec["activities"], 1):
            activity, _ = Activity.objects.update_or_create(
                work_package=package,
                number=a,
                defaults={"title": title, "description": description, "start_period": a_start, "end_period": a_end},
            )
            activity.partners.set([partners[pic] for pic in involved])
            for d, (d_title, d_description, period) in enumerate(deliverables, 1):
                Deliverable.objects.update_or_create(
                    activity=activity,
                    number=d,
                    defaults={"title": d_title, "description": d_description, "period": period},
                )
        for o, (code, title, description, target, period) in enumerate(spec["outputs"], 1):
            ProjectOutput.objects.update_or_create(
                work_package=package,
                number=o,
                defaults={
                    "indicator": indicators[code],
                    "title": title,
                    "description": description,
                    "target_value": Decimal(target),
                    "period": period,
                },
            )
    for number, (code, description, baseline, target, period) in enumerate(content["results"], 1):
        ProjectResult.objects.update_or_create(
            project=project,
            number=number,
            defaults={
                "indicator": indicators[code],
                "description": description,
                "baseline": Decimal(baseline),
                "target_value": Decimal(target),
                "period": period,
            },
        )


def budget_lines(*, options: CostOptions, periods: list[int], target: int, shares: dict[str, int]) -> dict:
    """Typed amounts (whole hundreds of euros) by (category, period) for a budget of about `target` euros: the
    call's typed categories only, spread over the periods (lighter at the start and the end), one-off purchases in
    one period. The exact total is what partnerships.budget computes from them, flat rates included."""
    typed = {c: share for c, share in shares.items() if c in options.typed}
    flat_share = (
        sum(rate for c, rate in options.flat.items() if c != CostCategory.STAFF)
        / 100
        * typed.get(CostCategory.STAFF, 0)
    )
    scale = Decimal(target) / (sum(typed.values()) + Decimal(flat_share))
    n = len(periods)
    ramp = {p: Decimal(6 if i == 0 else 8 if i == n - 1 and n > 1 else 10) for i, p in enumerate(periods)}
    lines = {}
    for category, share in typed.items():
        chosen = [periods[i - 1] for i in ONE_OFF[category](n)] if category in ONE_OFF else periods
        weight = sum(ramp[p] for p in chosen)
        for period in chosen:
            lines[(category, period)] = money(round(scale * share * ramp[period] / weight, -2))
    return lines


def budget_seed(project: Project, targets: dict[ProjectPartner, tuple[int, dict]]) -> None:
    """Typed lines, the ERDF rate and the own contributions of each partner; then the denormalised totals."""
    options, periods = CostOptions.of(project.call), project_periods(project)
    for partner, (target, shares) in targets.items():
        lines = budget_lines(options=options, periods=periods, target=target, shares=shares)
        PartnerBudgetLine.objects.filter(partner=partner).exclude(
            pk__in=[pk for pk, c, p in partner.budget_lines.values_list("pk", "category", "period") if (c, p) in lines]
        ).delete()
        PartnerBudgetLine.objects.bulk_create(
            [PartnerBudgetLine(partner=partner, category=c, period=p, amount=a) for (c, p), a in lines.items()],
            update_conflicts=True,
            unique_fields=["partner", "category", "period"],
            update_fields=["amount"],
        )
        PartnerFund.objects.update_or_create(partner=partner, fund=Fund.ERDF, defaults={"rate": ERDF_RATE})
        PartnerFund.objects.filter(partner=partner).exclude(fund=Fund.ERDF).delete()
    overview = project_budget(project)
    for partner in overview.partners:
        computed = partner.computed_budget
        _contributions(partner, computed.own_contribution)
        ProjectPartner.objects.filter(pk=partner.pk).update(
            budget=computed.total, cofinancing_rate=computed.cofinancing_rate
        )


def _contributions(partner: ProjectPartner, own: Decimal) -> None:
    """The own contribution split by source: the organisation's own budget (public or private), and the state's
    automatic co-financing where a country pays one."""
    organisation = partner.organisation
    parts = []
    if organisation.sector == Sector.PRIVATE:
        parts.append((ContributionKind.PRIVATE, f"Own resources of {organisation.name}", own))
    else:
        share, source = NATIONAL_COFINANCING.get(organisation.country_id, (Decimal(0), ""))
        automatic = money(own * share)
        if automatic:
            parts.append((ContributionKind.AUTOMATIC_PUBLIC, source, automatic))
        parts.append((ContributionKind.PUBLIC, f"Budget of {organisation.name}", own - automatic))
    kept = []
    for kind, source, amount in parts:
        row, _ = PartnerContribution.objects.update_or_create(
            partner=partner, kind=kind, source=source, defaults={"amount": amount}
        )
        kept.append(row.pk)
    PartnerContribution.objects.filter(partner=partner).exclude(pk__in=kept).delete()


def decided_budget_seed(project: Project) -> None:
    """A budget by category and period for an application the demo submits: the figure its partners typed."""
    project.refresh_from_db()  # its duration, saved by the identification service
    partners = project.partners.select_related("organisation").exclude(role=PartnerRole.ASSOCIATED)
    budget_seed(project, {p: (int(p.budget), SHARES_PUBLIC) for p in partners})
