"""The partner search's services: posting, editing, closing, the status table, interest through the relay."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from interact_portal.notifications.models import Notification, OutboxEmail
from partnerships.contact_models import ContactKind, ContactMessage
from partnerships.idea_models import IdeaInterest, IdeaStatus, ProjectIdea
from partnerships.idea_services import idea_close, idea_create, idea_transition, idea_update, interest_express
from tests.factories import CallFactory, PriorityFactory, UserFactory

from .conftest import idea_data

pytestmark = pytest.mark.django_db

MESSAGE = "We run a green-roof lab and would like to join as a partner."


def test_an_idea_is_posted_open_and_indexed(ideas_world, idea):
    assert idea.status == IdeaStatus.OPEN
    assert list(idea.countries_sought.all()) == [ideas_world.hungary]
    assert ProjectIdea.objects.filter(pk=idea.pk, search_vector="roof").exists()  # stemmed: roofs → roof


def test_a_priority_or_call_of_another_programme_is_refused_by_field(ideas_world):
    w = ideas_world
    foreign_priority = PriorityFactory(programme=w.other_programme)
    foreign_call = CallFactory(programme=w.other_programme)
    with pytest.raises(ValidationError) as refused:
        idea_create(owner=w.owner, data=idea_data(w.programme, priority=foreign_priority, call=foreign_call))
    assert set(refused.value.message_dict) == {"priority", "call"}


@pytest.mark.parametrize("days", [0, -3, 400])
def test_the_end_date_is_after_today_and_within_a_year(ideas_world, days):
    w = ideas_world
    with pytest.raises(ValidationError) as refused:
        idea_create(owner=w.owner, data=idea_data(w.programme, expires_on=timezone.localdate() + timedelta(days=days)))
    assert "expires_on" in refused.value.message_dict


def test_an_organisation_is_one_the_owner_speaks_for(ideas_world):
    w = ideas_world
    with pytest.raises(ValidationError) as refused:
        idea_create(owner=w.owner, data=idea_data(w.programme, organisation=w.person_org))
    assert "organisation" in refused.value.message_dict


def test_only_the_owner_edits_and_closes(ideas_world, idea):
    w = ideas_world
    with pytest.raises(PermissionDenied):
        idea_update(idea=idea, by=w.stranger, data={"title": "Mine now"})
    with pytest.raises(PermissionDenied):
        idea_close(idea=idea, by=w.stranger)
    idea_update(idea=idea, by=w.owner, data={"title": "Cooling cities with blue roofs"})
    assert ProjectIdea.objects.filter(pk=idea.pk, search_vector="blue").exists()  # the index follows the edit
    assert idea_close(idea=idea, by=w.owner).status == IdeaStatus.CLOSED
    assert idea_close(idea=idea, by=w.owner).status == IdeaStatus.CLOSED  # a second click changes nothing
    with pytest.raises(PermissionDenied):
        idea_update(idea=idea, by=w.owner, data={"title": "Reopened?"})


def test_the_transition_table_refuses_leaving_a_final_status(idea):
    idea_transition(idea=idea, to=IdeaStatus.EXPIRED)
    with pytest.raises(ValidationError):
        idea_transition(idea=idea, to=IdeaStatus.OPEN)
    with pytest.raises(ValidationError):
        idea_transition(idea=idea, to=IdeaStatus.CONVERTED)


def test_interest_goes_through_the_relay_to_the_organisation_and_the_owner_is_told(
    ideas_world, idea, django_capture_on_commit_callbacks
):
    w = ideas_world
    with django_capture_on_commit_callbacks(execute=False):
        interest = interest_express(idea=idea, person=w.person, body=MESSAGE, organisation=w.person_org)
    message = interest.message
    assert message.kind == ContactKind.INTEREST and message.organisation == w.owner_org and message.sender == w.person
    emails = OutboxEmail.objects.filter(key__startswith=f"relay:{message.pk}:")
    assert [e.to for e in emails] == [w.owner.email]  # the organisation's contact is the owner
    assert MESSAGE in emails[0].body and f"/ideas/{idea.pk}/" in emails[0].body
    note = Notification.objects.get(recipient=w.owner, event="idea.interest")
    assert w.person_org.name in note.title and w.person.email not in note.title + note.body


def test_without_an_organisation_the_relay_writes_to_the_owner_alone(ideas_world):
    w = ideas_world
    idea = idea_create(owner=w.owner, data=idea_data(w.programme))
    interest = interest_express(idea=idea, person=w.person, body=MESSAGE)
    assert interest.message.recipient == w.owner and interest.message.organisation is None
    assert list(OutboxEmail.objects.filter(key=f"relay:{interest.message.pk}:0").values_list("to", flat=True)) == [
        w.owner.email
    ]


def test_interest_once_and_never_in_ones_own_idea(ideas_world, idea):
    w = ideas_world
    interest_express(idea=idea, person=w.person, body=MESSAGE)
    with pytest.raises(ValidationError, match="already"):
        interest_express(idea=idea, person=w.person, body=MESSAGE + " Again.")
    with pytest.raises(ValidationError, match="your own idea"):
        interest_express(idea=idea, person=w.owner, body=MESSAGE)
    assert IdeaInterest.objects.count() == 1 and ContactMessage.objects.count() == 1


def test_interest_in_a_closed_idea_is_refused(ideas_world, idea):
    idea_close(idea=idea, by=ideas_world.owner)
    with pytest.raises(ValidationError, match="no longer"):
        interest_express(idea=idea, person=ideas_world.person, body=MESSAGE)


def test_the_relay_limits_apply_to_interests(ideas_world, settings):
    w = ideas_world
    settings.CONTACT_RELAY_PER_HOUR = 1
    first = idea_create(owner=w.owner, data=idea_data(w.programme))
    second = idea_create(owner=w.owner, data=idea_data(w.programme, title="Another idea"))
    interest_express(idea=first, person=w.person, body=MESSAGE)
    with pytest.raises(ValidationError):
        interest_express(idea=second, person=w.person, body="Another message, different words.")
    assert not IdeaInterest.objects.filter(idea=second).exists()


def test_an_empty_message_is_refused_next_to_the_field(ideas_world, idea):
    with pytest.raises(ValidationError) as refused:
        interest_express(idea=idea, person=ideas_world.person, body="  ")
    assert "body" in refused.value.message_dict


def test_a_person_with_no_account_cannot_be_reached(ideas_world):
    w = ideas_world
    idea = idea_create(owner=w.owner, data=idea_data(w.programme))
    w.owner.is_active = False
    w.owner.save()
    with pytest.raises(ValidationError):
        interest_express(idea=idea, person=UserFactory(), body=MESSAGE)
