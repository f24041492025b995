"""Participants' data belong to the people who run the event (issue 23, #4): the registrations admin, the
participants export and the attendance report show an event's registrants only to superusers and to staff of the
programme whose office organises it; one policy (events.permissions) answers for all three."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse

from interact_portal.demo.users import staff_group_ensure
from interact_portal.reports.services import report_request
from programmes.models import Office, ProgrammeStaff, StaffRole
from tests.factories import CountryFactory, EventFactory, ProgrammeFactory, RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _staff(programme):
    user = UserFactory(is_staff=True)
    ProgrammeStaff.objects.create(programme=programme, user=user, role=StaffRole.OFFICER)
    user.groups.add(staff_group_ensure())
    return user


@pytest.fixture
def events(db):
    mine, theirs = ProgrammeFactory(), ProgrammeFactory()
    office = Office.objects.create(programme=mine, name="Joint Secretariat", city="Vienna", country=CountryFactory())
    organised = EventFactory(organising_office=office)
    unowned = EventFactory()  # no organising office: nobody's programme
    return SimpleNamespace(
        staff=_staff(mine),
        other_staff=_staff(theirs),
        superuser=UserFactory(is_staff=True, is_superuser=True),
        organised=organised,
        unowned=unowned,
        mine=RegistrationFactory(event=organised, user=UserFactory(email="ana.participant@example.org")),
        unowned_registration=RegistrationFactory(event=unowned, user=UserFactory(email="bo.other@example.org")),
    )


def test_the_policy_answers_per_person(events):
    from events.permissions import registrations_visible_to

    assert set(registrations_visible_to(events.superuser)) == {events.mine, events.unowned_registration}
    assert list(registrations_visible_to(events.staff)) == [events.mine]
    assert not registrations_visible_to(events.other_staff).exists()
    assert not registrations_visible_to(UserFactory()).exists()


def test_the_admin_lists_and_opens_only_the_registrants_of_ones_own_events(client, events):
    changelist = reverse("admin:events_registration_changelist")
    change = reverse("admin:events_registration_change", args=[events.mine.pk])
    unowned = reverse("admin:events_registration_change", args=[events.unowned_registration.pk])
    client.force_login(events.staff)
    html = client.get(changelist).content.decode()
    assert change in html and unowned not in html
    assert client.get(change).status_code == 200 and client.get(unowned).status_code == 404
    client.force_login(events.other_staff)
    html = client.get(changelist).content.decode()
    assert change not in html and unowned not in html
    for url in (change, reverse("admin:events_registration_history", args=[events.mine.pk])):
        assert client.get(url).status_code == 404
    response = client.post(reverse("admin:events_registration_delete", args=[events.mine.pk]), {"post": "yes"})
    assert response.status_code == 404 and events.organised.registrations.exists()


def test_staff_add_registrations_only_to_their_own_events(client, events):
    client.force_login(events.other_staff)
    response = client.post(
        reverse("admin:events_registration_add"),
        {"event": events.organised.pk, "user": UserFactory().pk, "queued_at_0": "2026-01-01", "queued_at_1": "10:00"},
    )
    assert response.status_code == 200 and "event" in response.context["adminform"].form.errors
    assert events.organised.registrations.count() == 1


def _export(client, user, event):
    client.force_login(user)
    response = client.post(
        reverse("admin:events_event_changelist"), {"action": "export_participants", "_selected_action": [event.pk]}
    )
    return response, (b"".join(response.streaming_content) if response.streaming else response.content).decode()


def test_the_participants_export_follows_the_policy(client, events):
    response, csv = _export(client, events.staff, events.organised)
    assert response.status_code == 200 and "ana.participant@example.org" in csv
    response, _ = _export(client, events.other_staff, events.organised)
    assert response.status_code == 302  # back to the list, with the reason
    page = client.get(response["Location"]).content.decode()
    assert "ana.participant@example.org" not in page and "may not see the participants" in page
    response, csv = _export(client, events.superuser, events.unowned)
    assert "bo.other@example.org" in csv


def test_the_attendance_report_follows_the_policy(events, django_capture_on_commit_callbacks):
    with pytest.raises(Http404):
        report_request(
            user=events.other_staff, kind="attendance", format="csv", parameters={"event": events.mine.event_id}
        )
    with pytest.raises(Http404):
        report_request(user=events.staff, kind="attendance", format="csv", parameters={"event": events.unowned.pk})
    with django_capture_on_commit_callbacks(execute=False):
        report = report_request(
            user=events.staff, kind="attendance", format="csv", parameters={"event": events.organised.pk}
        )
    assert report.parameters == {"event": events.organised.pk}


def _event_admin_request(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/events/event/")
    request.user = user
    return request


def test_staff_cannot_move_an_event_they_do_not_run_to_their_own_office(events):
    """Else pointing an event at one's own office would open its registrants: the organiser is read-only on events
    the person does not run (another programme's, or nobody's), and a new event takes only one's own offices."""
    from django.contrib import admin

    from events.models import Event

    event_admin = admin.site._registry[Event]
    theirs = events.other_staff.programme_roles.get().programme
    their_office = Office.objects.create(programme=theirs, name="Their JS", city="Bratislava", country=CountryFactory())
    request = _event_admin_request(events.other_staff)
    for event in (events.organised, events.unowned):
        assert "organising_office" in event_admin.get_readonly_fields(request, event)
    assert "organising_office" not in event_admin.get_readonly_fields(
        _event_admin_request(events.staff), events.organised
    )
    assert "organising_office" not in event_admin.get_readonly_fields(
        _event_admin_request(events.superuser), events.unowned
    )
    form = event_admin.get_form(request, None)(instance=Event())
    form.cleaned_data = {"organising_office": events.organised.organising_office}
    with pytest.raises(ValidationError, match="office of a programme you work for"):
        form.clean_organising_office()
    form.cleaned_data = {"organising_office": their_office}
    assert form.clean_organising_office() == their_office
