"""Staff create, edit and publish calls: errors next to the field, nothing half-saved, rules frozen once used."""

from decimal import Decimal

import pytest
from django.urls import reverse

from programmes.models import Call
from tests.factories import SpecificObjectiveFactory

pytestmark = pytest.mark.django_db


def form_data(office, **changes) -> dict:
    data = {
        "reference": "C2",
        "title_en": "Second call",
        "description_en": "",
        "kind": "one_step",
        "opens_at": "2027-03-01T09:00",
        "closes_at": "2027-05-31T17:00",
        "timezone": "Europe/Vienna",
        "budget": "5000000",
        "allowed_objectives": [office.objective.pk],
        "max_cofinancing_rate": "80",
        "min_partners": "2",
        "min_countries": "2",
        "lead_partner_in_programme_area": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_an_officer_creates_a_call_with_times_in_the_calls_time_zone(client, office):
    client.force_login(office.officer)
    response = client.post(reverse("staff:call_new", args=[office.programme.slug]), form_data(office))
    assert response.status_code == 302
    call = Call.objects.get(reference="C2")
    assert call.programme == office.programme and not call.is_published
    assert call.opens_at.isoformat() == "2027-03-01T08:00:00+00:00"  # 09:00 in Vienna (CET)
    assert list(call.allowed_objectives.all()) == [office.objective]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"closes_at": "2027-02-01T09:00"}, "closes_at", "close after it opens"),
        ({"budget": "0"}, "budget", "more than zero"),
        ({"max_cofinancing_rate": "101"}, "max_cofinancing_rate", "0 to 100"),
        ({"reference": "C2 "}, "reference", "Another call"),
        ({"allowed_objectives": ["other"]}, "allowed_objectives", ""),
    ],
)
def test_bad_input_is_shown_next_to_the_field_and_nothing_is_saved(client, office, changes, field, message):
    if field == "reference":
        other = {"opens_at": office.call.opens_at, "closes_at": office.call.closes_at}
        Call.objects.create(
            programme=office.programme, reference="c2", title="x", budget=1, max_cofinancing_rate=1, **other
        )
    if changes.get("allowed_objectives") == ["other"]:
        changes = {"allowed_objectives": [SpecificObjectiveFactory().pk]}  # another programme's objective
    before = Call.objects.count()
    client.force_login(office.officer)
    response = client.post(reverse("staff:call_new", args=[office.programme.slug]), form_data(office, **changes))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert list(errors) == [field] and message in " ".join(errors[field])
    assert Call.objects.count() == before


def test_once_an_application_was_submitted_the_rules_are_fixed_but_the_budget_is_not(client, office):
    call = office.call
    call.is_published = True
    call.save()
    client.force_login(office.programme_manager)
    url = reverse("staff:call_edit", args=[office.programme.slug, call.pk])
    page = client.get(url)
    assert page.context["locked"] and page.context["form"].fields["min_partners"].disabled
    data = form_data(office, reference=call.reference, min_partners="1", budget="9999999", timezone=call.timezone)
    assert client.post(url, data).status_code == 302
    call.refresh_from_db()
    assert call.min_partners == 2 and call.budget == Decimal("9999999")


def test_publishing_needs_an_objective_and_a_started_call_cannot_be_withdrawn(client, office):
    empty = Call.objects.create(
        programme=office.programme,
        reference="C3",
        title="No objective",
        opens_at=office.call.opens_at,
        closes_at=office.call.closes_at,
        budget=1,
        max_cofinancing_rate=50,
    )
    client.force_login(office.officer)
    publish = reverse("staff:call_publish", args=[office.programme.slug, empty.pk])
    response = client.post(publish, follow=True)
    assert "at least one specific objective" in response.content.decode()
    empty.refresh_from_db()
    assert not empty.is_published
    withdraw = reverse("staff:call_publish", args=[office.programme.slug, office.call.pk])
    response = client.post(withdraw, {"publish": "0"}, follow=True)
    assert "can no longer be withdrawn" in response.content.decode()


def test_an_assessor_cannot_post_a_call(client, office):
    client.force_login(office.assessor)
    response = client.post(reverse("staff:call_new", args=[office.programme.slug]), form_data(office))
    assert response.status_code == 403 and not Call.objects.filter(reference="C2").exists()
