"""The one place partner and project budgets are computed: typed amounts per cost category × period, flat rates
from the call's simplified cost options, co-financing per fund and the own contribution.

Used by the budget forms, the checklist, the snapshot, the PDF, the reports and the staff pages alike. Flat-rate
amounts are computed here from typed amounts, never read from the browser or stored. Money is Decimal with two
places; each computed cell is rounded half-up per period, and totals add the rounded cells (so every table adds up).

The simplified cost options (Regulation (EU) 2021/1059 arts. 39–41, 2021/1060 art. 56):
- staff costs at up to 20 % of the other direct costs (external expertise, equipment, infrastructure, and travel
  when travel is typed);
- office and administration at up to 15 % of staff costs; travel and accommodation at up to 15 % of staff costs;
- every cost other than staff at up to 40 % of staff costs ("other costs"), which excludes the three above;
- a preparation lump sum, in the lead partner's budget, in period 0.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from programmes.choices import CostCategory
from programmes.periods import PREPARATION, reporting_periods

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
HUNDRED = Decimal(100)
PREPARATION_CATEGORY = "preparation"  # the lump sum's row; not a cost category one can type


def money(value) -> Decimal:
    return Decimal(value).quantize(CENT, ROUND_HALF_UP)


@dataclass(frozen=True)
class CostOptions:
    """What a call allows: the categories applicants type and the flat rates computed from them."""

    categories: tuple[str, ...]
    office_rate: Decimal | None = None
    travel_rate: Decimal | None = None
    staff_rate: Decimal | None = None
    other_rate: Decimal | None = None
    preparation_lump_sum: Decimal | None = None

    @classmethod
    def of(cls, call) -> "CostOptions":
        if call is None:
            return cls(categories=tuple(c for c in CostCategory.values if c != CostCategory.OTHER))
        return cls(
            categories=tuple(call.cost_categories),
            office_rate=call.office_flat_rate,
            travel_rate=call.travel_flat_rate,
            staff_rate=call.staff_flat_rate,
            other_rate=call.other_costs_flat_rate,
            preparation_lump_sum=call.preparation_lump_sum,
        )

    @property
    def flat(self) -> dict[str, Decimal]:
        """The computed categories and their rates; "other costs" replaces every flat rate but staff's own."""
        if self.other_rate is not None:
            return {CostCategory.OTHER: self.other_rate}
        rates = {
            CostCategory.STAFF: self.staff_rate,
            CostCategory.OFFICE: self.office_rate,
            CostCategory.TRAVEL: self.travel_rate,
        }
        return {category: rate for category, rate in rates.items() if rate is not None}

    @property
    def typed(self) -> list[str]:
        """The categories applicants type amounts into, in the regulation's order."""
        flat = self.flat
        if self.other_rate is not None:
            return [CostCategory.STAFF]
        return [c for c in CostCategory.values if c in self.categories and c not in flat and c != CostCategory.OTHER]

    @property
    def shown(self) -> list[str]:
        """Every category of the budget table: typed ones and computed ones, in the regulation's order."""
        flat = self.flat
        return [c for c in CostCategory.values if c in flat or c in self.typed]


def _flat_cells(typed: dict[str, Decimal], options: CostOptions) -> dict[str, Decimal]:
    """The computed categories of one period from its typed amounts (each rounded to the cent)."""
    flat = options.flat
    computed: dict[str, Decimal] = {}
    if CostCategory.OTHER in flat:
        computed[CostCategory.OTHER] = money(typed.get(CostCategory.STAFF, ZERO) * flat[CostCategory.OTHER] / HUNDRED)
        return computed
    if CostCategory.STAFF in flat:
        base_categories = [CostCategory.EXTERNAL, CostCategory.EQUIPMENT, CostCategory.INFRASTRUCTURE]
        if CostCategory.TRAVEL not in flat:
            base_categories.append(CostCategory.TRAVEL)
        base = sum((typed.get(c, ZERO) for c in base_categories), ZERO)
        computed[CostCategory.STAFF] = money(base * flat[CostCategory.STAFF] / HUNDRED)
    staff = computed.get(CostCategory.STAFF, typed.get(CostCategory.STAFF, ZERO))
    for category in (CostCategory.OFFICE, CostCategory.TRAVEL):
        if category in flat:
            computed[category] = money(staff * flat[category] / HUNDRED)
    return computed


@dataclass
class PartnerBudget:
    partner_id: int
    periods: list[int]
    categories: list[str]
    cells: dict[tuple[str, int], Decimal]  # (category, period) → amount, typed and computed
    preparation: Decimal
    fund_rates: dict[str, Decimal]
    by_category: dict[str, Decimal] = field(default_factory=dict)
    by_period: dict[int, Decimal] = field(default_factory=dict)
    total: Decimal = ZERO
    by_fund: dict[str, Decimal] = field(default_factory=dict)
    cofinancing: Decimal = ZERO
    own_contribution: Decimal = ZERO
    contributed: Decimal = ZERO  # the own contribution's lines (public, automatic public, private), as stored
    call_funds: dict[str, Decimal] = field(default_factory=dict)

    @property
    def cofinancing_rate(self) -> Decimal:
        return sum(self.fund_rates.values(), Decimal(0))


def partner_budget(
    *,
    partner_id: int,
    options: CostOptions,
    periods: list[int],
    typed: dict[tuple[str, int], Decimal],
    fund_rates: dict[str, Decimal],
    is_lead: bool,
) -> PartnerBudget:
    """A partner's whole budget from its typed amounts: typed amounts of categories the call does not allow (or
    computes) and of periods beyond the duration are left out, as the checklist says."""
    allowed = set(options.typed)
    cells: dict[tuple[str, int], Decimal] = {}
    for number in periods:
        period_typed = {c: money(typed.get((c, number), ZERO)) for c in allowed}
        for category, amount in period_typed.items():
            cells[(category, number)] = amount
        for category, amount in _flat_cells(period_typed, options).items():
            cells[(category, number)] = amount
    preparation = money(options.preparation_lump_sum or ZERO) if is_lead else ZERO
    result = PartnerBudget(
        partner_id=partner_id,
        periods=list(periods),
        categories=options.shown,
        cells=cells,
        preparation=preparation,
        fund_rates=dict(fund_rates),
    )
    result.by_category = {c: sum((cells.get((c, n), ZERO) for n in periods), ZERO) for c in options.shown}
    result.by_period = {n: sum((cells.get((c, n), ZERO) for c in options.shown), ZERO) for n in periods}
    result.total = sum(result.by_period.values(), ZERO) + preparation
    result.by_fund = {fund: money(result.total * rate / HUNDRED) for fund, rate in fund_rates.items()}
    result.cofinancing = sum(result.by_fund.values(), ZERO)
    result.own_contribution = result.total - result.cofinancing
    return result


@dataclass
class ProjectBudget:
    periods: list[int]
    categories: list[str]
    partners: list  # ProjectPartner, in order, each with `.computed_budget` (a PartnerBudget)
    by_category: dict[str, Decimal]
    by_period: dict[int, Decimal]
    by_fund: dict[str, Decimal]
    preparation: Decimal
    total: Decimal
    cofinancing: Decimal
    own_contribution: Decimal
    call_funds: dict[str, Decimal] = field(default_factory=dict)  # the call's funds and their maximum rates

    def partner(self, partner_id: int) -> PartnerBudget:
        return next(p.computed_budget for p in self.partners if p.pk == partner_id)


def project_periods(project) -> list[int]:
    call = project.call
    length = call.reporting_period_months if call is not None else 6
    return [period.number for period in reporting_periods(project.duration_months, length)]


_STORED = """
SELECT 'line', partner_id, category, period, amount FROM partnerships_partnerbudgetline WHERE partner_id = ANY(%s)
UNION ALL SELECT 'fund', partner_id, fund, 0, rate FROM partnerships_partnerfund WHERE partner_id = ANY(%s)
UNION ALL SELECT 'own', partner_id, kind, 0, amount FROM partnerships_partnercontribution WHERE partner_id = ANY(%s)
UNION ALL SELECT 'call', 0, fund, 0, max_rate FROM programmes_callfund WHERE call_id = %s
"""


@dataclass
class Stored:
    """What is stored of some partners' budgets, read in one query: typed lines, fund rates, the own contribution's
    lines summed per partner, and the call's funds with their maximum rates."""

    typed: dict[int, dict[tuple[str, int], Decimal]]
    rates: dict[int, dict[str, Decimal]]
    contributed: dict[int, Decimal]
    call_funds: dict[str, Decimal]


def stored(partner_ids: list[int], call) -> Stored:
    from django.db import connection

    typed: dict[int, dict[tuple[str, int], Decimal]] = defaultdict(dict)
    rates: dict[int, dict[str, Decimal]] = defaultdict(dict)
    contributed: dict[int, Decimal] = defaultdict(lambda: ZERO)
    funds: dict[str, Decimal] = {}
    with connection.cursor() as cursor:
        ids = list(partner_ids)
        cursor.execute(_STORED, [ids, ids, ids, call.pk if call is not None else None])
        for kind, partner_id, key, number, amount in cursor.fetchall():
            if kind == "line":
                typed[partner_id][(key, number)] = amount
            elif kind == "fund":
                rates[partner_id][key] = amount
            elif kind == "own":
                contributed[partner_id] += amount
            else:
                funds[key] = amount
    if call is not None and not funds:  # as migration programmes 0006 gave the calls that existed before
        funds = {"erdf": call.max_cofinancing_rate}
    return Stored(typed=typed, rates=rates, contributed=contributed, call_funds=funds)


def call_funds(call) -> dict[str, Decimal]:
    """The funds a call co-finances from, each with its maximum rate. A call without a fund set up pays from the
    ERDF at the call's maximum rate."""
    return stored([], call).call_funds if call is not None else {}


def stored_partner_budget(partner, *, periods: list[int] | None = None) -> PartnerBudget:
    """One partner's budget as stored (one query); its `.contributed` and `.call_funds` come with it."""
    from partnerships.choices import PartnerRole

    project = partner.project
    rows = stored([partner.pk], project.call)
    budget = partner_budget(
        partner_id=partner.pk,
        options=CostOptions.of(project.call),
        periods=project_periods(project) if periods is None else periods,
        typed=rows.typed[partner.pk],
        fund_rates=rows.rates[partner.pk],
        is_lead=partner.role == PartnerRole.LEAD,
    )
    budget.contributed = rows.contributed[partner.pk]
    budget.call_funds = rows.call_funds
    return budget


def project_budget(project, partners=None) -> ProjectBudget:
    """Every partner's budget and the project's overview: two queries (partners, then everything stored in one)
    whatever the size. `partners` may be passed already loaded (in order); associated partners have no budget and
    are left out. Each partner gets `.computed_budget`, and `.budget_typed` (the stored lines, for the checklist)."""
    from partnerships.choices import PartnerRole

    options = CostOptions.of(project.call)
    periods = project_periods(project)
    if partners is None:
        partners = list(project.partners.select_related("organisation__country").order_by("order", "pk"))
    budgeted = [p for p in partners if p.role != PartnerRole.ASSOCIATED]
    rows = stored([p.pk for p in budgeted], project.call)
    for partner in budgeted:
        partner.budget_typed = rows.typed[partner.pk]
        partner.computed_budget = partner_budget(
            partner_id=partner.pk,
            options=options,
            periods=periods,
            typed=rows.typed[partner.pk],
            fund_rates=rows.rates[partner.pk],
            is_lead=partner.role == PartnerRole.LEAD,
        )
        partner.computed_budget.contributed = rows.contributed[partner.pk]
    result = summed(budgeted, periods=periods, categories=options.shown)
    result.call_funds = rows.call_funds
    return result


def summed(partners, *, periods: list[int], categories: list[str]) -> ProjectBudget:
    """The project overview: the sum of the partners' tables, cell by cell (never recomputed from rates)."""
    by_category = dict.fromkeys(categories, ZERO)
    by_period = dict.fromkeys(periods, ZERO)
    by_fund: dict[str, Decimal] = defaultdict(lambda: ZERO)
    preparation = total = cofinancing = own = ZERO
    for partner in partners:
        budget = partner.computed_budget
        for c in categories:
            by_category[c] += budget.by_category.get(c, ZERO)
        for n in periods:
            by_period[n] += budget.by_period.get(n, ZERO)
        for fund, amount in budget.by_fund.items():
            by_fund[fund] += amount
        preparation += budget.preparation
        total += budget.total
        cofinancing += budget.cofinancing
        own += budget.own_contribution
    return ProjectBudget(
        periods=periods,
        categories=categories,
        partners=list(partners),
        by_category=by_category,
        by_period=by_period,
        by_fund=dict(by_fund),
        preparation=preparation,
        total=total,
        cofinancing=cofinancing,
        own_contribution=own,
    )


__all__ = [
    "PREPARATION",
    "CostOptions",
    "PartnerBudget",
    "ProjectBudget",
    "call_funds",
    "partner_budget",
    "project_budget",
    "stored_partner_budget",
]
