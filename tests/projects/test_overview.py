"""The overview of an application after it left the applicants' hands: no deadline to count down, the next steps,
and a status history that names the programme and the role, never a staff member's address."""

import pytest
from django.urls import reverse
from django.utils import timezone

from projects.services.assessment import assessors_assign, eligibility_record, quality_record
from projects.services.decisions import contract_record, decision_record
from projects.workflow import Status
from tests.factories import CollaboratorFactory, ProjectFactory, ProjectPartnerFactory
from tests.staff.conftest import all_passed, all_scored, office  # noqa: F401

pytestmark = pytest.mark.django_db
WORKSPACE = ["detail", "identification", "partners", "budget", "annexes", "collaborators", "check"]


def approved(office):  # noqa: F811
    eligibility_record(project=office.project, by=office.officer, results=all_passed())
    assessors_assign(project=office.project, by=office.officer, assessors=[office.assessor])
    quality_record(project=office.project, by=office.assessor, scores=all_scored())
    decision_record(
        project=office.project, by=office.programme_manager, outcome=Status.APPROVED, decided_on=timezone.localdate()
    )
    office.project.refresh_from_db()
    return office.project


def test_every_workspace_page_of_a_project_without_a_call_answers(client, office):  # noqa: F811
    project = ProjectFactory(programme=office.programme, call=None, status=Status.CONTRACTED, acronym="NOCALL")
    CollaboratorFactory(project=project, user=office.manager)
    ProjectPartnerFactory(project=project, contact_user=office.manager)
    client.force_login(office.manager)
    for page in WORKSPACE:
        response = client.get(reverse(f"projects:{page}", args=[project.pk]))
        assert response.status_code == 200, page
        assert 'class="deadline"' not in response.content.decode(), page


def test_an_approved_application_shows_next_steps_and_no_countdown(client, office):  # noqa: F811
    project = approved(office)
    client.force_login(office.manager)
    page = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert "left</strong>" not in page and 'class="deadline"' not in page
    assert "Next steps" in page and "subsidy contract" in page


def test_a_contracted_project_shows_its_dates_not_a_countdown(client, office):  # noqa: F811
    project = approved(office)
    today = timezone.localdate()
    contract_record(project=project, by=office.officer, start_date=today, end_date=today.replace(year=today.year + 2))
    client.force_login(office.partner_user)
    page = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert 'class="deadline"' not in page and "Next steps" in page and "runs from" in page


def test_a_draft_still_counts_down_to_its_deadline(client, office):  # noqa: F811
    draft = ProjectFactory(programme=office.programme, call=office.call, acronym="DRAFT")
    CollaboratorFactory(project=draft, user=office.manager)
    client.force_login(office.manager)
    page = client.get(reverse("projects:detail", args=[draft.pk])).content.decode()
    assert 'class="deadline"' in page and "left</strong>" in page


def test_applicants_read_the_programme_and_the_role_not_a_staff_address(client, office):  # noqa: F811
    project = approved(office)
    client.force_login(office.manager)
    page = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    for person in (office.officer, office.programme_manager):
        assert person.email not in page
    assert f"{office.programme.name} · programme officer" in page
    assert f"{office.programme.name} · programme manager" in page
    assert office.manager.email in page or str(office.manager) in page  # who submitted: a collaborator


def test_the_overview_costs_the_same_with_a_longer_history(client, office, django_assert_max_num_queries):  # noqa: F811
    project = approved(office)
    client.force_login(office.manager)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("projects:detail", args=[project.pk])).status_code == 200


def test_a_new_partnership_page_shows_what_is_needed_not_red_errors(client, ready):
    """Before the person did anything, the partnership and budget pages say what is still needed, calmly."""
    from projects.services.applications import application_start
    from tests.factories import OrganisationFactory, UserFactory

    user = UserFactory()
    organisation = OrganisationFactory(country=ready.austria)
    project = application_start(call=ready.call, organisation=organisation, acronym="NEW", by=user)
    client.force_login(user)
    for page in ("partners", "budget"):
        html = client.get(reverse(f"projects:{page}", args=[project.pk])).content.decode()
        assert 'class="problem"' not in html and "errorlist" not in html and "form-errors" not in html, page
        assert "Still needed before submitting" in html, page
    response = client.post(reverse("projects:partner_add", args=[project.pk]), {})
    assert response.status_code == 400 and "errorlist" in response.content.decode()  # after a POST: the errors
