"""The staff pages: the steps through the browser's forms, filters, and the same number of queries at any size."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from partnerships.choices import PartnerRole
from projects.services.assessment import assessors_assign, quality_record
from projects.workflow import Status
from tests.factories import OrganisationFactory, ProjectFactory, ProjectPartnerFactory
from tests.staff.conftest import all_scored

pytestmark = pytest.mark.django_db
MAX_QUERIES = 15
# the dashboard also counts, after the contract, deadlines due and overdue, the control backlog, and the project
# reports and payments waiting: one query each, whatever their number
MAX_QUERIES_OF = {"dashboard": 16}


def test_eligibility_form_with_a_failed_item_without_comment_is_400_and_changes_nothing(client, office):
    client.force_login(office.officer)
    url = reverse("staff:eligibility", args=[office.programme.slug, office.project.pk])
    data = {"in_time": "pass", "partnership": "pass", "lead_partner": "pass", "objective": "pass"}
    response = client.post(url, {**data, "cofinancing": "pass", "annexes": "fail"})
    assert response.status_code == 400
    assert "Say why this item failed" in response.content.decode()
    office.project.refresh_from_db()
    assert office.project.status == Status.SUBMITTED


def test_the_whole_assessment_through_the_forms(client, office):
    slug, pk = office.programme.slug, office.project.pk
    client.force_login(office.officer)
    passed = dict.fromkeys(("in_time", "partnership", "lead_partner", "objective", "cofinancing", "annexes"), "pass")
    assert client.post(reverse("staff:eligibility", args=[slug, pk]), passed).status_code == 302
    response = client.post(reverse("staff:assessors", args=[slug, pk]), {"assessors": [office.assessor.pk]})
    assert response.status_code == 302
    client.force_login(office.assessor)
    scores = dict.fromkeys(("relevance", "partnership", "work_plan", "results", "budget"), "4")
    assert client.post(reverse("staff:quality", args=[slug, pk]), scores).status_code == 302
    client.force_login(office.programme_manager)
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = client.post(reverse("staff:decision", args=[slug, pk]), {"outcome": "approved", "decided_on": future})
    assert response.status_code == 400 and "cannot be in the future" in response.content.decode()
    today = timezone.localdate().isoformat()
    response = client.post(reverse("staff:decision", args=[slug, pk]), {"outcome": "approved", "decided_on": today})
    assert response.status_code == 302
    page = client.get(reverse("staff:application", args=[slug, pk])).content.decode()
    assert "Average weighted score 4.00 of 5" in page and "Record the contract" in page
    client.force_login(office.manager)  # the applicant sees the decision in their history
    assert "Approved" in client.get(reverse("projects:detail", args=[pk])).content.decode()


def test_spread_between_assessors_is_shown(client, office):
    from projects.services.assessment import eligibility_record
    from tests.staff.conftest import all_passed

    eligibility_record(project=office.project, by=office.officer, results=all_passed())
    assessors_assign(project=office.project, by=office.officer, assessors=[office.assessor, office.officer])
    quality_record(project=office.project, by=office.assessor, scores=all_scored(5))
    quality_record(project=office.project, by=office.officer, scores=all_scored(3))
    client.force_login(office.programme_manager)
    page = client.get(reverse("staff:application", args=[office.programme.slug, office.project.pk])).content.decode()
    assert "Average weighted score 4.00 of 5" in page and "spread between assessors 2.00" in page


def test_application_filters(client, office):
    client.force_login(office.officer)
    url = reverse("staff:applications", args=[office.programme.slug])
    other = ProjectFactory(programme=office.programme, call=office.call, status=Status.SUBMITTED, acronym="NOPE")

    def listed(query: str) -> set:
        return {p.acronym for p in client.get(f"{url}?{query}").context["page"]}

    assert listed("") == {"DANUBE-AIR", "NOPE"}
    assert listed(f"country={office.slovakia.pk}") == {"DANUBE-AIR"}
    assert listed(f"call={office.call.pk}&status=submitted") == {"DANUBE-AIR", "NOPE"}
    assessors_assign(project=other, by=office.officer, assessors=[office.assessor])
    assert listed(f"assessor={office.assessor.pk}") == {"NOPE"}
    assert listed("status=nonsense&call=abc&sort=evil") == {"DANUBE-AIR", "NOPE"}  # ignored, never a 500


def _more_applications(office, n: int):
    for i in range(n):
        project = ProjectFactory(
            programme=office.programme,
            call=office.call,
            status=Status.SUBMITTED,
            submitted_at=timezone.now(),
            specific_objective=office.objective,
            acronym=f"APP{i}",
        )
        organisation = OrganisationFactory(country=office.austria if i % 2 else office.slovakia)
        ProjectPartnerFactory(project=project, organisation=organisation, role=PartnerRole.LEAD)
        ProjectPartnerFactory(project=project, organisation=OrganisationFactory(country=office.slovakia))


@pytest.mark.parametrize("page", ["dashboard", "applications", "calls", "application"])
def test_staff_pages_make_the_same_number_of_queries_at_1_and_30_applications(client, office, page):
    office.call.is_published = True
    office.call.save()
    client.force_login(office.programme_manager)
    args = [office.programme.slug, office.project.pk] if page == "application" else [office.programme.slug]
    url = reverse(f"staff:{page}", args=args)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    one = count()
    _more_applications(office, 30)
    if page == "dashboard":  # after the contract: deadlines due and overdue, reports waiting for control
        _more_reporting(office, 10)
    assert count() == one <= MAX_QUERIES_OF.get(page, MAX_QUERIES)


def _more_reporting(office, n: int):
    from projects.models import ReportingDeadline
    from tests.reporting.conftest import report_with_lines

    today = timezone.localdate()
    for i in range(n):
        project = ProjectFactory(
            programme=office.programme, call=office.call, status=Status.CONTRACTED, acronym=f"RUN{i}"
        )
        lead = ProjectPartnerFactory(project=project, organisation=OrganisationFactory(country=office.austria))
        ReportingDeadline.objects.create(project=project, period=1, due_date=today - timedelta(days=i + 1))
        ReportingDeadline.objects.create(project=project, period=2, due_date=today + timedelta(days=i + 1))
        report_with_lines(lead, period=1, status="submitted")
