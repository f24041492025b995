"""The demo content: idempotent, built from the public facts about Interact, demo users only with DEBUG."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command

from events.models import Event, Material
from interact_portal.accounts.models import User
from programmes.models import Call, Programme
from projects.models import Project

pytestmark = pytest.mark.django_db

DOMAIN = ("programmes", "partnerships", "projects", "events")


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


def test_demo_users_only_when_debug(settings):
    settings.DEBUG = False
    call_command("seed_demo", verbosity=0)
    assert not User.objects.exists()
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    demo_users = User.objects.filter(
        email__in=["admin@example.org", "staff@example.org", "applicant@example.org", "partner@example.org"]
    )
    assert demo_users.count() == 4
    assert all(u.check_password("interact-demo-2024") for u in demo_users)
    assert User.objects.get(email="admin@example.org").is_superuser
    assert User.objects.get(email="staff@example.org").is_staff


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
