"""Starting an application is offered only while the call is open (issue 23, #6): a closed or upcoming call's start
page says so, and when, instead of a form that would be refused once filled in."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from projects.models import Project
from tests.factories import CallFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def calls(ready):
    now = timezone.now()
    return {
        "closed": CallFactory(
            programme=ready.programme, opens_at=now - timedelta(days=30), closes_at=now - timedelta(days=1)
        ),
        "upcoming": CallFactory(
            programme=ready.programme, opens_at=now + timedelta(days=5), closes_at=now + timedelta(days=40)
        ),
    }


@pytest.mark.parametrize(("state", "says"), [("closed", "This call closed on"), ("upcoming", "This call opens on")])
def test_a_call_that_is_not_open_explains_instead_of_showing_the_form(
    client, calls, state, says, django_assert_max_num_queries
):
    client.force_login(UserFactory())
    url = reverse("projects:start", args=[calls[state].pk])
    with django_assert_max_num_queries(4):
        response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert says in html and "(Europe/Brussels)" in html
    assert 'id="start-form"' not in html and 'name="acronym"' not in html
    assert reverse("programmes:call_detail", args=[calls[state].pk]) in html
    response = client.post(url, {"acronym": "LATE", "organisation": OrganisationFactory().pk})
    assert response.status_code == 409 and says in response.content.decode()
    assert not Project.objects.filter(acronym="LATE").exists()


def test_an_open_call_still_shows_the_form(client, ready):
    client.force_login(UserFactory())
    html = client.get(reverse("projects:start", args=[ready.call.pk])).content.decode()
    assert 'id="start-form"' in html
