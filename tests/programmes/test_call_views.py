"""/calls/ and /calls/<id>/: public, filterable, deadlines in the call's time zone, no 500 on bad input."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from programmes.models import CallDocument
from tests.factories import CallFactory, ProgrammeFactory, SpecificObjectiveFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def calls(db):
    now = timezone.now()
    programme = ProgrammeFactory(name="Interreg Danube", slug="danube")
    return {
        "open": CallFactory(programme=programme, reference="OPEN-1", timezone="Europe/Bratislava"),
        "upcoming": CallFactory(
            reference="SOON-1", opens_at=now + timedelta(days=5), closes_at=now + timedelta(days=60)
        ),
        "closed": CallFactory(reference="DONE-1", opens_at=now - timedelta(days=60), closes_at=now - timedelta(days=1)),
        "draft": CallFactory(reference="HIDDEN-1", is_published=False),
    }


def _listed(client, query="") -> str:
    response = client.get(reverse("programmes:call_list") + query)
    assert response.status_code == 200
    return response.content.decode()


def test_all_published_calls_are_listed_open_first(client, calls):
    html = _listed(client)
    assert html.index("OPEN-1") < html.index("SOON-1") < html.index("DONE-1")
    assert "HIDDEN-1" not in html


@pytest.mark.parametrize(("status", "reference"), [("open", "OPEN-1"), ("upcoming", "SOON-1"), ("closed", "DONE-1")])
def test_filter_by_status(client, calls, status, reference):
    html = _listed(client, f"?status={status}")
    assert [ref for ref in ("OPEN-1", "SOON-1", "DONE-1") if ref in html] == [reference]


def test_filter_by_programme(client, calls):
    html = _listed(client, "?programme=danube")
    assert "OPEN-1" in html and "SOON-1" not in html


@pytest.mark.parametrize("query", ["?status=nonsense", "?programme=nope", "?page=999999", "?page=-1&status=%00"])
def test_bad_filters_are_ignored(client, calls, query):
    assert "OPEN-1" in _listed(client, query)


def test_deadline_is_shown_in_the_calls_time_zone_with_a_countdown(client, calls):
    call = calls["open"]
    local = timezone.localtime(call.closes_at, __import__("zoneinfo").ZoneInfo("Europe/Bratislava"))
    html = _listed(client)
    assert local.strftime("%H:%M") in html and "Europe/Bratislava" in html
    assert "left" in html


def test_detail_shows_rules_objectives_documents_and_the_way_to_apply(client, calls):
    call = calls["open"]
    objective = SpecificObjectiveFactory(priority__programme=call.programme, code="SO2.4")
    call.allowed_objectives.set([objective])
    CallDocument.objects.create(call=call, title="Terms of reference", url="https://example.org/tor.pdf")
    html = client.get(reverse("programmes:call_detail", args=[call.pk])).content.decode()
    for text in ("SO2.4", "Terms of reference", "At least 2 partners", "80 %", "Log in to start an application"):
        assert text in html


def test_detail_of_a_closed_call_offers_no_application(client, calls, user):
    client.force_login(user)
    html = client.get(reverse("programmes:call_detail", args=[calls["closed"].pk])).content.decode()
    assert "This call is closed" in html and "Start an application" not in html


def test_unpublished_and_unknown_calls_are_404(client, calls):
    assert client.get(reverse("programmes:call_detail", args=[calls["draft"].pk])).status_code == 404
    assert client.get("/calls/99999999/").status_code == 404
    assert client.get("/calls/abc/").status_code == 404


def test_list_queries_do_not_grow_with_calls(client, calls):
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("programmes:call_list"))
    for _ in range(10):
        CallFactory()
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("programmes:call_list"))
    assert len(many) == len(few) <= 6


def test_detail_queries_do_not_grow_with_objectives(client, calls):
    call = calls["open"]
    url = reverse("programmes:call_detail", args=[call.pk])
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    call.allowed_objectives.set([SpecificObjectiveFactory(priority__programme=call.programme) for _ in range(5)])
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few) <= 8
