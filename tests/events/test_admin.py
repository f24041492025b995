import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from events.choices import RegistrationStatus as S
from events.models import Event, Registration
from events.services import registration_create
from interact_portal.notifications.models import Notification
from tests.factories import EventFactory, UserFactory

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/events/event/"


def _action(client, action, *objects, url=CHANGELIST):
    return client.post(url, {"action": action, "_selected_action": [o.pk for o in objects]}, follow=True)


def test_publish(admin_client):
    event = EventFactory(status="draft")
    _action(admin_client, "publish", event)
    event.refresh_from_db()
    assert event.status == "published"


def test_cancel_notifies_all_registrants(admin_client):
    event = EventFactory(capacity=1)
    seated = registration_create(event=event, user=UserFactory())
    waiting = registration_create(event=event, user=UserFactory())
    admin_client.post(CHANGELIST, {"action": "cancel", "_selected_action": [event.pk], "_confirm": "yes"})
    event.refresh_from_db()
    assert event.status == "cancelled"
    told = set(Notification.objects.filter(event="event.cancelled").values_list("recipient", flat=True))
    assert told == {seated.user_id, waiting.user_id}


def test_send_a_reminder_now(admin_client):
    event = EventFactory()
    registration = registration_create(event=event, user=UserFactory())
    response = _action(admin_client, "remind_now", event)
    assert "Reminder sent to 1 participant." in response.content.decode()
    assert Notification.objects.filter(recipient=registration.user, event="event.reminder").count() == 1


def test_export_participants_streams_csv_with_attendance(admin_client, registration_details):
    event = EventFactory(capacity=1)
    present = registration_create(
        event=event, user=UserFactory(first_name="Ana", last_name="Horvat"), **registration_details
    )
    registration_create(event=event, user=UserFactory())
    Registration.objects.filter(pk=present.pk).update(status=S.ATTENDED)
    response = admin_client.post(CHANGELIST, {"action": "export_participants", "_selected_action": [event.pk]})
    assert response.streaming and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == ["event", "name", "email", "organisation", "country", "programme body role", "status", "attended"]
    assert rows[1][1:] == [
        "Ana Horvat",
        present.user.email,
        "Joint Secretariat Central Europe",
        "Austria",
        "Joint secretariat",
        "Attended",
        "yes",
    ]
    assert rows[2][-2:] == ["Waiting list", "no"] and len(rows) == 3


def test_duplicate_is_a_draft_without_registrations(admin_client):
    event = EventFactory(title="Knowledge Fair")
    session = event.sessions.create(title="Opening", starts_at=event.starts_at, ends_at=event.ends_at)
    event.speakers.create(name="Speaker").sessions.add(session)
    registration_create(event=event, user=UserFactory())
    _action(admin_client, "duplicate", event)
    _action(admin_client, "duplicate", event)
    copies = Event.objects.filter(title="Knowledge Fair (copy)").order_by("pk")
    assert [c.slug for c in copies] == [f"{event.slug}-copy", f"{event.slug}-copy-2"]
    copy = copies[0]
    assert copy.status == "draft" and not copy.registrations.exists()
    assert copy.speakers.get().sessions.get().event == copy


def test_mark_attendance(admin_client):
    registration = registration_create(event=EventFactory(), user=UserFactory())
    _action(admin_client, "mark_attended", registration, url="/admin/events/registration/")
    registration.refresh_from_db()
    assert registration.status == S.ATTENDED


def _change_form(event, **changes) -> dict:
    local = timezone.localtime
    data = {
        "title_en": event.title,
        "slug": event.slug,
        "type": event.type,
        "format": event.format,
        "timezone": event.timezone,
        "capacity": event.capacity,
        "starts_at_0": local(event.starts_at).strftime("%Y-%m-%d"),
        "starts_at_1": local(event.starts_at).strftime("%H:%M:%S"),
        "ends_at_0": local(event.ends_at).strftime("%Y-%m-%d"),
        "ends_at_1": local(event.ends_at).strftime("%H:%M:%S"),
        "registration_opens_at_0": local(event.registration_opens_at).strftime("%Y-%m-%d"),
        "registration_opens_at_1": "00:00:00",
        "registration_closes_at_0": local(event.registration_closes_at).strftime("%Y-%m-%d"),
        "registration_closes_at_1": "00:00:00",
    }
    for prefix in ("sessions", "speakers", "materials"):  # registrations are counted, not an inline
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    data.update(changes)
    return data


def test_lowering_capacity_below_confirmed_seats_is_refused_with_a_message(admin_client):
    event = EventFactory(capacity=3, registration_closes_at=timezone.now() + timedelta(days=5))
    for _ in range(2):
        registration_create(event=event, user=UserFactory())
    response = admin_client.post(f"{CHANGELIST}{event.pk}/change/", _change_form(event, capacity=1))
    assert response.status_code == 200
    assert "2 people already hold a confirmed seat" in response.content.decode()
    event.refresh_from_db()
    assert event.capacity == 3


def test_raising_capacity_in_the_admin_promotes_the_waiting_list(admin_client):
    event = EventFactory(capacity=1, registration_closes_at=timezone.now() + timedelta(days=5))
    regs = [registration_create(event=event, user=UserFactory()) for _ in range(3)]
    response = admin_client.post(f"{CHANGELIST}{event.pk}/change/", _change_form(event, capacity=2), follow=True)
    assert "1 person moved from the waiting list" in response.content.decode()
    assert [Registration.objects.get(pk=r.pk).status for r in regs] == [S.CONFIRMED, S.CONFIRMED, S.WAITLISTED]
    event.refresh_from_db()
    assert event.updated_by is not None and event.capacity == 2
