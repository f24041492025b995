"""The stored stage amounts of partner reports (projects.money_aggregates): after each transition they equal
reporting_money's own `amounts_of`, a draft has none, the programme overview reads them (fresh after each change)
with a constant number of queries, and the backfill rebuilds the same rows."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.models import ExpenditureLine, ProjectReport, ProjectReportCertificate, ReportAmount
from projects.models.money import TOTAL
from projects.money_aggregates import backfill_report_amounts
from projects.money_cache import money_generation_bump
from projects.money_overview import compute_programme_money, programme_money
from projects.reporting_money import amounts_of, programme_stages
from projects.services.reporting import reporting_transition
from tests.reporting.conftest import report_with_lines

D = Decimal
RATES = [
    {},
    {"office_flat_rate": D("15")},
    {"staff_flat_rate": D("20"), "travel_flat_rate": D("15")},
    {"other_costs_flat_rate": D("40")},
]


def _lines():
    categories = ["staff", "external", "travel", "equipment", "infrastructure"]
    return [{"category": categories[i % 5], "amount": str(1000 + 137 * i)} for i in range(7)]


def _set_rates(call, rates):
    for name, value in rates.items():
        setattr(call, name, value)
    call.save()


@pytest.fixture(autouse=True)
def _no_cached_figures_left(contracted):
    """The money cache outlives the test database (whose next run reuses the programme's id): a figure cached here
    must not be found by a later run's test, so the programme's generation moves on when the test ends."""
    yield
    money_generation_bump(contracted.programme.pk)


def _stored(report) -> dict:
    return {
        category: (declared, certified, verified)
        for category, declared, certified, verified in ReportAmount.objects.filter(report=report).values_list(
            "category", "declared", "certified", "verified"
        )
    }


def _expected(report, *, certified=False, verified=False) -> dict:
    """The rows `amounts_of` says the report has at the stages it reached (categories with nothing left out)."""
    amounts = amounts_of(report)
    out = {
        TOTAL: (
            amounts.total_declared,
            amounts.total_certified if certified else None,
            amounts.total_verified if verified else None,
        )
    }
    for category in amounts.categories:
        row = (
            amounts.declared[category],
            amounts.certified[category] if certified else None,
            amounts.verified[category] if verified else None,
        )
        if any(row):
            out[category] = row
    return out


def _submitted(contracted, rates, period=1):
    _set_rates(contracted.call, rates)
    report = report_with_lines(contracted.project.partners.first(), period=period, lines=_lines())
    assert not ReportAmount.objects.filter(report=report).exists()  # a draft is not reported
    return reporting_transition(report, to="submitted", by=contracted.manager)


def _certified(contracted, rates):
    report = _submitted(contracted, rates)
    report = reporting_transition(report, to="in_control", by=contracted.controller)
    for line in report.lines.order_by("number"):  # the control: two deducted, one parked, the rest certified
        if line.number in (1, 2):  # a staff line and an external one (whichever the flat rates leave typed)
            line.control, line.deducted, line.error_type = "deducted", D("123.45"), "calculation"
        elif line.number == 3:
            line.control = "parked"
        else:
            line.control = "certified"
        line.save()
    return reporting_transition(report, to="certified", by=contracted.controller)


def _verified(contracted, rates):
    report = _certified(contracted, rates)
    project_report = ProjectReport.objects.create(project=contracted.project, period=1, number=1)
    ProjectReportCertificate.objects.create(project_report=project_report, partner_report=report)
    project_report = reporting_transition(project_report, to="submitted", by=contracted.manager)
    project_report = reporting_transition(project_report, to="in_verification", by=contracted.programme_manager)
    for line in report.lines.filter(number__in=(1, 4)):  # staff, equipment
        line.verification_deducted = D("77.70")
        line.save()
    reporting_transition(project_report, to="verified", by=contracted.programme_manager)
    return report


@pytest.mark.parametrize("rates", RATES)
def test_submitted_report_stores_its_declared_amounts(contracted, rates):
    report = _submitted(contracted, rates)
    assert _stored(report) == _expected(report)


@pytest.mark.parametrize("rates", RATES)
def test_certified_report_stores_its_certified_amounts(contracted, rates):
    report = _certified(contracted, rates)
    stored = _stored(report)
    assert stored == _expected(report, certified=True)
    assert stored[TOTAL][1] < stored[TOTAL][0]  # the deduction and the parked line count nothing


@pytest.mark.parametrize("rates", RATES)
def test_verified_report_stores_its_verified_amounts(contracted, rates):
    report = _verified(contracted, rates)
    stored = _stored(report)
    assert stored == _expected(report, certified=True, verified=True)
    assert stored[TOTAL][2] < stored[TOTAL][1]  # the verification's deduction


def test_reopening_to_draft_removes_the_report_from_reported(contracted):
    report = _submitted(contracted, {})
    assert programme_stages(contracted.programme.pk)["category"]["declared"]
    reporting_transition(report, to="draft", by=contracted.controller)
    assert not ReportAmount.objects.filter(report=report).exists()
    stages = programme_stages(contracted.programme.pk)
    assert all(stages[kind][stage] == {} for kind in stages for stage in stages[kind])


def test_lines_of_a_draft_do_not_touch_the_aggregate(contracted):
    report = report_with_lines(contracted.project.partners.first(), lines=_lines())
    line = report.lines.select_related("report").first()
    line.amount = line.amount_eur = D("5.00")
    with CaptureQueriesContext(connection) as queries:
        line.save()
    assert len(queries) == 1 and "reportamount" not in queries[0]["sql"]
    with CaptureQueriesContext(connection) as queries:
        ExpenditureLine.objects.get(pk=line.pk).save()  # report not loaded: one look at its status, nothing more
    assert len(queries) == 3 and not any("reportamount" in q["sql"] for q in queries)


def _total(figures, kind, stage):
    return sum(figures["stages"][kind][stage].values(), D(0))


def test_the_overview_follows_each_change(contracted):
    """The cached overview (money_cache) is fresh after each transition: the step bumps the generation, and the
    stored amounts were written in the same save."""
    programme = contracted.programme
    money_generation_bump(programme.pk)  # the cache outlives the test database: none of an earlier run's figures
    assert programme_money(programme)["tables"][1].total.amounts["declared"] == 0
    report = _certified(contracted, {"office_flat_rate": D("15")})
    amounts = amounts_of(report)
    table = programme_money(programme)["tables"][1]  # by cost category
    assert table.total.amounts["declared"] == amounts.total_declared
    assert table.total.amounts["certified"] == amounts.total_certified
    assert table.total.amounts["verified"] == 0
    second = _submitted(contracted, {"office_flat_rate": D("15")}, period=2)
    figures = compute_programme_money(programme)
    for kind in ("category", "country"):
        assert _total(figures, kind, "declared") == amounts.total_declared + amounts_of(second).total_declared
    assert programme_money(programme)["tables"][1].total.amounts["declared"] == _total(figures, "category", "declared")
    reporting_transition(second, to="draft", by=contracted.controller)
    assert programme_money(programme)["tables"][1].total.amounts["declared"] == amounts.total_declared


def _grow(contracted, periods):
    for partner in contracted.project.partners.exclude(role="associated"):
        for period in periods:
            report_with_lines(partner, period=period, lines=_lines(), status="certified")


def _count(contracted) -> int:
    with CaptureQueriesContext(connection) as queries:
        compute_programme_money(contracted.programme)
    return len(queries)


def test_the_programme_figures_cost_the_same_queries_whatever_the_reports(contracted):
    _grow(contracted, [1])
    few = _count(contracted)
    _grow(contracted, range(2, 12))
    assert ReportAmount.objects.filter(category=TOTAL).count() >= 20
    assert _count(contracted) == few


def test_backfill_and_the_command_rebuild_the_same_rows(contracted):
    _verified(contracted, {})
    _grow(contracted, [2, 3])
    rows = sorted(ReportAmount.objects.values_list("report_id", "category", "declared", "certified", "verified"))
    ReportAmount.objects.all().delete()
    assert backfill_report_amounts([contracted.programme.pk]) == 5
    assert sorted(ReportAmount.objects.values_list("report_id", "category", "declared", "certified", "verified")) == (
        rows
    )
    ReportAmount.objects.all().delete()
    call_command("refresh_report_amounts", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert sorted(ReportAmount.objects.values_list("report_id", "category", "declared", "certified", "verified")) == (
        rows
    )
