"""The demo content: idempotent, built from the public facts about Interact, demo users only with DEBUG."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from events.models import Event, Material
from programmes.models import Call, Programme
from projects.models import Project

# seeded once for the module: its tests stay together on one pytest-xdist worker
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("seed_demo")]

DOMAIN = ("programmes", "partnerships", "projects", "events")


@pytest.fixture(scope="module")
def _demo_seeded(django_db_setup, django_db_blocker):
    """The demo seeded once for this module, in a transaction rolled back at its end (seeding costs seconds; every
    test here only reads it). Each test runs in a savepoint inside it (pytest-django's `db`), rolled back after the
    test, so a test that changes the demo (seeding it again) leaves the next one the same demo. Every test of this
    module asks for `demo`: a test without it would meet the demo too (the one that must not is in
    test_seed_demo_users.py)."""
    with django_db_blocker.unblock(), override_settings(DEBUG=True), transaction.atomic():
        call_command("seed_demo", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo_seeded, db, settings):
    """tests/conftest.py's `demo`, seeded once per module: the demo content, with demo users (DEBUG on)."""
    settings.DEBUG = True


def _counts() -> dict[str, int]:
    return {m._meta.label: m.objects.count() for label in DOMAIN for m in apps.get_app_config(label).get_models()}


def test_seed_is_idempotent(demo):
    before = _counts()
    call_command("seed_demo", verbosity=0)
    assert _counts() == before
    assert sum(before.values()) > 250


def test_interact_iii_facts(demo):
    interact = Programme.objects.get(slug="interact-iii")
    assert interact.total_budget == Decimal("46300000") and interact.eu_cofinancing_rate == 85
    funds = {f.fund: f.amount for f in interact.funds.all()}
    assert (
        funds["erdf"] + funds["national"] == interact.total_budget
        and funds["erdf"] / funds["national"] == Decimal(85) / 15
    )
    assert sorted(o.city for o in interact.offices.all()) == ["Turku", "Valencia", "Viborg", "Vienna"]
    assert {
        b.city
        for b in interact.bodies.filter(kind__in=["managing_authority", "certifying_authority", "audit_authority"])
    } == {"Bratislava"}
    committee = interact.bodies.get(kind="monitoring_committee")
    assert committee.memberships.count() == 30  # 28 Member States, Norway and Switzerland
    assert interact.priorities.get().objectives.count() == 3
    assert list(
        Programme.objects.filter(slug__startswith="interact-").order_by("period").values_list("period", flat=True)
    ) == ["2000-2006", "2007-2013", "2014-2020"]


def test_calls_open_upcoming_and_closed(demo):
    assert Call.objects.open_now().count() >= 1
    assert Call.objects.upcoming().count() >= 1
    assert Call.objects.closed().count() >= 1


def test_projects_have_partnerships_across_countries(demo):
    for project in Project.objects.public():
        assert project.partners.values("organisation__country").distinct().count() >= 2, project


def test_learning_events_from_the_seed_pages(demo):
    fair = Event.objects.get(slug="interreg-knowledge-fair-2024")
    assert fair.type == "knowledge_fair"
    funding = Event.objects.get(slug="alternative-funding-models-2024")
    assert funding.format == "online" and funding.starts_at.date().isoformat() == "2024-06-10"
    assert set(Material.objects.filter(event=funding).values_list("kind", flat=True)) == {
        "report",
        "presentation",
        "recording",
    }
    assert Event.objects.upcoming().filter(title__icontains="applicants").exists()
    assert Event.objects.upcoming().filter(title__icontains="partnership principle").exists()


def test_the_demo_applicant_has_a_draft_with_work_left(demo):
    from programmes.models import ProgrammeStaff
    from projects.models import Project
    from projects.rules import submission_problems

    project = Project.objects.get(acronym="HEATWISE")
    assert project.status == "draft"
    assert project.collaborators.get().user.email == "applicant@example.org"
    assert submission_problems(project)  # the checklist has something to show
    assert ProgrammeStaff.objects.filter(user__email="staff@example.org", programme=project.programme).exists()


def test_the_demo_call_has_submitted_assessed_and_decided_applications(demo):
    from projects.dashboard import programme_dashboard
    from projects.models import Assessment
    from projects.reports.call import sheets

    call = Call.objects.get(reference="CE-2026-01")
    applications = call.projects.exclude(status="draft")
    statuses = set(applications.values_list("status", flat=True))
    assert statuses == {"submitted", "eligible", "ineligible", "approved", "approved_with_conditions", "not_approved"}
    for project in applications:  # through the services: submitted, and each step in the history with its author
        assert project.submissions.exists(), project
        assert project.status_history.filter(to_status=project.status, by__isnull=False).exists(), project
    scored = Assessment.objects.filter(project__call=call, kind="quality", completed_at__isnull=False)
    assert scored.count() == 4 and all(a.total_score for a in scored)
    assert set(call.projects.filter(decisions__isnull=False).values_list("status", flat=True)) == {
        "approved",
        "approved_with_conditions",
        "not_approved",
    }
    assert sheets({"call": call.pk})[0].rows().count() == 6  # the call report's applications
    chart = programme_dashboard(call.programme)["open_calls"][0]["chart"]
    assert len(chart.bars) >= 6


DEMO_APPLICATIONS = ["GREENHEAT", "HEATWISE", "CLIMAREADY"]


def test_demo_programmes_have_the_common_indicators_linked_to_their_objectives(demo):
    from programmes.models import Indicator

    programme = Programme.objects.get(slug="interreg-central-europe")
    indicators = {i.code: i for i in Indicator.objects.filter(programme=programme)}
    assert indicators["RCO 84"].name == "Pilot actions developed jointly and implemented in projects"
    assert (indicators["RCO 84"].unit, indicators["RCO 84"].kind) == ("pilot actions", "output")
    assert (indicators["RCO 87"].unit, indicators["RCO 116"].unit) == ("organisations", "solutions")
    assert (indicators["RCR 79"].kind, indicators["RCR 104"].kind, indicators["RCR 84"].kind) == ("result",) * 3
    assert all(code.startswith("RCO ") == (i.kind == "output") for code, i in indicators.items())
    objectives = set(programme.priorities.values_list("objectives__code", flat=True))
    assert set(indicators["RCR 104"].objectives.values_list("code", flat=True)) == objectives


def test_demo_calls_have_a_setup_with_funds_periods_flat_rate_and_a_two_step_call(demo):
    from programmes.call_template import CRITERIA, ELIGIBILITY

    for call in Call.objects.filter(reference__in=["CE-2026-01", "ATCZ-2027-01", "IE-2025-04"]):
        assert call.reporting_period_months == 6
        assert {(f.fund, f.max_rate) for f in call.funds.all()} >= {("erdf", Decimal("80"))}
        assert list(call.eligibility_items.values_list("key", flat=True)) == [key for key, _label in ELIGIBILITY]
        assert [(c.key, c.weight, c.sections) for c in call.criteria.all()] == [
            (key, weight, sections) for key, _l, _n, weight, sections in CRITERIA
        ]
        assert not call.eligibility_items.exclude(label="").exists() and not call.criteria.exclude(label="").exists()
        assert sum(c.weight for c in call.criteria.all()) == 100
    assert Call.objects.get(reference="CE-2026-01").office_flat_rate == Decimal("15")
    two_step = Call.objects.get(reference="ATCZ-2027-01")
    assert two_step.kind == "two_step" and two_step.step2_closes_at > two_step.closes_at
    assert "description" in two_step.step1_sections


def test_demo_applications_have_a_work_plan_with_outputs_and_results_on_common_indicators(demo):
    for acronym in DEMO_APPLICATIONS:
        project = Project.objects.get(acronym=acronym)
        packages = list(project.work_packages.all())
        assert 3 <= len(packages) <= 4, acronym
        for package in packages:
            assert package.activities.exists() and package.outputs.exists(), (acronym, package)
            assert all(a.deliverables.exists() for a in package.activities.all()), (acronym, package)
            assert package.responsible.project_id == project.pk
        outputs = [o.indicator for p in packages for o in p.outputs.all()]
        assert outputs and all(i.code.startswith("RCO ") and i.kind == "output" for i in outputs)
        results = list(project.results.select_related("indicator"))
        assert results and all(r.indicator.code.startswith("RCR ") and r.indicator.kind == "result" for r in results)
        assert project.objectives.count() >= 2 and project.target_groups.count() >= 2
        assert project.description.context and project.description.sustainable_development_justification
        budgeted = project.partners.exclude(role="associated")
        assert all(p.work_packages.exists() for p in budgeted), acronym  # each partner in a work package


def test_demo_budgets_add_up_to_the_stored_partner_totals(demo):
    from partnerships.budget import project_budget

    projects = Project.objects.filter(acronym__in=DEMO_APPLICATIONS) | Call.objects.get(
        reference="CE-2026-01"
    ).projects.exclude(status="draft")
    assert projects.count() == len(DEMO_APPLICATIONS) + 6
    for project in projects:
        overview = project_budget(project)
        assert overview.total > 0, project
        for partner in overview.partners:
            computed = partner.computed_budget
            assert partner.budget_lines.count() >= 2 * len(overview.periods), partner  # by category and period
            assert (partner.budget, partner.cofinancing_rate) == (computed.total, computed.cofinancing_rate)
            assert sum(c.amount for c in partner.contributions.all()) == computed.own_contribution, partner
            assert set(partner.funds.values_list("fund", flat=True)) == {"erdf"}


def test_office_costs_of_the_flat_rate_call_are_computed_not_typed(demo):
    from partnerships.budget import project_budget

    project = Project.objects.get(acronym="HEATWISE")
    assert not project.partners.filter(budget_lines__category="office").exists()
    overview = project_budget(project)
    assert overview.by_category["office"] == sum(p.computed_budget.by_category["office"] for p in overview.partners) > 0


def test_demo_partners_have_their_details(demo):
    partner = Project.objects.get(acronym="GREENHEAT").partners.select_related("organisation").get(abbreviation="BCA")
    assert (partner.organisation.size, partner.organisation.nace_code) == ("small", "O84.13")
    assert partner.department_nuts.code == "HU110" and partner.legal_representative and partner.experience
    assert partner.vat_recovery == "no" and partner.role_in_project
    assert partner.state_aid_economic_activity is False
    assert partner.contributions.filter(kind="automatic_public").exists()  # Hungary's national co-financing


def test_every_demo_project_has_a_description(demo):
    assert Project.objects.exists() and not Project.objects.filter(description__isnull=True).exists()


def test_greenheat_after_its_contract(demo):
    """Issue 18, item 10: each state reached through the services (a step in the history by its author). Seeding
    twice changes nothing: test_seed_is_idempotent counts every row of the domain, these included."""
    from partnerships.iban import iban_problem
    from programmes.models import ProgrammeStaff
    from projects.models import ControllerAssignment, ProjectContract

    project = Project.objects.get(acronym="GREENHEAT")
    roles = dict(ProgrammeStaff.objects.filter(programme=project.programme).values_list("user__email", "role"))
    assert roles["controller@example.org"] == "controller" and roles["finance@example.org"] == "finance"
    assert roles["staff@example.org"] == "manager"  # the second person who confirms the payments
    assert ProjectContract.objects.filter(project=project, contract_date__isnull=False).exists()
    assert project.reporting_deadlines.count() == 6  # 36 months in periods of 6
    budgeted = project.partners.exclude(role="associated")
    assert all(iban_problem(p.bank_account.iban) is None for p in budgeted)
    assigned = ControllerAssignment.objects.filter(controller__email="controller@example.org")
    assert set(assigned.values_list("partner__abbreviation", flat=True)) == {"VIE", "BCA", "LEC"}

    reports = {(r.partner.abbreviation, r.period): r for r in project.partner_reports.select_related("partner")}
    assert {key: r.status for key, r in reports.items()} == {
        ("BCA", 1): "certified",
        ("BCA", 2): "in_control",
        ("VIE", 1): "certified",
    }
    for report in reports.values():
        assert report.steps.filter(to_status=report.status, by__isnull=False).exists(), report
    bca_1 = reports["BCA", 1]
    controls = dict(bca_1.lines.values_list("control", "deducted"))
    assert controls["deducted"] > 0 and "parked" in controls and "certified" in controls
    parked = bca_1.lines.get(control="parked")
    assert reports["BCA", 2].lines.filter(parked_from=parked).count() == 1  # the parked line reappears, once

    project_report = project.project_reports.get()
    assert (project_report.period, project_report.status) == (1, "verified")
    assert set(project_report.certificates.values_list("partner_report__partner__abbreviation", flat=True)) == {
        "BCA",
        "VIE",
    }
    payments = list(project_report.claim.payments.select_related("authorised_by", "confirmed_by"))
    assert payments and all(p.status == "paid" and p.paid_amount == p.amount_due > 0 for p in payments)
    assert {(p.authorised_by.email, p.confirmed_by.email) for p in payments} == {
        ("finance@example.org", "staff@example.org")
    }
    # the EU part (ERDF, 80 %) of the verified expenditure: BCA's 18,150 less 900 deducted and 3,150 parked, VIE's
    assert project_report.claim.total_eligible == Decimal("14100.00") + Decimal("31640.00")
    assert sum(p.amount_due for p in payments) == project_report.claim.total_eligible * Decimal("0.8")


def test_every_demo_login_is_in_the_launcher_banner_and_the_readme():
    from pathlib import Path

    from django.conf import settings

    from interact_portal.demo.users import DEMO_USERS
    from interact_portal.launcher import DEMO_LOGINS

    readme = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    for email in DEMO_USERS:
        assert email in DEMO_LOGINS and f"| `{email}` |" in readme, email


def test_the_demo_has_a_closed_project_with_published_results(demo, client):
    """INNOBORDER was closed through the services (issue 19): its results are on the public page and in the facet."""
    from projects.filters import SearchState
    from projects.search import public_search

    project = Project.objects.get(acronym="INNOBORDER")
    assert (project.status, project.has_results) == ("closed", True)
    assert project.project_reports.get(is_final=True).status == "submitted"
    assert "Forty-two small firms" in client.get(f"/projects/{project.pk}/").content.decode()
    facet = {v.value: v.count for v in public_search(SearchState()).facets["results"]}
    assert facet["yes"] == Project.objects.filter(has_results=True).count()
    call_command("seed_demo", verbosity=0)  # again: nothing changes
    assert Project.objects.get(pk=project.pk).status == "closed"
    assert project.status_history.filter(from_status="contracted", to_status="closed").count() == 1
