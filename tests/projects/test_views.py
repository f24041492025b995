"""The workspace pages: only collaborators see them, state changes only by POST, constant queries, no 500s."""

import pytest
from django.urls import reverse

from partnerships.models import ProjectPartner
from projects.models import Annex, Submission
from tests.factories import InvitationFactory, OrganisationFactory, ProjectPartnerFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def urls(ready, settings, tmp_path):
    """Every URL of one application (GET pages and POST actions), with real objects behind each."""
    settings.MEDIA_ROOT = tmp_path
    p = ready.project.pk
    annex = Annex.objects.create(
        project=ready.project, title="Plan", file="annexes/x.pdf", original_name="plan.pdf", content_type="x", size=1
    )
    submission = Submission.objects.create(
        project=ready.project, number=1, submitted_at=ready.project.created_at, submitted_by=ready.manager, snapshot={}
    )
    invitation = InvitationFactory(project=ready.project)
    collaborator = ready.project.collaborators.get(user=ready.partner_user)
    pages = [
        reverse("projects:detail", args=[p]),
        reverse("projects:identification", args=[p]),
        reverse("projects:budget", args=[p]),
        reverse("projects:check", args=[p]),
        reverse("projects:partners", args=[p]),
        reverse("projects:partner", args=[p, ready.partner.pk]),
        reverse("projects:annexes", args=[p]),
        reverse("projects:annex", args=[p, annex.pk]),
        reverse("projects:collaborators", args=[p]),
        reverse("projects:submission_pdf", args=[p, submission.pk]),
    ]
    actions = [
        reverse("projects:submit", args=[p]),
        reverse("projects:partner_add", args=[p]),
        reverse("projects:partner_remove", args=[p, ready.partner.pk]),
        reverse("projects:partner_lead", args=[p, ready.partner.pk]),
        reverse("projects:invite", args=[p]),
        reverse("projects:invitation_withdraw", args=[p, invitation.pk]),
        reverse("projects:invitation_resend", args=[p, invitation.pk]),
        reverse("projects:annex_delete", args=[p, annex.pk]),
        reverse("projects:collaborator", args=[p, collaborator.pk]),
    ]
    return pages, actions


def test_another_applicant_gets_404_on_every_application_url(client, ready, urls):
    pages, actions = urls
    client.force_login(UserFactory())
    statuses = {url: client.get(url).status_code for url in pages}
    statuses |= {url: client.post(url).status_code for url in actions + pages}
    assert set(statuses.values()) == {404}, statuses
    assert ready.project.partners.count() == 2


def test_anonymous_visitors_are_sent_to_log_in(client, urls):
    pages, actions = urls
    for url in pages + actions:
        response = client.post(url) if url in actions else client.get(url)
        assert response.status_code == 302 and response.url.startswith("/accounts/login/"), url


def test_actions_refuse_get(client, ready, urls):
    client.force_login(ready.manager)
    _pages, actions = urls
    assert {client.get(url).status_code for url in actions} == {405}


def test_a_viewer_gets_the_reason_when_acting_beyond_their_level(client, ready):
    client.force_login(ready.partner_user)
    response = client.post(reverse("projects:partner", args=[ready.project.pk, ready.lead.pk]), {"version": 1})
    assert response.status_code == 403
    assert "only your own partner section" in response.content.decode()


def test_programme_staff_download_the_pdf_and_other_staff_do_not(client, ready, urls):
    from django.core.files.base import ContentFile

    submission = Submission.objects.get()
    submission.pdf.save("x.pdf", ContentFile(b"%PDF-1.3 test"))
    ready.project.status = "submitted"  # as the submission left it (drafts are their applicants' only)
    ready.project.save(update_fields=["status"])
    url = reverse("projects:submission_pdf", args=[ready.project.pk, submission.pk])
    client.force_login(ready.staff)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    client.force_login(UserFactory(is_staff=True))
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "name", ["detail", "identification", "budget", "check", "partners", "annexes", "collaborators"]
)
def test_each_page_costs_the_same_queries_with_2_or_20_partners(client, ready, name):
    client.force_login(ready.manager)
    url = reverse(f"projects:{name}", args=[ready.project.pk])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for _ in range(18):
        ProjectPartnerFactory(project=ready.project, organisation=OrganisationFactory(country=ready.slovakia))
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    # the ceiling: the section navigation runs the whole checklist (work plan and budget rules included)
    assert len(many) == len(few) <= 16


def test_application_list_costs_the_same_for_1_or_10_applications(client, ready):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from projects.models import CollaboratorLevel
    from tests.factories import CollaboratorFactory, ProjectFactory

    client.force_login(ready.manager)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("projects:list"))
    for _ in range(9):
        CollaboratorFactory(
            project=ProjectFactory(programme=ready.programme, call=ready.call),
            user=ready.manager,
            level=CollaboratorLevel.MANAGE,
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("projects:list"))
    assert response.content.decode().count("/applications/") >= 10
    assert len(many) == len(few)


def test_saving_identification_with_bad_input_shows_errors_next_to_fields(client, ready):
    client.force_login(ready.manager)
    url = reverse("projects:identification", args=[ready.project.pk])
    response = client.post(url, {"acronym": "X" * 40, "duration_months": "many", "version": "1"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "at most 25 characters" in html and "Enter a whole number" in html
    ready.project.refresh_from_db()
    assert ready.project.acronym == "DANUBE-AIR"


def test_a_stale_save_shows_both_versions_and_keeps_the_users_input(client, ready):
    client.force_login(ready.manager)
    url = reverse("projects:partner", args=[ready.project.pk, ready.partner.pk])
    ProjectPartner.objects.filter(pk=ready.partner.pk).update(contact_name="Saved by Peter", version=2)
    response = client.post(
        url,
        {
            "abbreviation": "PP2",
            "contact_name": "Typed by Maria",
            "contact_email": "p@example.org",
            "budget": "100000",
            "cofinancing_rate": "80",
            "version": "1",
        },
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else changed this section" in html
    assert "Saved by Peter" in html and 'value="Typed by Maria"' in html
    assert 'name="version" value="2"' in html
    assert ProjectPartner.objects.get(pk=ready.partner.pk).contact_name == "Saved by Peter"


def test_submit_twice_through_the_view_says_it_was_already_submitted(client, ready):
    client.force_login(ready.manager)
    url = reverse("projects:submit", args=[ready.project.pk])
    client.post(url, {"confirm": "on"})
    response = client.post(url, {"confirm": "on"}, follow=True)
    assert "already submitted; nothing was changed" in response.content.decode()
    assert Submission.objects.count() == 1


def test_submit_of_an_incomplete_application_lists_what_to_fix(client, ready):
    ProjectPartner.objects.filter(pk=ready.partner.pk).update(contact_email="")
    client.force_login(ready.manager)
    response = client.post(reverse("projects:submit", args=[ready.project.pk]), {"confirm": "on"}, follow=True)
    html = response.content.decode()
    assert "cannot be submitted yet" in html
    assert f"/partners/{ready.partner.pk}/#id_contact_email" in html
    assert 'id="submit-button" disabled' in html


@pytest.mark.parametrize("signed", ["garbage", "a:b:c", "x" * 300])
def test_a_bad_invitation_link_is_a_clear_404(client, signed):
    response = client.get(reverse("projects:invitation", args=[signed]))
    assert response.status_code == 404
    assert "not valid" in response.content.decode()


def test_start_with_nothing_chosen_explains_and_saves_nothing(client, ready):
    client.force_login(UserFactory())
    response = client.post(reverse("projects:start", args=[ready.call.pk]), {"acronym": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose your organisation" in html and "This field is required" in html


def test_start_with_a_new_organisation_creates_it_with_the_application(client, ready):
    user = UserFactory()
    client.force_login(user)
    data = {
        "acronym": "RIVERS",
        "organisation": "new",
        "org-name": "Regional Agency Burgenland",
        "org-type": "regional_authority",
        "org-sector": "public",
        "org-country": "AT",
        "org-pic": "111222333",
    }
    response = client.post(reverse("projects:start", args=[ready.call.pk]), data)
    assert response.status_code == 302
    lead = ProjectPartner.objects.get(project__acronym="RIVERS")
    assert lead.organisation.name == "Regional Agency Burgenland" and lead.contact_user == user


def test_start_with_a_bad_acronym_does_not_leave_the_new_organisation_behind(client, ready):
    from partnerships.models import Organisation

    client.force_login(UserFactory())
    before = Organisation.objects.count()
    data = {"acronym": "", "organisation": "new", "org-name": "Orphan", "org-type": "sme", "org-sector": "private"}
    data["org-country"] = "AT"
    response = client.post(reverse("projects:start", args=[ready.call.pk]), data)
    assert response.status_code == 400
    assert Organisation.objects.count() == before


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("partner_add", {"organisation": "abc", "role": "partner"}),
        ("partner_add", {"organisation": "999999", "role": "lead"}),
        ("partner_add", {"organisation": "new", "org-name": "", "org-pic": "12", "role": "partner"}),
        ("invite", {"email": "not-an-email", "role": "partner"}),
        ("invite", {"email": "a@example.org", "role": "lead"}),
        ("annexes", {"title": "No file"}),
        ("identification", {"version": "abc", "acronym": "OK", "title": "A title"}),
        ("identification", {"version": "1", "acronym": "OK", "specific_objective": "x", "duration_months": "-3"}),
    ],
)
def test_bad_input_is_a_400_with_a_message_and_saves_nothing(client, ready, name, data):
    client.force_login(ready.manager)
    before = (ready.project.partners.count(), ready.project.invitations.count(), ready.project.annexes.count())
    response = client.post(reverse(f"projects:{name}", args=[ready.project.pk]), data)
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()
    after = (ready.project.partners.count(), ready.project.invitations.count(), ready.project.annexes.count())
    assert after == before
    ready.project.refresh_from_db()
    assert ready.project.acronym == "DANUBE-AIR"


def test_a_partner_of_another_application_is_404_even_for_a_manager(client, ready):
    other = ProjectPartnerFactory()
    client.force_login(ready.manager)
    assert client.get(reverse("projects:partner", args=[ready.project.pk, other.pk])).status_code == 404


def test_an_unknown_collaborator_level_is_refused_with_a_message(client, ready):
    client.force_login(ready.manager)
    collaborator = ready.project.collaborators.get(user=ready.partner_user)
    url = reverse("projects:collaborator", args=[ready.project.pk, collaborator.pk])
    response = client.post(url, {"level": "owner", "action": "level"}, follow=True)
    assert "Choose view, edit or manage." in response.content.decode()
    collaborator.refresh_from_db()
    assert collaborator.level == "view"
