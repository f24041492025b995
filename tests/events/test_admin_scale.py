"""No events admin page grows with the registrations it does not list (issue 16, #5 and the event list's columns)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.choices import RegistrationStatus as S
from events.models import Registration
from tests.factories import EventFactory, RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/events/event/"


def _event_with(registrations: int, **kwargs):
    event = EventFactory(capacity=1000, **kwargs)
    statuses = [S.CONFIRMED, S.WAITLISTED, S.CANCELLED]
    Registration.objects.bulk_create(
        Registration(event=event, user=UserFactory(), status=statuses[i % 3], organisation_name="Org")
        for i in range(registrations)
    )
    return event


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_registration_str_does_not_query(django_assert_num_queries):
    registration = Registration.objects.get(pk=RegistrationFactory().pk)
    with django_assert_num_queries(0):
        assert str(registration)


@pytest.mark.parametrize(("page", "most"), [("change", 10), ("delete", 7)])
def test_event_change_and_delete_pages_do_not_grow_with_registrations(
    admin_client, django_assert_max_num_queries, page, most
):
    few, many = _event_with(2), _event_with(40)
    admin_client.get(f"{CHANGELIST}{few.pk}/{page}/")  # warm the per-process caches (content types, site)
    assert _queries(admin_client, f"{CHANGELIST}{few.pk}/{page}/") == _queries(
        admin_client, f"{CHANGELIST}{many.pk}/{page}/"
    )
    # session, user, second factor, event, counts by status (change) or per related model (delete), …
    with django_assert_max_num_queries(most):
        admin_client.get(f"{CHANGELIST}{many.pk}/{page}/")


def test_event_change_page_counts_registrations_and_links_to_the_filtered_list(admin_client):
    event = _event_with(7)  # 3 confirmed, 2 waitlisted, 2 cancelled
    html = admin_client.get(f"{CHANGELIST}{event.pk}/change/").content.decode()
    base = f"/admin/events/registration/?event__id__exact={event.pk}"
    assert f'href="{base}&amp;status__exact=confirmed"' in html
    assert f'href="{base}&amp;status__exact=waitlisted"' in html
    assert f'href="{base}&amp;status__exact=cancelled"' in html
    assert "3 confirmed" in html and "2 on the waiting list" in html and "2 cancelled" in html
    assert "registrations-TOTAL_FORMS" not in html  # no inline of every registration
    listed = admin_client.get(f"{base}&status__exact=waitlisted").content.decode()
    assert listed.count('name="_selected_action"') == 2


def test_event_delete_page_counts_registrations_instead_of_listing_them(admin_client):
    event = _event_with(40)
    html = admin_client.get(f"{CHANGELIST}{event.pk}/delete/").content.decode()
    assert "Registrations: 40" in html
    assert html.count("/admin/events/registration/") <= 2
    response = admin_client.post(f"{CHANGELIST}{event.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302 and not Registration.objects.filter(event=event).exists()


def test_deleting_events_with_the_action_counts_registrations(admin_client):
    events = [_event_with(2), _event_with(40)]
    data = {"action": "delete_selected", "_selected_action": [e.pk for e in events]}
    html = admin_client.post(CHANGELIST, data).content.decode()
    assert "Registrations: 42" in html


@pytest.mark.parametrize("page", ["", "?status__exact=confirmed"])
def test_registration_changelist_does_not_grow(admin_client, page):
    few = _queries(admin_client, f"/admin/events/registration/{page}")
    _event_with(40)
    assert _queries(admin_client, f"/admin/events/registration/{page}") == few


def test_registration_delete_page_does_not_grow(admin_client):
    event = _event_with(40)
    registration = event.registrations.first()
    other = _event_with(2).registrations.first()
    assert _queries(admin_client, f"/admin/events/registration/{registration.pk}/delete/") == _queries(
        admin_client, f"/admin/events/registration/{other.pk}/delete/"
    )


def test_event_changelist_counts_seats_in_one_query_and_shows_both_columns(admin_client):
    _event_with(3)
    few = _queries(admin_client, CHANGELIST)
    for _ in range(5):
        _event_with(6)
    assert _queries(admin_client, CHANGELIST) == few
    html = admin_client.get(CHANGELIST).content.decode()
    assert "column-confirmed" in html and "column-waitlisted" in html


def test_registration_list_filters_by_event_without_listing_every_event(admin_client):
    chosen = _event_with(3, title="Knowledge Fair")
    EventFactory(title="Another webinar")
    html = admin_client.get(f"/admin/events/registration/?event__id__exact={chosen.pk}").content.decode()
    assert html.count('name="_selected_action"') == 3
    assert "Knowledge Fair" in html and "Another webinar" not in html
    bad = admin_client.get("/admin/events/registration/?event__id__exact=nonsense")
    assert bad.status_code in (200, 302)
