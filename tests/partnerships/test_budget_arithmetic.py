"""The one budget computation (partnerships.budget) against examples computed by hand, and a property: the project
overview is the sum of the partners' tables, whatever the budget.

Flat rates (Regulation (EU) 2021/1059 arts. 39–41) are computed per period from that period's typed amounts and
rounded half-up to the cent there; totals add the rounded cells, so every table adds up across and down."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partnerships.budget import CostOptions, partner_budget, project_budget, stored_partner_budget, summed
from partnerships.choices import PartnerRole
from partnerships.models import PartnerBudgetLine, PartnerFund
from programmes.choices import CostCategory as C
from tests.factories import CallFactory, ProjectFactory, ProjectPartnerFactory

D = Decimal
ALL = tuple(c for c in C.values if c != C.OTHER)


def options(**rates) -> CostOptions:
    return CostOptions(categories=ALL, **rates)


def budget(opts, typed, *, periods=(1, 2, 3), funds=None, lead=False):
    return partner_budget(
        partner_id=1, options=opts, periods=list(periods), typed=typed, fund_rates=funds or {}, is_lead=lead
    )


def test_office_at_15_percent_of_staff_is_rounded_per_period_not_on_the_total():
    # 100.03 × 15 % = 15.0045 → 15.00 in each period: 45.00, where 300.09 × 15 % on the total would be 45.01
    result = budget(options(office_rate=D(15)), {(C.STAFF, n): D("100.03") for n in (1, 2, 3)})
    assert [result.cells[(C.OFFICE, n)] for n in (1, 2, 3)] == [D("15.00")] * 3
    assert result.by_category[C.OFFICE] == D("45.00")
    assert result.by_category[C.STAFF] == D("300.09")
    assert result.total == D("345.09")


def test_office_at_15_percent_of_333_33_staff_is_50_00_per_period():
    # 333.33 × 15 % = 49.9995 → 50.00 per period
    result = budget(options(office_rate=D(15)), {(C.STAFF, n): D("333.33") for n in (1, 2, 3)})
    assert [result.cells[(C.OFFICE, n)] for n in (1, 2, 3)] == [D("50.00")] * 3
    assert result.by_period == {1: D("383.33"), 2: D("383.33"), 3: D("383.33")}


def test_rounding_is_half_up_to_the_cent():
    # 0.30 × 15 % = 0.045 → 0.05 (half-up; banker's rounding would give 0.04)
    result = budget(options(travel_rate=D(15)), {(C.STAFF, 1): D("0.30")}, periods=[1])
    assert result.cells[(C.TRAVEL, 1)] == D("0.05")


def test_travel_at_15_percent_of_staff():
    result = budget(
        options(travel_rate=D(15)), {(C.STAFF, 1): D("1000.00"), (C.STAFF, 2): D("2000.00")}, periods=[1, 2]
    )
    assert result.cells[(C.TRAVEL, 1)] == D("150.00") and result.cells[(C.TRAVEL, 2)] == D("300.00")
    assert result.total == D("3450.00")


def test_staff_at_20_percent_of_the_other_direct_costs_then_office_on_the_computed_staff():
    # other direct costs 1,000 + 500 + 250 (travel typed) = 1,750 → staff 350.00 → office 15 % = 52.50
    typed = {(C.EXTERNAL, 1): D(1000), (C.EQUIPMENT, 1): D(500), (C.TRAVEL, 1): D(250), (C.STAFF, 1): D(99999)}
    result = budget(options(staff_rate=D(20), office_rate=D(15)), typed, periods=[1])
    assert result.cells[(C.STAFF, 1)] == D("350.00")  # a typed staff amount is ignored: staff is computed
    assert result.cells[(C.OFFICE, 1)] == D("52.50")
    assert result.total == D("2152.50")


def test_staff_flat_rate_leaves_travel_out_of_its_base_when_travel_is_itself_flat():
    typed = {(C.EXTERNAL, 1): D(1000), (C.TRAVEL, 1): D(500)}
    result = budget(options(staff_rate=D(20), travel_rate=D(15)), typed, periods=[1])
    assert result.cells[(C.STAFF, 1)] == D("200.00")  # 20 % of 1,000 (the typed travel is not read)
    assert result.cells[(C.TRAVEL, 1)] == D("30.00")  # 15 % of the computed staff


def test_other_costs_at_40_percent_of_staff_replace_every_other_category():
    # 1,234.56 × 40 % = 493.824 → 493.82; a typed equipment amount is not part of such a budget
    opts = options(other_rate=D(40), office_rate=D(15))
    result = budget(opts, {(C.STAFF, 1): D("1234.56"), (C.EQUIPMENT, 1): D(700)}, periods=[1])
    assert opts.shown == [C.STAFF, C.OTHER]
    assert result.cells == {(C.STAFF, 1): D("1234.56"), (C.OTHER, 1): D("493.82")}
    assert result.total == D("1728.38")


def test_flat_rate_amounts_given_as_typed_are_ignored():
    result = budget(options(office_rate=D(10)), {(C.STAFF, 1): D(1000), (C.OFFICE, 1): D(5000)}, periods=[1])
    assert result.cells[(C.OFFICE, 1)] == D("100.00")


def test_amounts_outside_the_periods_are_left_out():
    result = budget(options(), {(C.STAFF, 1): D(100), (C.STAFF, 9): D(100)}, periods=[1, 2])
    assert result.total == D("100.00")


def test_preparation_lump_sum_is_the_lead_partners_only():
    opts = options(preparation_lump_sum=D("20000"))
    assert budget(opts, {(C.STAFF, 1): D(100)}, periods=[1], lead=True).total == D("20100.00")
    assert budget(opts, {(C.STAFF, 1): D(100)}, periods=[1]).total == D("100.00")


def test_cofinancing_per_fund_and_the_own_contribution():
    # 10,000.01 × 60 % = 6,000.006 → 6,000.01; × 20 % = 2,000.002 → 2,000.00; own = 2,000.00
    result = budget(options(), {(C.STAFF, 1): D("10000.01")}, periods=[1], funds={"erdf": D(60), "ipa": D(20)})
    assert result.by_fund == {"erdf": D("6000.01"), "ipa": D("2000.00")}
    assert result.cofinancing == D("8000.01") and result.own_contribution == D("2000.00")
    assert result.cofinancing_rate == D(80)


# --- the property: the overview is the sum of the partners' tables ------------------------------------------

AMOUNT = st.decimals(min_value=0, max_value=D("999999.99"), places=2, allow_nan=False, allow_infinity=False)
RATE = st.decimals(min_value=0, max_value=D(60), places=2, allow_nan=False, allow_infinity=False)
OPTIONS = st.fixed_dictionaries(
    {},
    optional={
        "office_rate": st.decimals(min_value=0, max_value=15, places=2),
        "travel_rate": st.decimals(min_value=0, max_value=15, places=2),
        "staff_rate": st.decimals(min_value=0, max_value=20, places=2),
        "other_rate": st.decimals(min_value=0, max_value=40, places=2),
    },
)
PARTNER = st.tuples(
    st.dictionaries(st.tuples(st.sampled_from(ALL), st.integers(1, 4)), AMOUNT, max_size=12),
    st.dictionaries(st.sampled_from(["erdf", "ipa", "ndici"]), RATE, max_size=2),
)


def _assert_overview_is_the_sum(overview, partners):
    tables = [p.computed_budget for p in partners]
    for c in overview.categories:
        assert overview.by_category[c] == sum((t.cells.get((c, n), 0) for t in tables for n in overview.periods), 0)
    for n in overview.periods:
        assert overview.by_period[n] == sum((t.cells.get((c, n), 0) for t in tables for c in overview.categories), 0)
    funds = {f for t in tables for f in t.by_fund}
    for fund in funds:
        assert overview.by_fund[fund] == sum((t.by_fund.get(fund, 0) for t in tables), 0)
    assert overview.total == sum(overview.by_category.values(), 0) + overview.preparation
    assert overview.total == sum(overview.by_period.values(), 0) + overview.preparation
    assert overview.cofinancing + overview.own_contribution == overview.total


@given(rates=OPTIONS, partners=st.lists(PARTNER, min_size=1, max_size=6), lump=st.none() | AMOUNT)
def test_the_overview_is_the_sum_of_the_partners_tables_for_any_budget(rates, partners, lump):
    opts = options(preparation_lump_sum=lump, **rates)
    periods = [1, 2, 3]
    loaded = []
    for n, (typed, funds) in enumerate(partners):
        partner = SimpleNamespace(pk=n + 1)
        partner.computed_budget = budget(opts, typed, periods=periods, funds=funds, lead=n == 0)
        loaded.append(partner)
    overview = summed(loaded, periods=periods, categories=opts.shown)
    _assert_overview_is_the_sum(overview, loaded)


@pytest.mark.django_db
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(partners=st.lists(PARTNER, min_size=1, max_size=4), office=st.none() | st.decimals(0, 15, places=2))
def test_the_stored_overview_is_the_sum_of_each_partners_stored_table(partners, office):
    """The same from the database: project_budget (one query for all) against each partner's own table."""
    call = CallFactory(office_flat_rate=office, reporting_period_months=6)
    project = ProjectFactory(programme=call.programme, call=call, duration_months=24)
    rows = []
    for n, (typed, funds) in enumerate(partners):
        partner = ProjectPartnerFactory(project=project, role=PartnerRole.LEAD if n == 0 else PartnerRole.PARTNER)
        lines = [PartnerBudgetLine(partner=partner, category=c, period=p, amount=a) for (c, p), a in typed.items()]
        PartnerBudgetLine.objects.bulk_create(lines)
        PartnerFund.objects.bulk_create([PartnerFund(partner=partner, fund=f, rate=r) for f, r in funds.items()])
        rows.append(partner)
    overview = project_budget(project)
    _assert_overview_is_the_sum(overview, overview.partners)
    for partner in rows:
        partner.project = project
        own = stored_partner_budget(partner)
        assert own.cells == overview.partner(partner.pk).cells and own.total == overview.partner(partner.pk).total
