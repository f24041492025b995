"""An event's status changes only through its services and their transition table, the admin included."""

import pytest
from django.core.exceptions import ValidationError

from events.choices import EventStatus, RegistrationStatus
from events.models import Registration
from events.services import event_cancel, event_publish, registration_create
from events.workflow import ALLOWED_TRANSITIONS, can_transition
from interact_portal.notifications.models import Notification
from tests.events.test_admin import _change_form
from tests.factories import EventFactory, UserFactory

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/events/event/"


def test_the_transition_table():
    assert set(ALLOWED_TRANSITIONS) == set(EventStatus.values)
    assert can_transition(EventStatus.DRAFT, EventStatus.PUBLISHED)
    assert can_transition(EventStatus.DRAFT, EventStatus.CANCELLED)
    assert can_transition(EventStatus.PUBLISHED, EventStatus.CANCELLED)
    assert not can_transition(EventStatus.CANCELLED, EventStatus.PUBLISHED)
    assert not can_transition(EventStatus.PUBLISHED, EventStatus.DRAFT)


def test_a_cancelled_event_cannot_be_published_again(superuser):
    event = EventFactory(status="cancelled")
    with pytest.raises(ValidationError, match="cancelled event cannot be published"):
        event_publish(event=event, by=superuser)
    event.refresh_from_db()
    assert event.status == "cancelled"


def test_publishing_or_cancelling_twice_is_a_no_op(superuser):
    event = EventFactory(status="draft")
    event_publish(event=event, by=superuser)
    assert event_publish(event=event, by=superuser).status == "published"
    event_cancel(event=event, by=superuser)
    assert event_cancel(event=event, by=superuser).status == "cancelled"


def test_status_is_read_only_in_the_admin_form(admin_client):
    event = EventFactory(status="published")
    registration_create(event=event, user=UserFactory())
    response = admin_client.get(f"{CHANGELIST}{event.pk}/change/")
    assert "status" not in response.context["adminform"].form.fields
    assert "Published" in response.content.decode()  # shown, not editable
    response = admin_client.post(f"{CHANGELIST}{event.pk}/change/", _change_form(event, status="cancelled"))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == "published" and not Notification.objects.filter(event="event.cancelled").exists()


def test_the_change_page_cancels_through_the_service(admin_client):
    event = EventFactory(status="published", capacity=1)
    seated = registration_create(event=event, user=UserFactory())
    waiting = registration_create(event=event, user=UserFactory())
    html = admin_client.get(f"{CHANGELIST}{event.pk}/change/").content.decode()
    assert 'name="_transition" value="cancelled"' in html
    assert 'name="_transition" value="published"' not in html  # already published
    asked = admin_client.post(f"{CHANGELIST}{event.pk}/change/", {"_transition": "cancelled"})
    assert asked.status_code == 200 and "2 people registered for it will be notified" in asked.content.decode()
    event.refresh_from_db()
    assert event.status == "published"  # nothing happens before the confirmation
    data = {"_transition": "cancelled", "_confirm": "yes"}
    response = admin_client.post(f"{CHANGELIST}{event.pk}/change/", data, follow=True)
    assert "is cancelled" in response.content.decode()
    event.refresh_from_db()
    assert event.status == "cancelled"
    told = set(Notification.objects.filter(event="event.cancelled").values_list("recipient", flat=True))
    assert told == {seated.user_id, waiting.user_id}


def test_the_change_page_publishes_through_the_service_and_fills_the_waiting_list(admin_client):
    event = EventFactory(status="published", capacity=1)
    registration_create(event=event, user=UserFactory())
    waiting = registration_create(event=event, user=UserFactory())
    Registration.objects.filter(status=RegistrationStatus.CONFIRMED).update(status=RegistrationStatus.CANCELLED)
    type(event).objects.filter(pk=event.pk).update(status="draft")
    response = admin_client.post(f"{CHANGELIST}{event.pk}/change/", {"_transition": "published"}, follow=True)
    assert "is published" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED


@pytest.mark.parametrize("target", ["published", "draft", "nonsense"])
def test_a_refused_transition_on_the_change_page_is_a_message_not_an_error(admin_client, target):
    event = EventFactory(status="cancelled")
    data = {"_transition": target, "_confirm": "yes"}
    response = admin_client.post(f"{CHANGELIST}{event.pk}/change/", data, follow=True)
    assert response.status_code == 200
    assert "cannot" in response.content.decode()
    event.refresh_from_db()
    assert event.status == "cancelled"


def test_the_publish_action_refuses_a_cancelled_event_with_a_message(admin_client):
    cancelled, draft = EventFactory(status="cancelled", title="Gone"), EventFactory(status="draft", title="New")
    response = admin_client.post(
        CHANGELIST, {"action": "publish", "_selected_action": [cancelled.pk, draft.pk]}, follow=True
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "“Gone” was not published: a cancelled event cannot be published again." in html
    assert "1 event published." in html
    cancelled.refresh_from_db()
    draft.refresh_from_db()
    assert (cancelled.status, draft.status) == ("cancelled", "published")


def test_the_cancel_action_asks_first(admin_client):
    event = EventFactory(status="published", title="Knowledge Fair")
    registration_create(event=event, user=UserFactory())
    data = {"action": "cancel", "_selected_action": [event.pk]}
    asked = admin_client.post(CHANGELIST, data)
    assert "1 person registered for it will be notified" in asked.content.decode()
    event.refresh_from_db()
    assert event.status == "published"
    admin_client.post(CHANGELIST, {**data, "_confirm": "yes"}, follow=True)
    event.refresh_from_db()
    assert event.status == "cancelled"
