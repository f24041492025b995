"""Money at a glance: the stages agree with reporting_money, absorption and N+3 on a hand-checked example, the
cache's generation, who sees the pages, and constant query counts."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from partnerships.budget import CostOptions
from partnerships.models import ProjectPartner
from programmes.models import FundCommitment, ProgrammeFund, ProgrammeStaff, StaffRole
from projects.models import Payment, PaymentClaim, ProjectReport, ProjectReportCertificate
from projects.money_cache import cached_money, money_generation, money_generation_bump
from projects.money_overview import compute_programme_money, project_money
from projects.reporting_money import (
    absorption,
    amounts_of,
    decommitment,
    programme_stages,
    split_by_fund,
)
from tests.factories import UserFactory
from tests.reporting.conftest import report_with_lines

D = Decimal


def _lines(n=3):
    categories = ["staff", "external", "travel", "equipment"]
    return [
        {"category": categories[i % 4], "amount": str(1000 + 137 * i), "control": "certified", "deducted": "10.00"}
        for i in range(n)
    ]


def _reports(project, count=2):
    """`count` submitted reports per partner: the first certified and in a verified project report."""
    reports = []
    for partner in project.partners.exclude(role="associated"):
        for period in range(1, count + 1):
            status = "certified" if period == 1 else "submitted"
            reports.append(report_with_lines(partner, period=period, lines=_lines(3 + period), status=status))
    return reports


def _verify(project, reports):
    pr = ProjectReport.objects.create(project=project, period=1, number=1, status="verified")
    for report in reports:
        if report.status == "certified":
            ProjectReportCertificate.objects.create(project_report=pr, partner_report=report, verified=True)
    return pr


def _pay(project, pr, partner, amount, paid_on, fund="erdf"):
    claim, _ = PaymentClaim.objects.get_or_create(project_report=pr, project=project, defaults={"total_eligible": 0})
    return Payment.objects.create(
        claim=claim,
        partner=partner,
        fund=fund,
        amount_due=amount,
        authorised_amount=amount,
        paid_amount=amount,
        paid_on=paid_on,
        status="paid",
    )


def _expected(reports):
    """The stages summed from reporting_money's own per-report functions."""
    out = {"declared": D(0), "certified": D(0), "verified": D(0)}
    for report in reports:
        amounts = amounts_of(report)
        out["declared"] += amounts.total_declared
        if report.status == "certified":
            out["certified"] += amounts.total_certified
            out["verified"] += amounts.total_verified
    return out


@pytest.mark.parametrize(
    "rates",
    [
        {},
        {"office_flat_rate": D("15")},
        {"staff_flat_rate": D("20"), "travel_flat_rate": D("15")},
        {"other_costs_flat_rate": D("40")},
    ],
)
def test_stages_agree_with_reporting_money(contracted, rates):
    call = contracted.call
    for name, value in rates.items():
        setattr(call, name, value)
    call.save()
    project = contracted.project
    reports = _reports(project)
    _verify(project, reports)
    expected = _expected(reports)
    tables = project_money(project)["tables"]
    for table in tables[:2]:  # by partner, by category
        for stage, amount in expected.items():
            assert table.total.amounts[stage] == amount, (table.caption, stage)
    stages = programme_stages(contracted.programme.pk, [call])
    for stage, amount in expected.items():
        assert sum(stages["category"][stage].values(), D(0)) == amount
        assert sum(stages["country"][stage].values(), D(0)) == amount
    # per category, the SQL equals the Python rule report by report
    options = CostOptions.of(call)
    declared = {}
    for report in reports:
        for category, amount in amounts_of(report).declared.items():
            if amount:
                declared[category] = declared.get(category, D(0)) + amount
    assert {k: v for k, v in stages["category"]["declared"].items() if v} == declared
    assert set(declared) <= set(options.shown)
    # the fund split is split_by_fund per report, summed
    rates_of = {p.pk: dict(p.funds.values_list("fund", "rate")) for p in ProjectPartner.objects.filter(project=project)}
    fund_declared = {}
    for report in reports:
        for fund, amount in split_by_fund(amounts_of(report).total_declared, rates_of[report.partner_id]).items():
            fund_declared[fund] = fund_declared.get(fund, D(0)) + amount
    assert stages["fund"]["declared"] == fund_declared
    assert tables[2].total.amounts["declared"] == sum(fund_declared.values(), D(0))


def test_drafts_count_nothing(contracted):
    partner = contracted.project.partners.first()
    report_with_lines(partner, lines=_lines(), status="draft")
    stages = programme_stages(contracted.programme.pk, [contracted.call])
    assert stages["category"]["declared"] == {}
    assert project_money(contracted.project)["tables"][0].total.amounts["declared"] == 0


def test_absorption_and_n_plus_3_by_hand():
    # ERDF allocations 2021: 100, 2022: 100, 2023: 100; payments 2023: 50, 2024: 80, 2025: 100
    commitments = [("erdf", 2021, D(100)), ("erdf", 2022, D(100)), ("erdf", 2023, D(100))]
    paid = {"erdf": {2023: D(50), 2024: D(80), 2025: D(100)}}
    rows = decommitment(commitments, paid, this_year=2025)
    # 2021 (deadline end 2024): paid by then 130, nothing earlier to cover → 100 in time, 0 at risk
    # 2022 (deadline end 2025): paid by then 230, 100 cover 2021 → 100 in time (130 left), 0 at risk
    # 2023 (deadline end 2026): paid by then 230, 200 cover 2021–2022 → 30 in time, 70 at risk
    assert [(r.year, r.deadline_year, r.allocated, r.paid_in_time, r.at_risk, r.state) for r in rows] == [
        (2021, 2024, D(100), D(100), D(0), "past"),
        (2022, 2025, D(100), D(100), D(0), "current"),
        (2023, 2026, D(100), D(30), D(70), "next"),
    ]
    # only 150 paid in 2025: 2021 (deadline 2024) had nothing paid by then → 100 at risk; by 2025 the 150 cover
    # 2021's 100 first, then 50 of 2022 → 50 at risk; by 2026 still 150, 200 cover 2021–2022 → 2023 all at risk
    rows = decommitment(commitments, {"erdf": {2025: D(150)}}, this_year=2025)
    assert [(r.paid_in_time, r.at_risk) for r in rows] == [(D(0), D(100)), (D(50), D(50)), (D(0), D(100))]
    assert absorption(D(230), D(1000)) == D("23.0") and absorption(D(1), D(3)) == D("33.3")
    assert absorption(D(5), D(0)) is None


def test_programme_figures_absorption_and_at_risk(contracted, client):
    programme, project = contracted.programme, contracted.project
    ProgrammeFund.objects.create(programme=programme, fund="erdf", amount=D(1000))
    for year in (2021, 2022, 2023):
        FundCommitment.objects.create(programme=programme, fund="erdf", year=year, amount=D(100))
    reports = _reports(project, 1)
    pr = _verify(project, reports)
    lead, second = list(project.partners.order_by("order", "pk"))[:2]
    _pay(project, pr, lead, D(50), date(2023, 5, 1))
    _pay(project, pr, second, D(80), date(2024, 5, 1))
    figures = compute_programme_money(programme)
    assert figures["paid_fund"] == {"erdf": D(130)}
    assert figures["paid_by_year"] == {"erdf": {2023: D(50), 2024: D(80)}}
    client.force_login(contracted.programme_manager)
    page = client.get(reverse("staff:money", args=[programme.slug]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "13.0 %" in text  # 130 paid of 1,000 allocated
    assert "<title" in text and "At risk of decommitment" in text


def test_cache_generation_bump_invalidates(contracted, settings):
    programme = contracted.programme
    calls = []
    first = cached_money(programme.pk, lambda: calls.append(1) or "first")
    again = cached_money(programme.pk, lambda: calls.append(1) or "second")
    assert first == again == "first" and len(calls) == 1
    generation = money_generation(programme.pk)
    money_generation_bump(programme.pk)
    assert money_generation(programme.pk) == generation + 1
    assert cached_money(programme.pk, lambda: "third") == "third"


def test_a_reporting_step_bumps_the_generation(contracted):
    from projects.models import ReportingStep

    report = report_with_lines(contracted.project.partners.first(), lines=_lines(), status="submitted")
    generation = money_generation(contracted.programme.pk)
    ReportingStep.objects.create(partner_report=report, from_status="submitted", to_status="in_control")
    assert money_generation(contracted.programme.pk) == generation + 1


def _urls(contracted):
    programme, project = contracted.programme, contracted.project
    return [
        reverse("staff:money", args=[programme.slug]),
        reverse("staff:project_money", args=[programme.slug, project.pk]),
    ]


def test_money_staff_see_the_pages(contracted, client):
    for user in (contracted.programme_manager, contracted.finance, contracted.staff):
        client.force_login(user)
        for url in _urls(contracted):
            assert client.get(url).status_code == 200, (user, url)


def test_controllers_assessors_and_applicants_get_404(contracted, client):
    assessor = UserFactory()
    ProgrammeStaff.objects.create(programme=contracted.programme, user=assessor, role=StaffRole.ASSESSOR)
    for user in (contracted.controller, assessor, contracted.manager, contracted.partner_user, UserFactory()):
        client.force_login(user)
        for url in _urls(contracted):
            assert client.get(url).status_code == 404, (user, url)


def test_applicant_page_for_the_project_managers_only(contracted, client):
    url = reverse("projects:money", args=[contracted.project.pk])
    _reports(contracted.project, 1)
    client.force_login(contracted.manager)
    page = client.get(url)
    assert page.status_code == 200 and "Stadt Wien" in page.content.decode()
    for user in (contracted.partner_user, contracted.controller, contracted.finance, UserFactory()):
        client.force_login(user)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def _grow(contracted, reports_per_partner):
    _verify(contracted.project, _reports(contracted.project, reports_per_partner))


@pytest.mark.parametrize("size", [1, 10])
def test_query_counts_stay_constant(contracted, client, django_assert_max_num_queries, size):
    _grow(contracted, size)  # 2 or 20 partner reports
    client.force_login(contracted.programme_manager)
    programme_url, project_url = _urls(contracted)
    money_generation_bump(contracted.programme.pk)
    with django_assert_max_num_queries(20):  # session, user, programme, roles; seven grouped queries (+ SET LOCAL)
        assert client.get(programme_url).status_code == 200
    with django_assert_max_num_queries(18):
        assert client.get(project_url).status_code == 200
    client.force_login(contracted.manager)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("projects:money", args=[contracted.project.pk])).status_code == 200
