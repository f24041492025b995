"""Collaborators by invitation (issue 17, item 7): a manager invites a colleague by email at a level, without a
partner section; a signed, expiring link emailed through the outbox; withdrawal and re-sending; only the invited
address may accept, and becomes a collaborator at that level; nobody else reads the invitee's address."""

import re
from datetime import timedelta

import pytest
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from interact_portal.audit.models import AuditEntry
from interact_portal.notifications.models import Notification, OutboxEmail
from projects.models import CollaboratorInvitation, CollaboratorLevel
from projects.services import collaborator_invitations as service
from projects.services.collaborator_invitations import (
    collaborator_invitation_accept,
    collaborator_invitation_create,
    collaborator_invitation_from_link,
    collaborator_invitation_link,
    collaborator_invitation_resend,
    collaborator_invitation_withdraw,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def invited(ready, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        return collaborator_invitation_create(
            project=ready.project, email="Eva.Colleague@Example.org", level=CollaboratorLevel.EDIT, by=ready.manager
        )


def _path(invitation) -> str:
    return re.search(r"https?://[^/]+(/.*)", collaborator_invitation_link(invitation)).group(1)


def test_invite_writes_the_signed_link_to_the_outbox_without_a_partner_section(ready, invited):
    assert invited.email == "eva.colleague@example.org" and invited.level == CollaboratorLevel.EDIT
    email = OutboxEmail.objects.get(key=f"collaborator-invitation:{invited.pk}")
    assert email.to == "eva.colleague@example.org"
    # the link in the email leads to this invitation (signed with a timestamp: rebuilt later it may differ by a second)
    prefix = collaborator_invitation_link(invited).rsplit("/", 2)[0] + "/"
    signed = email.body.split(prefix, 1)[1].split("/", 1)[0]
    assert collaborator_invitation_from_link(signed) == invited
    assert ready.project.partners.count() == 2
    assert AuditEntry.objects.filter(action="collaborator.invited", target_id=str(ready.project.pk)).exists()


def test_invite_through_the_collaborators_page(client, ready):
    client.force_login(ready.manager)
    url = reverse("projects:collaborator_invite", args=[ready.project.pk])
    response = client.post(url, {"email": "new@example.org", "level": "manage"})
    assert response.status_code == 302
    assert CollaboratorInvitation.objects.get(project=ready.project).level == CollaboratorLevel.MANAGE


def test_invite_refuses_a_bad_address_next_to_the_field(client, ready):
    client.force_login(ready.manager)
    response = client.post(reverse("projects:collaborator_invite", args=[ready.project.pk]), {"email": "nope"})
    assert response.status_code == 400 and response.context["invite_form"].errors["email"]


def test_only_managers_invite(ready):
    with pytest.raises(PermissionDenied):
        collaborator_invitation_create(
            project=ready.project, email="x@example.org", level="view", by=ready.partner_user
        )


def test_accepting_makes_the_invitee_a_collaborator_at_the_invited_level(client, ready, invited):
    eva = UserFactory(email="eva.colleague@example.org")
    client.force_login(eva)
    assert client.get(_path(invited)).status_code == 200
    response = client.post(_path(invited))
    assert response.status_code == 302 and response.url == reverse("projects:detail", args=[ready.project.pk])
    collaborator = ready.project.collaborators.get(user=eva)
    assert collaborator.level == CollaboratorLevel.EDIT
    invited.refresh_from_db()
    assert invited.accepted_by == eva and invited.accepted_at is not None
    assert not ready.project.partners.filter(contact_user=eva).exists()
    assert AuditEntry.objects.filter(action="collaborator.added", actor=eva).exists()


def test_other_managers_are_told_when_the_invitee_joins(ready, invited):
    other_manager = UserFactory()
    ready.project.collaborators.create(user=other_manager, level=CollaboratorLevel.MANAGE)
    eva = UserFactory(email="eva.colleague@example.org")
    collaborator_invitation_accept(invitation=invited, user=eva)
    assert Notification.objects.filter(event="application.collaborator_joined", recipient=other_manager).exists()
    assert Notification.objects.filter(event="application.collaborator_joined", recipient=ready.manager).exists()


def test_another_address_is_refused_with_a_masked_address(client, ready, invited):
    stranger = UserFactory(email="stranger@example.org")
    client.force_login(stranger)
    response = client.post(_path(invited))
    assert response.status_code == 403
    body = response.content.decode()
    assert "e•••@example.org" in body and "eva.colleague@example.org" not in body
    assert not ready.project.collaborators.filter(user=stranger).exists()


def test_already_collaborating_person_is_refused_with_a_message(client, ready):
    invitation = CollaboratorInvitation.objects.create(
        project=ready.project,
        email=ready.partner_user.email,
        level=CollaboratorLevel.MANAGE,
        invited_by=ready.manager,
        expires_at=timezone.now() + timedelta(days=3),
    )
    client.force_login(ready.partner_user)
    response = client.post(_path(invitation))
    assert response.status_code == 403 and "You already work on DANUBE-AIR" in response.content.decode()
    assert ready.project.collaborators.get(user=ready.partner_user).level == CollaboratorLevel.VIEW


def test_inviting_an_existing_collaborator_is_refused_next_to_the_email(ready):
    with pytest.raises(ValidationError) as error:
        collaborator_invitation_create(
            project=ready.project, email=ready.partner_user.email, level="edit", by=ready.manager
        )
    assert "already collaborates" in str(error.value.message_dict["email"])


def test_a_second_pending_invitation_to_the_same_address_is_refused(ready, invited):
    with pytest.raises(ValidationError, match="pending invitation"):
        collaborator_invitation_create(
            project=ready.project, email="EVA.colleague@example.org", level="view", by=ready.manager
        )


def test_expired_invitation_gives_a_410_page(client, ready, invited):
    now = timezone.now()
    CollaboratorInvitation.objects.filter(pk=invited.pk).update(
        created_at=now - timedelta(days=15), expires_at=now - timedelta(minutes=1)
    )
    client.force_login(UserFactory(email="eva.colleague@example.org"))
    response = client.post(_path(invited))
    assert response.status_code == 410 and "expired" in response.content.decode()
    assert ready.project.collaborators.count() == 2


def test_expired_signature_gives_a_410_page(client, invited, settings):
    path = _path(invited)
    settings.INVITATION_VALID_DAYS = 0
    response = client.get(path)
    assert response.status_code == 410 and "expired" in response.content.decode()


def test_forged_link_gives_a_404_page(client, invited):
    signed = signing.TimestampSigner(salt="something-else").sign(invited.token)
    response = client.get(reverse("projects:collaborator_invitation", args=[signed]))
    assert response.status_code == 404 and "not valid" in response.content.decode()


def test_withdrawn_invitation_link_gives_a_410_page(client, ready, invited):
    path = _path(invited)
    collaborator_invitation_withdraw(invitation=invited, by=ready.manager)
    assert not CollaboratorInvitation.objects.filter(pk=invited.pk).exists()
    assert AuditEntry.objects.filter(action="collaborator.invitation_withdrawn").exists()
    client.force_login(UserFactory(email="eva.colleague@example.org"))
    response = client.post(path)
    assert response.status_code == 410 and "withdrawn" in response.content.decode()


def test_withdraw_through_the_page(client, ready, invited):
    client.force_login(ready.manager)
    url = reverse("projects:collaborator_invitation_withdraw", args=[ready.project.pk, invited.pk])
    assert client.post(url).status_code == 302
    assert not CollaboratorInvitation.objects.filter(pk=invited.pk).exists()


def test_resend_to_another_address_invalidates_the_old_link(client, ready, invited, django_capture_on_commit_callbacks):
    old_path = _path(invited)
    with django_capture_on_commit_callbacks(execute=False):
        new = collaborator_invitation_resend(invitation=invited, email="eva@agency.example", by=ready.manager)
    assert new.level == CollaboratorLevel.EDIT and new.email == "eva@agency.example"
    assert client.get(old_path).status_code == 410
    assert OutboxEmail.objects.filter(key=f"collaborator-invitation:{new.pk}", to="eva@agency.example").exists()
    eva = UserFactory(email="eva@agency.example")
    collaborator_invitation_accept(invitation=new, user=eva)
    assert ready.project.collaborators.get(user=eva).level == CollaboratorLevel.EDIT


def test_anonymous_visitor_sees_no_address_or_name(client, ready, invited):
    body = client.get(_path(invited)).content.decode()
    assert "example.org" not in body.lower() and ready.manager.first_name not in body
    assert "Log in to accept" in body


def test_pending_invitee_addresses_are_shown_to_managers_only(client, ready, invited):
    url = reverse("projects:collaborators", args=[ready.project.pk])
    client.force_login(ready.manager)
    assert "eva.colleague@example.org" in client.get(url).content.decode()
    client.force_login(ready.partner_user)  # a viewer
    body = client.get(url).content.decode()
    assert "eva.colleague" not in body and "Invite a colleague" not in body


def test_collaborators_page_queries_are_the_same_at_1_and_20_invitations(client, ready, django_assert_max_num_queries):
    client.force_login(ready.manager)
    url = reverse("projects:collaborators", args=[ready.project.pk])
    CollaboratorInvitation.objects.create(
        project=ready.project,
        email="a@x.org",
        level="view",
        invited_by=ready.manager,
        expires_at=timezone.now() + timedelta(days=3),
    )
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for n in range(19):
        CollaboratorInvitation.objects.create(
            project=ready.project,
            email=f"b{n}@x.org",
            level="edit",
            invited_by=ready.manager,
            expires_at=timezone.now() + timedelta(days=3),
        )
    with django_assert_max_num_queries(len(one)):
        assert client.get(url).status_code == 200


def test_link_signing_uses_its_own_salt(invited):
    """A partner invitation's link cannot be replayed as a collaborator invitation, and vice versa."""
    assert service.SALT != "projects.partner-invitation"
