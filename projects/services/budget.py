"""A partner's budget: the typed amounts per cost category × period, the co-financing per fund and the own
contribution's sources, saved in one transaction or not at all, under the section's optimistic lock.

Flat-rate categories are never taken from the caller: only the call's typed categories are stored, and the totals
(ProjectPartner.budget and .cofinancing_rate, denormalised for lists and the public index) come from
partnerships.budget, the one computation.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerships.budget import CostOptions, call_funds, partner_budget, project_periods
from partnerships.choices import ContributionKind, PartnerRole
from partnerships.models import PartnerBudgetLine, PartnerContribution, PartnerFund, ProjectPartner

from ..models import Project, SectionVersion
from ..permissions import partner_edit_refusal, require
from ..rules_budget import (
    cofinancing_total_problem,
    contribution_row_problem,
    contributions_problem,
    fund_rate_problem,
)
from ..search_index import search_index_refresh
from .versioning import update_if_current


def budget_section(partner: ProjectPartner) -> str:
    return f"budget-{partner.pk}"


def budget_version(partner: ProjectPartner) -> SectionVersion | None:
    """The lock row of the partner's budget; None until the first save (version 1)."""
    return (
        SectionVersion.objects.filter(project_id=partner.project_id, section=budget_section(partner))
        .select_related("changed_by")
        .first()
    )


@transaction.atomic
def partner_budget_save(
    *,
    partner: ProjectPartner,
    by,
    version: int,
    amounts: dict[tuple[str, int], Decimal],
    funds: dict[str, Decimal],
    contributions: list[tuple[str, str, Decimal]],
) -> int:
    """Replace the partner's budget if nobody saved it since `version`; returns the new version.

    `amounts` outside the call's typed categories or the project's periods are ignored (the flat-rate ones are
    computed); refusals name their field (amount_<category>_<period>, fund_<fund>, contribution_<n>_<part>)."""
    project = Project.objects.select_for_update(of=("self",)).select_related("call").get(pk=partner.project_id)
    partner = ProjectPartner.objects.select_for_update().get(pk=partner.pk)
    require(partner_edit_refusal(by, project, partner))
    if partner.role == PartnerRole.ASSOCIATED:
        raise ValidationError(_("Associated partners have no budget."))
    options = CostOptions.of(project.call)
    periods = project_periods(project)
    typed = {
        (category, number): Decimal(amount)
        for (category, number), amount in amounts.items()
        if category in options.typed and number in periods and amount
    }
    rates = {fund: Decimal(rate) for fund, rate in funds.items() if rate is not None}
    errors: dict[str, list[str]] = {}
    allowed = call_funds(project.call)
    for fund, rate in rates.items():
        if message := fund_rate_problem(fund, rate, allowed):
            errors.setdefault(f"fund_{fund}", []).append(message)
    if not errors and (message := cofinancing_total_problem(rates)):
        errors.setdefault(f"fund_{next(iter(rates))}", []).append(message)
    computed = partner_budget(
        partner_id=partner.pk,
        options=options,
        periods=periods,
        typed=typed,
        fund_rates={fund: rate for fund, rate in rates.items() if rate},
        is_lead=partner.role == PartnerRole.LEAD,
    )
    rows = []
    for n, (kind, source, amount) in enumerate(contributions):
        if not kind and not source.strip() and amount is None:
            continue  # an empty line of the form
        if message := contribution_row_problem(kind, source, amount):
            errors.setdefault(f"contribution_{n}_source" if kind else f"contribution_{n}_kind", []).append(message)
        elif kind not in ContributionKind.values:
            errors.setdefault(f"contribution_{n}_kind", []).append(_("Choose public, automatic public or private."))
        else:
            rows.append(PartnerContribution(partner=partner, kind=kind, source=source.strip(), amount=amount))
    if not errors:
        contributed = sum((row.amount for row in rows), Decimal(0))
        if message := contributions_problem(contributed, computed.own_contribution):
            errors["contribution_0_amount"] = [message]
    if errors:
        raise ValidationError(errors)
    lock, _created = SectionVersion.objects.get_or_create(project=project, section=budget_section(partner))
    new_version = update_if_current(
        SectionVersion,
        pk=lock.pk,
        version_field="version",
        version=version,
        values={"changed_by": by, "changed_at": timezone.now()},
    )
    PartnerBudgetLine.objects.filter(partner=partner).delete()
    PartnerBudgetLine.objects.bulk_create(
        [PartnerBudgetLine(partner=partner, category=c, period=n, amount=a) for (c, n), a in sorted(typed.items())]
    )
    PartnerFund.objects.filter(partner=partner).delete()
    PartnerFund.objects.bulk_create(
        [PartnerFund(partner=partner, fund=fund, rate=rate) for fund, rate in sorted(rates.items()) if rate]
    )
    PartnerContribution.objects.filter(partner=partner).delete()
    PartnerContribution.objects.bulk_create(rows)
    ProjectPartner.objects.filter(pk=partner.pk).update(
        budget=computed.total, cofinancing_rate=computed.cofinancing_rate, changed_by=by, changed_at=timezone.now()
    )
    search_index_refresh([project.pk])  # the stored total budget of the project
    return new_version
