"""The one place reported money is computed: a line in euro, a partner report's amounts per cost category (declared,
certified after control, verified by the joint secretariat) with the call's flat rates computed on them, the
financial overview against the budget, and the split per fund that becomes a claim and its payments.

Every page, the certificate PDF, the project report, the claim, the payments, the exports and the money overview
read these functions, so the sums agree everywhere: lines = overview = certificate = project report = claim.
Flat-rate categories are never typed as lines: they are computed per report from the typed amounts (declared,
certified or verified, each in turn), with partnerships.budget's rule, rounded half-up to the cent.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum

from partnerships.budget import HUNDRED, ZERO, CostOptions, _flat_cells, money

from .models import ExpenditureLine, LineControl

RATE_PLACES = Decimal("0.000001")


def line_eur(amount: Decimal, currency: str, rate: Decimal) -> Decimal:
    """A line's amount in euro: the amount divided by the rate (units of the currency per euro, as the ECB
    publishes it), half-up to the cent. A line in euro has the rate 1."""
    if currency.upper() == "EUR":
        return money(amount)
    return money(Decimal(amount) / Decimal(rate).quantize(RATE_PLACES, ROUND_HALF_UP))


@dataclass(frozen=True)
class LineSums:
    """The lines of one report summed per (category, control): euro amount, control and verification deductions."""

    rows: tuple[tuple[str, str, Decimal, Decimal, Decimal], ...]  # category, control, eur, deducted, verif_deducted

    def typed(self, stage: str) -> dict[str, Decimal]:
        """Typed amounts per category at a stage: "declared" (every line), "certified" (after control: parked and
        uncontrolled lines count nothing, deductions are taken off), "verified" (also the verification's)."""
        out: dict[str, Decimal] = defaultdict(lambda: ZERO)
        for category, control, eur, deducted, verif in self.rows:
            if stage == "declared":
                out[category] += eur
            elif control in (LineControl.CERTIFIED, LineControl.DEDUCTED):
                out[category] += eur - deducted - (verif if stage == "verified" else ZERO)
        return dict(out)

    @property
    def parked(self) -> Decimal:
        return sum((eur for _c, control, eur, _d, _v in self.rows if control == LineControl.PARKED), ZERO)

    @property
    def deducted(self) -> Decimal:
        return sum((d for _c, _k, _e, d, _v in self.rows), ZERO)

    @property
    def verification_deducted(self) -> Decimal:
        return sum((v for _c, _k, _e, _d, v in self.rows), ZERO)


def line_sums(report_ids) -> dict[int, LineSums]:
    """The line sums of several reports in one query."""
    grouped: dict[int, list] = defaultdict(list)
    rows = (
        ExpenditureLine.objects.filter(report_id__in=list(report_ids))
        .values_list("report_id", "category", "control")
        .annotate(eur=Sum("amount_eur"), deducted=Sum("deducted"), verif=Sum("verification_deducted"))
        .order_by()
    )
    for report_id, category, control, eur, deducted, verif in rows:
        grouped[report_id].append((category, control, eur, deducted, verif))
    return {report_id: LineSums(tuple(grouped.get(report_id, ()))) for report_id in report_ids}


def with_flat_rates(typed: dict[str, Decimal], options: CostOptions) -> dict[str, Decimal]:
    """Every category of the report: the typed amounts and the flat-rate amounts computed from them."""
    cells = {c: money(typed.get(c, ZERO)) for c in options.typed}
    cells.update(_flat_cells(cells, options))
    return {c: cells.get(c, ZERO) for c in options.shown}


@dataclass
class ReportAmounts:
    """A partner report's amounts per category at each stage, and their totals."""

    categories: list[str]
    declared: dict[str, Decimal]
    certified: dict[str, Decimal]
    verified: dict[str, Decimal]
    parked: Decimal
    deducted: Decimal
    verification_deducted: Decimal

    @property
    def total_declared(self) -> Decimal:
        return sum(self.declared.values(), ZERO)

    @property
    def total_certified(self) -> Decimal:
        return sum(self.certified.values(), ZERO)

    @property
    def total_verified(self) -> Decimal:
        return sum(self.verified.values(), ZERO)


def report_amounts(sums: LineSums, options: CostOptions) -> ReportAmounts:
    return ReportAmounts(
        categories=options.shown,
        declared=with_flat_rates(sums.typed("declared"), options),
        certified=with_flat_rates(sums.typed("certified"), options),
        verified=with_flat_rates(sums.typed("verified"), options),
        parked=sums.parked,
        deducted=sums.deducted,
        verification_deducted=sums.verification_deducted,
    )


def amounts_of(report) -> ReportAmounts:
    """One partner report's amounts (one query, plus the call if not loaded)."""
    return report_amounts(line_sums([report.pk])[report.pk], CostOptions.of(report.project.call))


@dataclass
class OverviewRow:
    category: str
    budget: Decimal
    before: Decimal  # declared in the partner's earlier reports (parked lines count where they are declared again)
    this_report: Decimal
    remaining: Decimal = field(init=False)

    def __post_init__(self):
        self.remaining = self.budget - self.before - self.this_report


def financial_overview(report, budget_by_category: dict[str, Decimal]) -> list[OverviewRow]:
    """Budget, reported before, this report and remaining per category, and a total row (category "total").
    `budget_by_category` is the partner's budget (partnerships.budget.stored_partner_budget(...).by_category)."""
    from .models import PartnerReport

    options = CostOptions.of(report.project.call)
    earlier = list(
        PartnerReport.objects.filter(partner_id=report.partner_id, number__lt=report.number).values_list(
            "pk", flat=True
        )
    )
    sums = line_sums([*earlier, report.pk])
    before: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for report_id in earlier:
        counted = LineSums(tuple(row for row in sums[report_id].rows if row[1] != LineControl.PARKED))
        for category, amount in with_flat_rates(counted.typed("declared"), options).items():
            before[category] += amount
    this = with_flat_rates(sums[report.pk].typed("declared"), options)
    rows = [OverviewRow(c, budget_by_category.get(c, ZERO), before[c], this.get(c, ZERO)) for c in options.shown]
    total = OverviewRow(
        "total",
        sum((r.budget for r in rows), ZERO),
        sum((r.before for r in rows), ZERO),
        sum((r.this_report for r in rows), ZERO),
    )
    return [*rows, total]


def split_by_fund(amount: Decimal, fund_rates: dict[str, Decimal]) -> dict[str, Decimal]:
    """The EU (and other fund) share of an eligible amount: the partner's rate per fund, half-up to the cent."""
    return {fund: money(amount * rate / HUNDRED) for fund, rate in sorted(fund_rates.items())}


# --- project reports, claims and payments (helper D) ---------------------------------------------------------------


@dataclass
class ClaimAmounts:
    """The certified partner reports of a project report at one stage ("certified" or "verified"): each report's
    amounts, the sum per partner, each partner's share per fund (`split_by_fund` of the partner's sum with its
    PartnerFund rates), and the totals. Project report = claim = the payments due, from this one computation."""

    by_report: dict[int, ReportAmounts]
    by_partner: dict[int, Decimal]
    by_partner_fund: dict[tuple[int, str], Decimal]
    total: Decimal
    by_fund: dict[str, Decimal]

    def total_of(self, report_id: int, stage: str) -> Decimal:
        amounts = self.by_report[report_id]
        return amounts.total_verified if stage == "verified" else amounts.total_certified


def claim_amounts(reports, call, *, stage: str = "certified") -> ClaimAmounts:
    """`reports`: (partner report id, partner id) pairs. Two queries whatever their number (line sums, fund rates)."""
    from partnerships.budget import stored

    reports = list(reports)
    options = CostOptions.of(call)
    sums = line_sums([report_id for report_id, _partner in reports])
    rates = stored(sorted({partner for _r, partner in reports}), call).rates if reports else {}
    by_report = {report_id: report_amounts(sums[report_id], options) for report_id, _partner in reports}
    by_partner: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for report_id, partner_id in reports:
        amounts = by_report[report_id]
        by_partner[partner_id] += amounts.total_verified if stage == "verified" else amounts.total_certified
    by_partner_fund: dict[tuple[int, str], Decimal] = {}
    by_fund: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for partner_id, amount in sorted(by_partner.items()):
        for fund, share in split_by_fund(amount, rates.get(partner_id, {})).items():
            by_partner_fund[(partner_id, fund)] = share
            by_fund[fund] += share
    return ClaimAmounts(
        by_report=by_report,
        by_partner=dict(by_partner),
        by_partner_fund=by_partner_fund,
        total=sum(by_partner.values(), ZERO),
        by_fund=dict(by_fund),
    )
