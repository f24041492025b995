"""Money at a glance: budget → declared → certified → verified → paid, per project (by partner, cost category and
fund) and per programme (by partner country, cost category and fund), with the programme's absorption and the
amounts at risk of decommitment (N+3). Every amount comes from reporting_money and partnerships.budget; the
programme's figures are a few grouped queries, cached under the programme's money generation (money_cache)."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import DecimalField, ExpressionWrapper, F, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from interact_portal.core.charts import bar_chart
from interact_portal.core.formatting import format_money
from partnerships.budget import ZERO, CostOptions, project_budget
from partnerships.choices import PartnerRole
from partnerships.models import PartnerFund, ProjectPartner
from programmes.choices import CostCategory, Fund

from .models import PartnerReport, Payment
from .money_cache import cached_money
from .reporting_access import REPORTING_STATUSES
from .reporting_money import (
    STAGES,
    absorption,
    decommitment,
    line_sums,
    programme_stages,
    report_amounts,
    report_stages,
    split_by_fund,
    staged_amounts,
)
from .reporting_workflow import PartnerReportStatus, PaymentStatus
from .version_reporting import version_budget
from .versions import version_in_force

COLUMNS = ("budget", "declared", "certified", "verified", "paid")


@dataclass
class MoneyRow:
    label: str
    amounts: dict[str, Decimal | None] = field(default_factory=dict)  # column → amount (None: not applicable)

    def cells(self):
        return [self.amounts.get(c) for c in COLUMNS]


@dataclass
class MoneyTable:
    caption: str
    heading: str
    rows: list[MoneyRow]
    total: MoneyRow


def _table(caption: str, heading: str, keys, labels, figures: dict[str, dict], na=()) -> MoneyTable:
    rows = []
    for key in keys:
        rows.append(
            MoneyRow(
                labels.get(key, key) or "—",
                {c: (None if c in na else figures.get(c, {}).get(key, ZERO)) for c in COLUMNS},
            )
        )
    total = MoneyRow(
        _("Total"),
        {c: (None if c in na else sum((r.amounts[c] for r in rows), ZERO)) for c in COLUMNS},
    )
    return MoneyTable(caption, heading, rows, total)


def _add(target: dict, key, amount: Decimal) -> None:
    target[key] = target.get(key, ZERO) + amount


def stage_chart(title: str, total: MoneyRow):
    labels = {
        "budget": _("Budget"),
        "declared": _("Reported"),
        "certified": _("Certified"),
        "verified": _("Verified"),
        "paid": _("Paid"),
    }
    return bar_chart(
        title,
        [
            (labels[c], float(total.amounts[c]), format_money(total.amounts[c]))
            for c in COLUMNS
            if total.amounts[c] is not None
        ],
    )


CATEGORY_LABELS = {value: str(label) for value, label in CostCategory.choices}
FUND_LABELS = {value: str(label) for value, label in Fund.choices}


def project_money(project) -> dict:
    """A contracted project's money: a fixed number of queries whatever its partners and reports. The budget is the
    version in force's: while a modification is open the live tables are its draft, so it is read from the version
    (one query instead of the live budget's two); otherwise the live tables are the version in force."""
    version = version_in_force(project, on=timezone.localdate()) if project.modification_open else None
    budget = version_budget(version) if version is not None else project_budget(project)
    partners = budget.partners
    options = CostOptions.of(project.call)
    reports = list(
        PartnerReport.objects.filter(project=project)
        .exclude(status=PartnerReportStatus.DRAFT)
        .values_list("pk", "partner_id")
    )
    ids = [pk for pk, _p in reports]
    sums = line_sums(ids) if ids else {}
    stages = report_stages(ids) if ids else {}
    by_partner: dict[str, dict] = {c: {} for c in COLUMNS}
    by_category: dict[str, dict] = {c: {} for c in COLUMNS}
    by_fund: dict[str, dict] = {c: {} for c in COLUMNS}
    rates = {p.pk: p.computed_budget.fund_rates for p in partners}
    for partner in partners:
        _add(by_partner["budget"], partner.pk, partner.computed_budget.total)
        for fund, amount in partner.computed_budget.by_fund.items():
            _add(by_fund["budget"], fund, amount)
    for category, amount in budget.by_category.items():
        _add(by_category["budget"], category, amount)
    for report_id, partner_id in reports:
        amounts = report_amounts(sums[report_id], options)
        for stage, cells in staged_amounts(amounts, *stages[report_id]).items():
            total = sum(cells.values(), ZERO)
            _add(by_partner[stage], partner_id, total)
            for category, amount in cells.items():
                _add(by_category[stage], category, amount)
            for fund, amount in split_by_fund(total, rates.get(partner_id, {})).items():
                _add(by_fund[stage], fund, amount)
    paid = (
        Payment.objects.filter(claim__project=project, status=PaymentStatus.PAID)
        .values_list("partner_id", "fund")
        .annotate(amount=Sum("paid_amount"))
        .order_by()
    )
    for partner_id, fund, amount in paid:
        _add(by_partner["paid"], partner_id, amount or ZERO)
        _add(by_fund["paid"], fund, amount or ZERO)
    partner_labels = {p.pk: f"{p.abbreviation} ({p.organisation.name})" for p in partners}
    funds = sorted({f for column in by_fund.values() for f in column})
    tables = [
        _table(_("By partner"), _("Partner"), [p.pk for p in partners], partner_labels, by_partner),
        _table(
            _("By cost category"),
            _("Cost category"),
            budget.categories,
            CATEGORY_LABELS,
            by_category,
            na=("paid",),
        ),
        _table(_("By fund (co-financing)"), _("Fund"), funds, FUND_LABELS, by_fund),
    ]
    return {"tables": tables, "chart": stage_chart(_("Co-financing by stage (EUR)"), tables[2].total)}


EU_SHARE = ExpressionWrapper(
    F("partner__budget") * F("rate") / 100, output_field=DecimalField(max_digits=16, decimal_places=2)
)


def compute_programme_money(programme) -> dict:
    """The programme's figures as plain numbers (what is cached): eight grouped queries. A project with a
    modification open counts with its version in force (its live tables are the draft): its partners are left out
    of the live sums and its version's budget is added (one query for all such projects)."""
    projects = {"project__programme_id": programme.pk, "project__status__in": list(REPORTING_STATUSES)}
    partners = (
        ProjectPartner.objects.filter(**projects)
        .exclude(role=PartnerRole.ASSOCIATED)
        .exclude(project__modification_open=True)
    )
    budget_country = dict(partners.values_list("organisation__country__code").annotate(total=Sum("budget")).order_by())
    budget_fund = dict(
        PartnerFund.objects.filter(
            partner__project__programme_id=programme.pk,
            partner__project__status__in=list(REPORTING_STATUSES),
        )
        .exclude(partner__role=PartnerRole.ASSOCIATED)
        .exclude(partner__project__modification_open=True)
        .values_list("fund")
        .annotate(total=Sum(EU_SHARE))
        .order_by()
    )
    _add_open_versions(programme, budget_country, budget_fund)
    stages = programme_stages(programme.pk)
    paid_country: dict = {}
    paid_fund: dict = {}
    paid_by_year: dict[str, dict[int, Decimal]] = {}
    for fund, country, year, amount in (
        Payment.objects.filter(claim__project__programme_id=programme.pk, status=PaymentStatus.PAID)
        .values_list("fund", "partner__organisation__country__code", ExtractYear("paid_on"))
        .annotate(amount=Sum("paid_amount"))
        .order_by()
    ):
        amount = amount or ZERO
        _add(paid_country, country, amount)
        _add(paid_fund, fund, amount)
        if year is not None:
            _add(paid_by_year.setdefault(fund, {}), year, amount)
    allocated = dict(programme.funds.values_list("fund", "amount"))
    commitments = list(programme.commitments.values_list("fund", "year", "amount"))
    return {
        "budget_country": {k or "": v or ZERO for k, v in budget_country.items()},
        "budget_fund": {k: (v or ZERO).quantize(Decimal("0.01")) for k, v in budget_fund.items()},
        "stages": stages,
        "paid_country": paid_country,
        "paid_fund": paid_fund,
        "paid_by_year": paid_by_year,
        "allocated": allocated,
        "commitments": commitments,
    }


def _add_open_versions(programme, budget_country: dict, budget_fund: dict) -> None:
    """Add the budget of the version in force of each of the programme's projects with a modification open (one
    query), as the live sums count it: each partner's total by its country, and its total × rate / 100 by fund."""
    from .models import ApplicationVersion

    versions = (
        ApplicationVersion.objects.filter(
            project__programme_id=programme.pk,
            project__status__in=list(REPORTING_STATUSES),
            project__modification_open=True,
        )
        .order_by("project_id", "-number")  # the latest: the base of the open modification
        .distinct("project_id")
        .values_list("answers__partners", flat=True)
    )
    for partners in versions:
        for partner in partners or []:
            budget = partner.get("budget")
            if budget is None:  # an associated partner: no budget
                continue
            total = Decimal(str(budget["total"]))
            country = partner["organisation"]["country"]
            budget_country[country] = (budget_country.get(country) or ZERO) + total
            for fund in budget.get("funds", []):
                if fund.get("rate") is not None:
                    share = total * Decimal(str(fund["rate"])) / 100
                    budget_fund[fund["fund"]] = (budget_fund.get(fund["fund"]) or ZERO) + share


def programme_money(programme) -> dict:
    """The programme's overview page context, from the cached figures."""
    figures = cached_money(programme.pk, lambda: compute_programme_money(programme))
    stages = figures["stages"]
    by_country = {"budget": figures["budget_country"], "paid": figures["paid_country"]}
    by_country.update({s: stages["country"][s] for s in STAGES})
    countries = sorted(set().union(*(set(v) for v in by_country.values())))
    by_category = {s: stages["category"][s] for s in STAGES}
    categories = [c for c in CostCategory.values if any(c in by_category[s] for s in STAGES)]
    by_fund = {"budget": figures["budget_fund"], "paid": figures["paid_fund"]}
    by_fund.update({s: stages["fund"][s] for s in STAGES})
    funds = sorted(set().union(*(set(v) for v in by_fund.values())) | set(figures["allocated"]))
    tables = [
        _table(_("By partner country"), _("Country"), countries, {}, by_country),
        _table(
            _("By cost category"), _("Cost category"), categories, CATEGORY_LABELS, by_category, na=("budget", "paid")
        ),
        _table(_("By fund (EU and other co-financing)"), _("Fund"), funds, FUND_LABELS, by_fund),
    ]
    allocated = figures["allocated"]
    absorption_rows = [
        {
            "fund": FUND_LABELS.get(fund, fund),
            "allocated": allocated.get(fund, ZERO),
            "paid": figures["paid_fund"].get(fund, ZERO),
            "rate": absorption(figures["paid_fund"].get(fund, ZERO), allocated.get(fund, ZERO)),
        }
        for fund in funds
        if fund in allocated
    ]
    total_allocated = sum(allocated.values(), ZERO)
    total_paid = sum((figures["paid_fund"].get(f, ZERO) for f in allocated), ZERO)
    at_risk = decommitment(figures["commitments"], figures["paid_by_year"], timezone.localdate().year)
    return {
        "tables": tables,
        "chart": stage_chart(_("Co-financing by stage (EUR)"), tables[2].total),
        "absorption_chart": bar_chart(
            _("Absorption: paid against allocated (EUR)"),
            [
                row
                for item in absorption_rows
                for row in (
                    (
                        _("%(fund)s allocated") % {"fund": item["fund"]},
                        float(item["allocated"]),
                        format_money(item["allocated"]),
                    ),
                    (_("%(fund)s paid") % {"fund": item["fund"]}, float(item["paid"]), format_money(item["paid"])),
                )
            ],
        ),
        "absorption": absorption_rows,
        "absorption_total": {
            "allocated": total_allocated,
            "paid": total_paid,
            "rate": absorption(total_paid, total_allocated),
        },
        "at_risk": [{"row": r, "fund": FUND_LABELS.get(r.fund, r.fund)} for r in at_risk],
    }
