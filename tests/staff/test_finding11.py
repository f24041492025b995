"""What a programme's staff found missing on their first day: who records the decision, a text search in the
application list, and the call report in the staff navigation with a clear label."""

import pytest
from django.urls import reverse

from projects.services.assessment import eligibility_record
from projects.workflow import Status
from tests.factories import OrganisationFactory, ProjectFactory, ProjectPartnerFactory
from tests.staff.conftest import all_passed

pytestmark = pytest.mark.django_db


def test_an_officers_next_steps_say_who_records_the_decision(client, office):
    eligibility_record(project=office.project, by=office.officer, results=all_passed())
    client.force_login(office.officer)
    page = client.get(reverse("staff:application", args=[office.programme.slug, office.project.pk])).content.decode()
    assert "Record the decision" not in page
    assert "The programme manager records the funding decision" in page


def _application(office, acronym: str, title: str, lead: str):
    project = ProjectFactory(
        programme=office.programme, call=office.call, status=Status.SUBMITTED, acronym=acronym, title=title
    )
    ProjectPartnerFactory(project=project, role="lead", organisation=OrganisationFactory(name=lead))
    return project


@pytest.mark.parametrize(
    ("words", "found"),
    [("river", {"RIVERS"}), ("Bridges over", {"BRIDGE"}), ("Graz", {"RIVERS"}), ("danube-air", {"DANUBE-AIR"})],
)
def test_the_application_list_searches_acronym_title_and_lead_partner(client, office, words, found):
    _application(office, "RIVERS", "Living rivers", "Stadt Graz")
    _application(office, "BRIDGE", "Bridges over the border", "Mesto Kosice")
    client.force_login(office.officer)
    response = client.get(reverse("staff:applications", args=[office.programme.slug]), {"q": words})
    listed = {project.acronym for project in response.context["page"]}
    assert listed == found


def test_the_searched_list_costs_the_same_queries_with_more_applications(client, office, django_assert_num_queries):
    client.force_login(office.officer)
    url = reverse("staff:applications", args=[office.programme.slug])
    client.get(url, {"q": "a"})
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url, {"q": "a"})
    for n in range(12):
        _application(office, f"AIR{n}", "Air quality", f"City {n}")
    with django_assert_num_queries(len(few)):
        client.get(url, {"q": "a"})


def test_the_call_report_is_in_the_staff_navigation_with_a_clear_label(client, office, django_assert_max_num_queries):
    client.force_login(office.officer)
    dashboard = client.get(reverse("staff:dashboard", args=[office.programme.slug])).content.decode()
    url = reverse("staff:reports", args=[office.programme.slug])
    assert f'href="{url}"' in dashboard
    with django_assert_max_num_queries(15):
        page = client.get(url).content.decode()
    assert "Call report (Excel)" in page and "Call report (CSV)" in page and office.call.reference in page
    assert "Programme report (Excel)" in page and "Programme report (PDF)" in page
    calls = client.get(reverse("staff:calls", args=[office.programme.slug])).content.decode()
    assert "Report: XLSX" not in calls and "Call report (Excel)" in calls
