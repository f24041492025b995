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

from django.db.models import Exists, F, OuterRef, Sum

from partnerships.budget import HUNDRED, ZERO, CostOptions, _flat_cells, money

from .models import ExpenditureLine, LineControl, ProjectReportCertificate

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


# first-level control (helper C): what the control took off or deferred, per typed category
def control_by_category(sums: LineSums) -> dict[str, dict[str, Decimal]]:
    """Per typed category of one report: "deducted" (control deductions) and "parked" (deferred to the next report).
    With `LineSums.typed`: declared = certified + deducted + parked once every line is decided."""
    out: dict[str, dict[str, Decimal]] = defaultdict(lambda: {"deducted": ZERO, "parked": ZERO})
    for category, control, eur, deducted, _verif in sums.rows:
        out[category]["deducted"] += deducted
        if control == LineControl.PARKED:
            out[category]["parked"] += eur
    return dict(out)


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


# --- Money at a glance (helper E): the stages of many reports at once -------------------------------------------
# A partner report counts as "declared" from its submission on, as "certified" once certified, as "verified" once
# the project report bundling it is verified; "paid" is what payments confirmed as paid (per partner and fund).

STAGES = ("declared", "certified", "verified")


def report_stages(reports) -> dict[int, tuple[bool, bool]]:
    """(certified?, verified?) per partner report id, in one query."""
    from .models import PartnerReport
    from .reporting_workflow import PartnerReportStatus, ProjectReportStatus

    rows = (
        PartnerReport.objects.filter(pk__in=list(reports))
        .annotate(
            _verified=Exists(
                ProjectReportCertificate.objects.filter(
                    partner_report=OuterRef("pk"), project_report__status=ProjectReportStatus.VERIFIED
                )
            )
        )
        .values_list("pk", "status", "_verified")
    )
    return {pk: (status == PartnerReportStatus.CERTIFIED, verified) for pk, status, verified in rows}


def staged_amounts(amounts: ReportAmounts, certified: bool, verified: bool) -> dict[str, dict[str, Decimal]]:
    """A submitted report's amounts per category at each stage it has reached (stages not reached are absent)."""
    out = {"declared": amounts.declared}
    if certified:
        out["certified"] = amounts.certified
    if verified:
        out["verified"] = amounts.verified
    return out


def _flat_sql_options(options: CostOptions) -> tuple:
    """A call's options as the SQL twin of `_flat_cells` reads them: typed categories, the categories staff's flat
    rate is taken on, and the four rates (None when not offered)."""
    from programmes.choices import CostCategory

    flat = options.flat
    base = [CostCategory.EXTERNAL, CostCategory.EQUIPMENT, CostCategory.INFRASTRUCTURE]
    if CostCategory.TRAVEL not in flat:
        base.append(CostCategory.TRAVEL)
    return (
        [str(c) for c in options.typed],
        [str(c) for c in base],
        flat.get(CostCategory.STAFF) if CostCategory.OTHER not in flat else None,
        flat.get(CostCategory.OFFICE),
        flat.get(CostCategory.TRAVEL),
        flat.get(CostCategory.OTHER),
    )


_PROGRAMME_STAGES_SQL = """
WITH opts (call_id, typed, staff_base, staff_rate, office_rate, travel_rate, other_rate) AS MATERIALIZED (
    SELECT c.call_id, string_to_array((%(typed)s::text[])[c.i], ','),
        string_to_array((%(bases)s::text[])[c.i], ','), (%(staff)s::numeric[])[c.i], (%(office)s::numeric[])[c.i],
        (%(travel)s::numeric[])[c.i], (%(other)s::numeric[])[c.i]
    FROM unnest(%(calls)s::int[]) WITH ORDINALITY AS c (call_id, i)
),
verified AS MATERIALIZED (
    SELECT c.partner_report_id FROM projects_projectreportcertificate c
    JOIN projects_projectreport pr ON pr.id = c.project_report_id
    JOIN projects_project pj ON pj.id = pr.project_id
    WHERE pj.programme_id = %(programme)s AND pr.status = 'verified'
),
reports AS MATERIALIZED (
    SELECT r.id, r.partner_id, COALESCE(pj.call_id, 0) AS call_id,
        r.status = 'certified' AS certified, v.partner_report_id IS NOT NULL AS verified
    FROM projects_partnerreport r JOIN projects_project pj ON pj.id = r.project_id
    LEFT JOIN verified v ON v.partner_report_id = r.id
    WHERE pj.programme_id = %(programme)s AND pj.status = ANY(%(statuses)s) AND r.status <> 'draft'
),
lines AS MATERIALIZED (
    SELECT l.report_id, l.category, SUM(l.amount_eur) AS d,
        SUM(CASE WHEN l.control IN ('certified', 'deducted') THEN l.amount_eur - l.deducted ELSE 0 END) AS c,
        SUM(CASE WHEN l.control IN ('certified', 'deducted')
            THEN l.amount_eur - l.deducted - l.verification_deducted ELSE 0 END) AS v
    FROM projects_expenditureline l WHERE l.report_id IN (SELECT id FROM reports)
    GROUP BY l.report_id, l.category
),
typed AS MATERIALIZED (
    SELECT r.id AS report_id, r.partner_id, r.call_id, r.certified, r.verified, x.category, x.d,
        CASE WHEN r.certified THEN x.c END AS c, CASE WHEN r.verified THEN x.v END AS v
    FROM lines x JOIN reports r ON r.id = x.report_id
    JOIN opts o ON o.call_id = r.call_id AND x.category = ANY(o.typed)
),
sums AS MATERIALIZED (
    SELECT t.report_id, t.partner_id, o.staff_rate, o.office_rate, o.travel_rate, o.other_rate,
        COALESCE(SUM(t.d) FILTER (WHERE t.category = 'staff'), 0) AS staff_d,
        CASE WHEN t.certified THEN COALESCE(SUM(t.c) FILTER (WHERE t.category = 'staff'), 0) END AS staff_c,
        CASE WHEN t.verified THEN COALESCE(SUM(t.v) FILTER (WHERE t.category = 'staff'), 0) END AS staff_v,
        COALESCE(SUM(t.d) FILTER (WHERE t.category = ANY(o.staff_base)), 0) AS base_d,
        CASE WHEN t.certified THEN COALESCE(SUM(t.c) FILTER (WHERE t.category = ANY(o.staff_base)), 0) END AS base_c,
        CASE WHEN t.verified THEN COALESCE(SUM(t.v) FILTER (WHERE t.category = ANY(o.staff_base)), 0) END AS base_v
    FROM typed t JOIN opts o ON o.call_id = t.call_id
    GROUP BY t.report_id, t.partner_id, t.certified, t.verified,
        o.staff_rate, o.office_rate, o.travel_rate, o.other_rate
),
staff AS MATERIALIZED (
    SELECT *,
        CASE WHEN staff_rate IS NULL THEN staff_d ELSE ROUND(base_d * staff_rate / 100, 2) END AS eff_d,
        CASE WHEN staff_rate IS NULL THEN staff_c ELSE ROUND(base_c * staff_rate / 100, 2) END AS eff_c,
        CASE WHEN staff_rate IS NULL THEN staff_v ELSE ROUND(base_v * staff_rate / 100, 2) END AS eff_v
    FROM sums
),
cells AS MATERIALIZED (
    SELECT report_id, partner_id, category, d, c, v FROM typed
    UNION ALL SELECT report_id, partner_id, 'staff', eff_d, eff_c, eff_v
        FROM staff WHERE staff_rate IS NOT NULL
    UNION ALL SELECT report_id, partner_id, 'office', ROUND(eff_d * office_rate / 100, 2),
        ROUND(eff_c * office_rate / 100, 2), ROUND(eff_v * office_rate / 100, 2)
        FROM staff WHERE office_rate IS NOT NULL AND other_rate IS NULL
    UNION ALL SELECT report_id, partner_id, 'travel', ROUND(eff_d * travel_rate / 100, 2),
        ROUND(eff_c * travel_rate / 100, 2), ROUND(eff_v * travel_rate / 100, 2)
        FROM staff WHERE travel_rate IS NOT NULL AND other_rate IS NULL
    UNION ALL SELECT report_id, partner_id, 'other', ROUND(staff_d * other_rate / 100, 2),
        ROUND(staff_c * other_rate / 100, 2), ROUND(staff_v * other_rate / 100, 2)
        FROM staff WHERE other_rate IS NOT NULL
),
totals AS MATERIALIZED (
    SELECT report_id, partner_id, SUM(d) AS d, SUM(c) AS c, SUM(v) AS v FROM cells GROUP BY report_id, partner_id
),
partners AS MATERIALIZED (
    SELECT partner_id, SUM(d) AS d, SUM(c) AS c, SUM(v) AS v FROM totals GROUP BY partner_id
),
rates AS MATERIALIZED (
    SELECT f.partner_id, f.fund, f.rate FROM partnerships_partnerfund f
    JOIN partnerships_projectpartner p ON p.id = f.partner_id JOIN projects_project pj ON pj.id = p.project_id
    WHERE pj.programme_id = %(programme)s AND pj.status = ANY(%(statuses)s)
)
SELECT 'category', category, SUM(d), SUM(c), SUM(v) FROM cells GROUP BY category
UNION ALL
SELECT 'country', COALESCE(g.country_id, ''), SUM(t.d), SUM(t.c), SUM(t.v)
    FROM partners t JOIN partnerships_projectpartner p ON p.id = t.partner_id
    JOIN partnerships_organisation g ON g.id = p.organisation_id GROUP BY g.country_id
UNION ALL
SELECT 'fund', f.fund, SUM(ROUND(t.d * f.rate / 100, 2)), SUM(ROUND(t.c * f.rate / 100, 2)),
    SUM(ROUND(t.v * f.rate / 100, 2))
    FROM totals t JOIN rates f ON f.partner_id = t.partner_id GROUP BY f.fund
"""


def programme_stages(programme_id: int, calls) -> dict[str, dict[str, dict[str, Decimal]]]:
    """The declared, certified and verified amounts of a programme's submitted partner reports in one grouped
    query: {"category"|"country"|"fund": {stage: {key: amount}}}. The flat-rate categories are computed per report
    in SQL by the same rule as `with_flat_rates` (each cell rounded half-up to the cent), so these sums equal the
    sums of `report_amounts` over the reports; the fund shares are `split_by_fund` per report, summed. `calls`:
    the programme's calls (their cost options); projects without a call use the default options."""
    from django.db import connection, transaction

    from .reporting_access import REPORTING_STATUSES

    options = [(0, CostOptions.of(None)), *((call.pk, CostOptions.of(call)) for call in calls)]
    sql_options = [_flat_sql_options(o) for _pk, o in options]
    params = {
        "programme": programme_id,
        "statuses": [str(s) for s in REPORTING_STATUSES],
        "calls": [pk for pk, _o in options],
        "typed": [",".join(o[0]) for o in sql_options],
        "bases": [",".join(o[1]) for o in sql_options],
        "staff": [o[2] for o in sql_options],
        "office": [o[3] for o in sql_options],
        "travel": [o[4] for o in sql_options],
        "other": [o[5] for o in sql_options],
    }
    out: dict[str, dict[str, dict[str, Decimal]]] = {
        kind: {stage: {} for stage in STAGES} for kind in ("category", "country", "fund")
    }
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL work_mem = '32MB'")  # the per-report groups stay in memory (this query only)
        cursor.execute(_PROGRAMME_STAGES_SQL, params)
        for kind, key, *amounts in cursor.fetchall():
            for stage, amount in zip(STAGES, amounts, strict=True):
                if amount is not None:  # None: no report of the group reached the stage
                    out[kind][stage][key] = amount
    return out


@dataclass(frozen=True)
class AtRisk:
    """One year's EU allocation of a fund against the N+3 rule."""

    fund: str
    year: int
    deadline_year: int
    allocated: Decimal
    paid_in_time: Decimal
    at_risk: Decimal
    state: str  # "past" (deadline passed), "current" (this year), "next" (next year), "later"


def decommitment(commitments, paid_by_year: dict[str, dict[int, Decimal]], this_year: int) -> list[AtRisk]:
    """The N+3 rule, cumulative: the payments of a fund made up to the end of year N+3 cover its allocations of
    the years up to N in order; what of year N's allocation they do not cover is at risk of decommitment.
    `commitments`: (fund, year, amount) rows; `paid_by_year`: fund → year paid → amount."""
    out: list[AtRisk] = []
    by_fund: dict[str, list[tuple[int, Decimal]]] = defaultdict(list)
    for fund, year, amount in commitments:
        by_fund[fund].append((year, Decimal(amount)))
    for fund in sorted(by_fund):
        payments = paid_by_year.get(fund, {})
        allocated_before = ZERO
        for year, amount in sorted(by_fund[fund]):
            deadline = year + 3
            paid = sum((a for y, a in payments.items() if y <= deadline), ZERO)
            in_time = min(max(paid - allocated_before, ZERO), amount)
            if deadline < this_year:
                state = "past"
            elif deadline == this_year:
                state = "current"
            elif deadline == this_year + 1:
                state = "next"
            else:
                state = "later"
            out.append(AtRisk(fund, year, deadline, amount, in_time, amount - in_time, state))
            allocated_before += amount
    return out


def absorption(paid: Decimal, allocated: Decimal) -> Decimal | None:
    """Paid ÷ allocated, in per cent with one decimal (None without an allocation)."""
    if not allocated:
        return None
    return (paid * HUNDRED / allocated).quantize(Decimal("0.1"), ROUND_HALF_UP)


def line_certified_eur():
    """A line's certified amount in euro as a database expression (the line-level twin of LineSums.typed
    "certified"): its euro amount less the deduction once its report is certified and the line certified or
    deducted; 0 otherwise (pending, parked, or the report still in control)."""
    from django.db.models import Case, DecimalField, Value, When

    from .reporting_workflow import PartnerReportStatus

    return Case(
        When(
            report__status=PartnerReportStatus.CERTIFIED,
            control__in=[LineControl.CERTIFIED, LineControl.DEDUCTED],
            then=F("amount_eur") - F("deducted"),
        ),
        default=Value(ZERO),
        output_field=DecimalField(max_digits=14, decimal_places=2),
    )
