"""Giving a seat back asks first (a page with a POST form, no one-click cancel); the consent names what is shared."""

import pytest

from events.choices import RegistrationStatus
from events.services import registration_create
from tests.factories import EventFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seated(client):
    event = EventFactory(title="Knowledge Fair", capacity=1)
    registration = registration_create(event=event, user=UserFactory())
    client.force_login(registration.user)
    return registration


def test_the_event_page_links_to_a_confirmation_instead_of_cancelling(client, seated):
    slug = seated.event.slug
    html = client.get(f"/events/{slug}/").content.decode()
    assert f'action="/events/{slug}/cancel/"' not in html
    assert f'href="/events/{slug}/cancel/"' in html and f'href="/events/{slug}/cancel/?reason=decline"' in html


def test_the_confirmation_page_asks_and_changes_nothing(client, seated, django_assert_num_queries):
    with django_assert_num_queries(5):  # session, user, event, registration, unread notifications
        response = client.get(f"/events/{seated.event.slug}/cancel/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Cancel your registration for “Knowledge Fair”?" in html
    assert f'<form method="post" action="/events/{seated.event.slug}/cancel/"' in html
    assert '<button type="submit"' in html and f'href="/events/{seated.event.slug}/"' in html
    seated.refresh_from_db()
    assert seated.status == RegistrationStatus.CONFIRMED


def test_declining_a_seat_is_confirmed_too(client, seated):
    html = client.get(f"/events/{seated.event.slug}/cancel/?reason=decline").content.decode()
    assert 'name="reason" value="decline"' in html and "next person" in html
    response = client.post(f"/events/{seated.event.slug}/cancel/", {"reason": "decline"}, follow=True)
    assert "Your seat went to the next person waiting" in response.content.decode()
    seated.refresh_from_db()
    assert seated.status == RegistrationStatus.CANCELLED


def test_leaving_the_waiting_list_is_worded_for_it(client, seated):
    waiting = registration_create(event=seated.event, user=UserFactory())
    client.force_login(waiting.user)
    html = client.get(f"/events/{seated.event.slug}/cancel/").content.decode()
    assert "Leave the waiting list for “Knowledge Fair”?" in html


def test_the_confirmation_page_is_404_without_a_registration_and_asks_to_sign_in(client, seated):
    client.force_login(UserFactory())
    assert client.get(f"/events/{seated.event.slug}/cancel/").status_code == 404
    client.logout()
    assert client.get(f"/events/{seated.event.slug}/cancel/").status_code == 302


def test_the_confirmation_page_of_a_cancelled_registration_sends_back_to_the_event(client, seated):
    client.post(f"/events/{seated.event.slug}/cancel/")
    response = client.get(f"/events/{seated.event.slug}/cancel/")
    assert response.status_code == 302 and response["Location"] == f"/events/{seated.event.slug}/"


def test_the_consent_names_what_will_be_shared(client):
    event = EventFactory()
    client.force_login(UserFactory(first_name="Ana", last_name="Horvat"))
    html = client.get(f"/events/{event.slug}/").content.decode()
    assert "I agree that my name (Ana Horvat) and my organisation appear in the participant list" in html
    client.force_login(UserFactory(first_name="", last_name=""))
    html = client.get(f"/events/{event.slug}/").content.decode()
    assert "my name" not in html and "I agree that my organisation appears in the participant list" in html
