"""Check your answers: the summary of every section before submitting, the confirmation it asks for, and the one
function that gathers every answer in a constant number of queries."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.choices import PartnerRole
from projects.answers import application_answers
from projects.models import Activity, Deliverable, Project, ProjectOutput, Submission, WorkPackage
from projects.workflow import Status
from tests.factories import OrganisationFactory, ProjectPartnerFactory

from .factories_application import full_application, indicators, partner_budget

pytestmark = pytest.mark.django_db


def _summary(client, project):
    return client.get(reverse("projects:summary", args=[project.pk]))


def test_summary_shows_every_section_with_a_change_link(client, ready):
    project = full_application(ready)
    client.force_login(ready.manager)
    response = _summary(client, project)
    assert response.status_code == 200
    html = response.content.decode()
    for heading in [
        "1. Identification",
        "2. Project description",
        "3. Partnership",
        "4. Work plan",
        "5. Outputs and results",
        "6. Budget",
        "7. Annexes",
    ]:
        assert heading in html
    assert html.count(">Change<span") == 7
    for text in [
        "Cleaner air along the Danube",  # identification
        "Air pollution crosses the border",  # description
        "Measure air quality jointly",  # objectives
        "Local public authority",  # target groups
        "Mesto Bratislava",  # partner details
        "Joint air-quality monitoring",  # work package
        "Install sensor network",  # activity
        "Sensor map",  # deliverable
        "RCO 84",  # output indicator
        "RCR 104",  # result indicator
        "Office and administration",  # a flat-rate category of the budget
        "Budget of LP",  # a contribution's source
    ]:
        assert text in html, text
    assert f'href="{reverse("projects:identification", args=[project.pk])}"' in html
    assert f'href="{reverse("projects:budget", args=[project.pk])}"' in html


def test_the_check_page_links_to_the_summary(client, ready):
    client.force_login(ready.manager)
    html = client.get(reverse("projects:check", args=[ready.project.pk])).content.decode()
    assert f'href="{reverse("projects:summary", args=[ready.project.pk])}"' in html


def test_answers_compute_the_budget_with_flat_rates_from_the_call(ready):
    project = full_application(ready)
    budget = application_answers(project)["budget"]
    # per partner and period: staff 10,000 + travel 1,000 + external 2,000 + office 15 % of staff 1,500 = 14,500
    lead, partner = budget["partners"]
    assert partner["total"] == Decimal("72500.00")
    assert lead["total"] == Decimal("77500.00")  # with the preparation lump sum
    office = next(row for row in budget["by_category"] if row["category"] == "office")
    assert office["total"] == Decimal("15000.00") and office["cells"][0] == Decimal("3000.00")
    assert budget["total"] == Decimal("150000.00")
    assert budget["funds"][0]["fund"] == "erdf" and budget["funds"][0]["amount"] == Decimal("120000.00")
    assert sum(row["total"] for row in budget["by_category"]) + budget["preparation"] == budget["total"]


def test_submit_refuses_without_the_confirmation_next_to_the_checkbox(client, ready):
    client.force_login(ready.manager)
    response = client.post(reverse("projects:submit", args=[ready.project.pk]))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Tick the box to confirm the information is correct and complete." in html
    assert 'href="#id_confirm"' in html  # in the error summary
    assert 'id="field-id_confirm"' in html
    ready.project.refresh_from_db()
    assert ready.project.status == Status.DRAFT and not Submission.objects.exists()


def test_submit_with_the_confirmation_submits(client, ready):
    full_application(ready)
    client.force_login(ready.manager)
    response = client.post(reverse("projects:submit", args=[ready.project.pk]), {"confirm": "on"})
    assert response.status_code == 302
    ready.project.refresh_from_db()
    assert ready.project.status == Status.SUBMITTED


def test_submit_by_a_viewer_is_refused_before_the_confirmation_is_asked(client, ready):
    client.force_login(ready.partner_user)
    response = client.post(reverse("projects:submit", args=[ready.project.pk]))
    assert response.status_code == 403


def test_application_answers_take_the_same_queries_at_1_and_20_partners_and_work_packages(
    ready, django_assert_num_queries
):
    small = full_application(ready, extra_partners=0, work_packages=1)
    with CaptureQueriesContext(connection) as few:
        application_answers(small)
    big = full_application_more(ready, partners=18, work_packages=19)
    big = Project.objects.select_related("call", "programme", "specific_objective").get(pk=big.pk)
    with django_assert_num_queries(len(few)):
        answers = application_answers(big)
    assert len(answers["partners"]) == 20 and len(answers["work_packages"]) == 20


def full_application_more(ready, *, partners: int, work_packages: int):
    """Grow the application already filled in: more partners and work packages with the same rows each."""
    project = ready.project
    output_indicator, _ = indicators(ready.programme)
    added = [
        ProjectPartnerFactory(
            project=project,
            organisation=OrganisationFactory(country=ready.slovakia),
            abbreviation=f"PX{n}",
            role=PartnerRole.PARTNER,
            order=10 + n,
        )
        for n in range(partners)
    ]
    for partner in added:
        partner_budget(partner, 5)
    start = WorkPackage.objects.filter(project=project).count()
    for w in range(start + 1, start + work_packages + 1):
        wp = WorkPackage.objects.create(project=project, number=w, title=f"WP {w}", start_period=1, end_period=5)
        wp.partners.set(added[:3])
        activity = Activity.objects.create(work_package=wp, number=1, title=f"A {w}", start_period=1, end_period=5)
        activity.partners.set(added[:2])
        Deliverable.objects.create(activity=activity, number=1, title=f"D {w}", period=2)
        ProjectOutput.objects.create(
            work_package=wp, number=1, indicator=output_indicator, title=f"O {w}", target_value=1, period=5
        )
    return project


def test_summary_page_takes_the_same_queries_at_1_and_20_partners_and_work_packages(
    client, ready, django_assert_num_queries
):
    project = full_application(ready, work_packages=1)
    client.force_login(ready.manager)
    _summary(client, project)  # warm the session and caches
    with CaptureQueriesContext(connection) as few:
        assert _summary(client, project).status_code == 200
    full_application_more(ready, partners=18, work_packages=19)
    with django_assert_num_queries(len(few)):
        response = _summary(client, project)
    assert response.status_code == 200 and "PX17" in response.content.decode()
