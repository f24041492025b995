"""An invitation belongs to its invitee (issue 23, #3): only an account with the invited address, verified, may
accept it; anyone else is told which address it is for (masked) and what to do; an anonymous visitor sees no
address at all; a manager re-sends it to the right address."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from interact_portal.audit.models import AuditEntry
from interact_portal.notifications.models import OutboxEmail
from partnerships.choices import PartnerRole
from partnerships.models import PartnerInvitation
from projects.services import invitations
from projects.services.invitations import invitation_accept, invitation_create, invitation_link
from tests.factories import InvitationFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def invited(ready, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():
        return invitation_create(
            project=ready.project, email="Petra.Novak@Example.org", role=PartnerRole.PARTNER, by=ready.manager
        )


def _path(invitation) -> str:
    return re.search(r"https?://[^/]+(/.*)", invitation_link(invitation)).group(1)


def _nothing_joined(ready, user) -> bool:
    project = ready.project
    return project.partners.count() == 2 and not project.collaborators.filter(user=user).exists()


def test_another_address_is_refused_and_nothing_is_created(ready, invited):
    stranger = UserFactory(email="stranger@example.org")
    with pytest.raises(ValidationError, match=r"This invitation is for p•••@example\.org"):
        invitation_accept(invitation=invited, user=stranger, organisation=OrganisationFactory())
    invited.refresh_from_db()
    assert invited.accepted_at is None and _nothing_joined(ready, stranger)


def test_the_invited_verified_address_is_accepted_whatever_its_case(ready, invited):
    petra = UserFactory(email="petra.novak@example.org")
    partner = invitation_accept(invitation=invited, user=petra, organisation=OrganisationFactory())
    assert partner.contact_user == petra and ready.project.collaborators.filter(user=petra).exists()


def test_a_secondary_verified_address_counts(ready, invited):
    petra = UserFactory(email="petra@home.example")
    EmailAddress.objects.create(user=petra, email="PETRA.NOVAK@example.org", verified=True, primary=False)
    assert invitation_accept(invitation=invited, user=petra, organisation=OrganisationFactory()).contact_user == petra


def test_an_unverified_address_is_refused_with_the_reason(ready, invited):
    petra = UserFactory(email="petra.novak@example.org", verified=False)
    EmailAddress.objects.create(user=petra, email=petra.email, verified=False, primary=True)
    with pytest.raises(ValidationError, match="not confirmed yet"):
        invitation_accept(invitation=invited, user=petra, organisation=OrganisationFactory())
    assert _nothing_joined(ready, petra)


def test_the_page_explains_to_another_account_and_offers_no_form(client, ready, invited):
    stranger = UserFactory(email="stranger@example.org")
    client.force_login(stranger)
    page = client.get(_path(invited))
    html = page.content.decode()
    assert page.status_code == 200
    assert "p•••@example.org" in html and "petra.novak" not in html.lower()
    assert "ask the person who invited you to send it to your address" in html
    assert "Accept and join" not in html and ready.manager.email not in html
    response = client.post(_path(invited), {"organisation": OrganisationFactory().pk})
    assert response.status_code == 403 and _nothing_joined(ready, stranger)
    assert "p•••@example.org" in response.content.decode()


def test_the_page_lets_the_invitee_accept(client, ready, invited):
    petra = UserFactory(email="petra.novak@example.org")
    client.force_login(petra)
    html = client.get(_path(invited)).content.decode()
    assert "Accept and join" in html and ready.manager.get_full_name() in html
    response = client.post(_path(invited), {"organisation": OrganisationFactory().pk})
    assert response.status_code == 302 and ready.project.partners.filter(contact_user=petra).exists()


def test_an_anonymous_visitor_sees_no_address(client, ready, invited):
    html = client.get(_path(invited)).content.decode()
    assert "Log in to accept" in html
    assert "@" not in re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S).split("<main", 1)[1]
    assert ready.manager.email not in html and "petra" not in html.lower()


def test_a_manager_resends_to_another_address(ready, invited, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        new = invitations.invitation_resend(invitation=invited, email=" Petra@Home.Example ", by=ready.manager)
    assert not PartnerInvitation.objects.filter(pk=invited.pk).exists()
    assert (new.email, new.role, new.invited_by) == ("petra@home.example", PartnerRole.PARTNER, ready.manager)
    assert OutboxEmail.objects.filter(to="petra@home.example").exists()
    entry = AuditEntry.objects.filter(action="collaborator.invitation_resent").get()
    assert "petra.novak@example.org" in str(entry.changes) and "petra@home.example" in str(entry.changes)
    petra = UserFactory(email="petra@home.example")
    assert invitation_accept(invitation=new, user=petra, organisation=OrganisationFactory()).contact_user == petra


def test_only_a_manager_may_resend(ready, invited):
    with pytest.raises(PermissionDenied, match="managers"):
        invitations.invitation_resend(invitation=invited, email="x@example.org", by=ready.partner_user)
    assert PartnerInvitation.objects.filter(pk=invited.pk).exists()


def test_the_partnership_page_resends(client, ready, invited):
    client.force_login(ready.manager)
    page = client.get(reverse("projects:partners", args=[ready.project.pk])).content.decode()
    url = reverse("projects:invitation_resend", args=[ready.project.pk, invited.pk])
    assert f'action="{url}"' in page
    response = client.post(url, {"email": "not-an-address"})
    assert response.status_code == 400 and "Enter a valid email address" in response.content.decode()
    response = client.post(url, {"email": "petra@home.example"}, follow=True)
    assert "Invitation sent to petra@home.example" in response.content.decode()
    assert list(ready.project.invitations.values_list("email", flat=True)) == ["petra@home.example"]
    client.force_login(ready.partner_user)
    other = ready.project.invitations.get()
    assert client.post(reverse("projects:invitation_resend", args=[ready.project.pk, other.pk])).status_code == 403


def test_the_partnership_page_costs_the_same_queries_for_more_invitations(
    client, ready, invited, django_assert_num_queries
):
    client.force_login(ready.manager)
    url = reverse("projects:partners", args=[ready.project.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(3):
        InvitationFactory(project=ready.project, invited_by=ready.manager, email=f"more{n}@example.org")
    with django_assert_num_queries(len(one)):
        assert client.get(url).content.decode().count("Re-send the invitation") == 4


def test_the_invitation_page_queries(client, ready, invited, django_assert_max_num_queries):
    client.force_login(UserFactory(email="petra.novak@example.org"))
    with django_assert_max_num_queries(9):
        assert client.get(_path(invited)).status_code == 200
