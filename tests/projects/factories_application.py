"""A full application, every section filled in with rows made directly (the editing pages are built elsewhere):
description, objectives, target groups, work packages with activities, deliverables and outputs, results, budget
lines per category and period, funds and own contributions. Built on the `ready` fixture of tests/projects.

The call offers office costs at a 15 % flat rate and a preparation lump sum of 5,000 EUR, 6-month periods; the
project lasts 30 months (5 periods). Each budgeted partner types, in every period, staff 10,000, travel 1,000 and
external expertise 2,000 EUR: office costs are 1,500 per period; a partner's total is 5 × 14,500 = 72,500 EUR,
plus the lump sum for the lead. ERDF pays 80 %."""

from decimal import Decimal

from partnerships.choices import ContributionKind, OrganisationType, PartnerRole
from partnerships.models import PartnerBudgetLine, PartnerContribution, PartnerFund
from programmes.choices import CostCategory, Fund, IndicatorKind
from programmes.models import CallFund, Indicator
from projects.models import (
    Activity,
    Deliverable,
    Effect,
    ProjectDescription,
    ProjectObjective,
    ProjectOutput,
    ProjectResult,
    TargetGroup,
    WorkPackage,
)
from tests.factories import OrganisationFactory, ProjectPartnerFactory

PER_PERIOD = {
    CostCategory.STAFF: Decimal(10000),
    CostCategory.TRAVEL: Decimal(1000),
    CostCategory.EXTERNAL: Decimal(2000),
}
LUMP_SUM = Decimal(5000)
ERDF_RATE = Decimal(80)


def call_with_cost_options(call) -> None:
    call.office_flat_rate = Decimal(15)
    call.preparation_lump_sum = LUMP_SUM
    call.reporting_period_months = 6
    call.save()
    CallFund.objects.get_or_create(call=call, fund=Fund.ERDF, defaults={"max_rate": ERDF_RATE})


def indicators(programme) -> tuple[Indicator, Indicator]:
    output, _ = Indicator.objects.get_or_create(
        programme=programme,
        code="RCO 84",
        defaults={
            "name": "Pilot actions developed jointly and implemented",
            "unit": "pilot actions",
            "kind": IndicatorKind.OUTPUT,
        },
    )
    result, _ = Indicator.objects.get_or_create(
        programme=programme,
        code="RCR 104",
        defaults={
            "name": "Solutions taken up or up-scaled by organisations",
            "unit": "solutions",
            "kind": IndicatorKind.RESULT,
        },
    )
    return output, result


def partner_budget(partner, periods: int) -> None:
    for model in (PartnerBudgetLine, PartnerFund, PartnerContribution):  # replaces the complete fixture's budget
        model.objects.filter(partner=partner).delete()
    PartnerBudgetLine.objects.bulk_create(
        PartnerBudgetLine(partner=partner, category=category, period=n, amount=amount)
        for n in range(1, periods + 1)
        for category, amount in PER_PERIOD.items()
    )
    PartnerFund.objects.create(partner=partner, fund=Fund.ERDF, rate=ERDF_RATE)
    PartnerContribution.objects.create(
        partner=partner, kind=ContributionKind.PUBLIC, source=f"Budget of {partner.abbreviation}", amount=Decimal(10000)
    )
    # the rest of the own contribution, so the lines add up to it (a checklist rule since issue 17 item 6)
    from partnerships.budget import stored_partner_budget
    from partnerships.models import ProjectPartner

    own = stored_partner_budget(ProjectPartner.objects.select_related("project__call").get(pk=partner.pk))
    if own.own_contribution > Decimal(10000):
        PartnerContribution.objects.create(
            partner=partner,
            kind=ContributionKind.PUBLIC,
            source="Regional co-financing",
            amount=own.own_contribution - Decimal(10000),
        )


def full_application(ready, *, extra_partners: int = 0, work_packages: int = 2):
    """Fill in every section of `ready.project`; returns the project."""
    project = ready.project
    # `ready` comes with a description's rows, a work plan and indicators of its own: these replace them
    WorkPackage.objects.filter(project=project).delete()
    ProjectResult.objects.filter(project=project).delete()
    ProjectObjective.objects.filter(project=project).delete()
    TargetGroup.objects.filter(project=project).delete()
    Indicator.objects.filter(programme=ready.programme).delete()
    call_with_cost_options(ready.call)
    output_indicator, result_indicator = indicators(ready.programme)
    for indicator in (output_indicator, result_indicator):  # open to the project's specific objective
        indicator.objectives.add(ready.objective)
    ProjectDescription.objects.update_or_create(
        project=project,
        defaults={
            "context": "Air pollution crosses the border along the Danube.",
            "overall_objective": "Cleaner air in the twin cities.",
            "durability": "The sensors stay with the cities.",
            "transferability": "Other Danube cities can copy the network.",
            "communication": "A public dashboard and yearly conferences.",
            "sustainable_development": Effect.POSITIVE,
            "sustainable_development_justification": "Less pollution.",
            "equal_opportunities": Effect.NEUTRAL,
            "equal_opportunities_justification": "Open data for everyone.",
            "gender_equality": Effect.NEUTRAL,
            "gender_equality_justification": "Mixed teams.",
        },
    )
    ProjectObjective.objects.create(project=project, number=1, title="Measure air quality jointly")
    ProjectObjective.objects.create(project=project, number=2, title="Reduce traffic emissions")
    TargetGroup.objects.create(project=project, group=OrganisationType.LOCAL_AUTHORITY, target_value=12)
    TargetGroup.objects.create(project=project, group=OrganisationType.INTEREST_GROUP, target_value=30)
    partners = [ready.lead, ready.partner]
    for n in range(extra_partners):
        partners.append(
            ProjectPartnerFactory(
                project=project,
                organisation=OrganisationFactory(country=ready.slovakia),
                abbreviation=f"PP{n + 3}",
                role=PartnerRole.PARTNER,
                contact_name=f"Contact {n}",
                contact_email=f"contact{n}@example.org",
                order=n + 3,
            )
        )
    periods = 5  # 30 months of 6
    for partner in partners:
        partner_budget(partner, periods)
    for w in range(1, work_packages + 1):
        wp = WorkPackage.objects.create(
            project=project,
            number=w,
            title="Joint air-quality monitoring" if w == 1 else f"Work package {w}",
            objectives="Measure and compare.",
            responsible=partners[(w - 1) % len(partners)],
            start_period=1,
            end_period=periods,
        )
        wp.partners.set(partners)
        for a in (1, 2):
            activity = Activity.objects.create(
                work_package=wp,
                number=a,
                title="Install sensor network" if (w, a) == (1, 1) else f"Activity {w}.{a}",
                start_period=1,
                end_period=periods,
            )
            activity.partners.set(partners[:2])
            Deliverable.objects.create(
                activity=activity,
                number=1,
                title="Sensor map" if (w, a) == (1, 1) else f"Deliverable {w}.{a}.1",
                period=2,
            )
        ProjectOutput.objects.create(
            work_package=wp,
            number=1,
            indicator=output_indicator,
            title="Pilot monitoring network" if w == 1 else f"Output {w}.1",
            target_value=Decimal(2),
            period=periods,
        )
    ProjectResult.objects.create(
        project=project,
        number=1,
        indicator=result_indicator,
        description="Cities adopt the network.",
        baseline=Decimal(0),
        target_value=Decimal(4),
        period=periods,
    )
    return project
