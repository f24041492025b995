from datetime import timedelta

import icalendar
import pytest
from django.utils import timezone

from events.models import Audience, Registration, Topic
from events.services import registration_create
from tests.factories import EventFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_list_shows_upcoming_with_seats_left_and_past_on_request(client):
    full = EventFactory(title="Full webinar", capacity=1)
    registration_create(event=full, user=UserFactory())
    EventFactory(title="Open seminar", capacity=30)
    start = timezone.now() - timedelta(days=30)
    EventFactory(
        title="Old fair",
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        registration_opens_at=start - timedelta(days=9),
        registration_closes_at=start,
    )
    EventFactory(title="Hidden draft", status="draft")
    html = client.get("/events/").content.decode()
    assert "Open seminar" in html and "30 seats left" in html and "Full: waiting list" in html
    assert "Old fair" not in html and "Hidden draft" not in html
    assert "Old fair" in client.get("/events/?when=past").content.decode()


def test_list_filters_by_type_format_topic_and_audience(client):
    topic = Topic.objects.create(name="Partnership", slug="partnership")
    audience = Audience.objects.create(code="monitoring_committee", name="Monitoring committee")
    match = EventFactory(title="Matching", type="seminar", format="hybrid")
    match.topics.add(topic)
    match.audiences.add(audience)
    EventFactory(title="Other", type="seminar", format="hybrid")
    html = client.get("/events/?type=seminar&format=hybrid&topic=partnership&audience=monitoring_committee")
    assert "Matching" in html.content.decode() and "Other" not in html.content.decode()


@pytest.mark.parametrize(
    "query", ["type=nonsense", "topic=unknown", "audience=%00", "page=999999", "page=-1", "when=tomorrow"]
)
def test_bad_filters_are_ignored_never_an_error(client, query):
    EventFactory(title="Still listed")
    response = client.get(f"/events/?{query}")
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [1, 12])
def test_list_query_count_is_constant(client, django_assert_num_queries, rows):
    topic = Topic.objects.create(name="T", slug="t")
    for _ in range(rows):
        EventFactory().topics.add(topic)
    with django_assert_num_queries(5):  # form choices ×2 (topic, audience) + count + page + topics
        client.get("/events/")


def test_draft_is_404_for_the_public_and_visible_to_staff(client):
    draft = EventFactory(status="draft")
    assert client.get(f"/events/{draft.slug}/").status_code == 404
    client.force_login(UserFactory(is_staff=True))
    assert client.get(f"/events/{draft.slug}/").status_code == 200


def test_participants_only_materials(client):
    event = EventFactory()
    event.materials.create(kind="report", title="Public report", url="https://example.org/r.pdf")
    event.materials.create(
        kind="recording", title="Members recording", url="https://example.org/v", visibility="participants"
    )
    assert "Members recording" not in client.get(f"/events/{event.slug}/").content.decode()
    participant = registration_create(event=event, user=UserFactory()).user
    client.force_login(participant)
    html = client.get(f"/events/{event.slug}/").content.decode()
    assert "Public report" in html and "Members recording" in html


def test_register_and_cancel_through_the_page(client, registration_details):
    event, user = EventFactory(capacity=1), UserFactory()
    client.force_login(user)
    assert client.get(f"/events/{event.slug}/register/").status_code == 405
    data = {
        "organisation_name": "JS",
        "country": "AT",
        "body_role": registration_details["body_role"].pk,
        "listed_consent": "on",
    }
    response = client.post(f"/events/{event.slug}/register/", data, follow=True)
    assert "Your seat is confirmed" in response.content.decode()
    registration = Registration.objects.get(event=event, user=user)
    assert registration.listed_consent and registration.country_id == "AT"
    response = client.post(f"/events/{event.slug}/cancel/", follow=True)
    assert "Your registration is cancelled" in response.content.decode()


def test_bad_registration_input_shows_errors_next_to_the_fields(client):
    event = EventFactory()
    client.force_login(UserFactory())
    response = client.post(f"/events/{event.slug}/register/", {"country": "ZZ"})
    assert response.status_code == 400
    assert response.content.decode().count('class="errorlist"') >= 3
    assert not Registration.objects.exists()


def test_registering_needs_login(client):
    event = EventFactory()
    response = client.post(f"/events/{event.slug}/register/", {})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_cancel_without_a_registration_is_404(client):
    client.force_login(UserFactory())
    assert client.post(f"/events/{EventFactory().slug}/cancel/").status_code == 404


@pytest.mark.parametrize("rows", [1, 5])
def test_detail_query_count_is_constant(client, django_assert_num_queries, rows):
    event = EventFactory()
    for i in range(rows):
        session = event.sessions.create(title=f"S{i}", starts_at=event.starts_at, ends_at=event.ends_at)
        event.speakers.create(name=f"Speaker {i}").sessions.add(session)
        event.materials.create(kind="report", title=f"M{i}", url="https://example.org/m")
    user = UserFactory()
    client.force_login(user)
    # session, user, event, registration, sessions, their speakers, speakers, materials, 2 form choices, unread
    with django_assert_num_queries(11):
        client.get(f"/events/{event.slug}/")


def test_calendar_files_parse_as_icalendar(client):
    event = EventFactory(title="Webinar, with; specials", venue="Interact Office Vienna")
    EventFactory(title="Draft", status="draft")
    single = icalendar.Calendar.from_ical(client.get(f"/events/{event.slug}/calendar.ics").content)
    (vevent,) = single.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Webinar, with; specials"
    assert (
        vevent.decoded("DTSTART") == event.starts_at.replace(microsecond=0)
        and str(vevent["LOCATION"]) == "Interact Office Vienna"
    )
    response = client.get("/events/feed.ics")
    assert response["Content-Type"].startswith("text/calendar")
    feed = icalendar.Calendar.from_ical(response.content)
    assert [str(v["SUMMARY"]) for v in feed.walk("VEVENT")] == ["Webinar, with; specials"]


def test_timetable_is_shown_in_the_event_timezone(client):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    start = datetime(2027, 3, 10, 9, 0, tzinfo=ZoneInfo("Europe/Helsinki"))  # 08:00 in Brussels
    event = EventFactory(
        timezone="Europe/Helsinki",
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        registration_opens_at=start - timedelta(days=400),
        registration_closes_at=start,
    )
    event.sessions.create(title="Opening", starts_at=start, ends_at=start + timedelta(hours=1))
    html = client.get(f"/events/{event.slug}/").content.decode()
    assert "<td>09:00–10:00</td>" in html
    assert "10 March 2027, 09:00–12:00 EET</time>" in html and "(Europe/Helsinki)" in html
    assert "09:00" in client.get("/events/").content.decode()  # the list too shows the event's own clock


def test_pagination_keeps_the_filters(client):
    for _ in range(13):
        EventFactory(type="seminar")
    html = client.get("/events/?type=seminar").content.decode()
    assert 'href="?type=seminar&amp;page=2"' in html
