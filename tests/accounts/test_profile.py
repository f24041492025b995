"""A person who signed up before names were asked (or who changes name) sets it on their profile."""

import pytest
from django.urls import reverse

from interact_portal.audit.models import AuditEntry
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_person_without_a_name_sets_it_on_their_profile(client):
    person = UserFactory(first_name="", last_name="")
    client.force_login(person)
    assert client.get(reverse("profile")).status_code == 200
    response = client.post(reverse("profile"), {"first_name": " Anna ", "last_name": "Berg"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.first_name, person.last_name, str(person)) == ("Anna", "Berg", "Anna Berg")
    entry = AuditEntry.objects.get(action="profile.name_changed")
    assert "Anna" not in entry.target_label


def test_an_empty_name_is_refused_next_to_the_field_and_nothing_is_saved(client):
    person = UserFactory(first_name="Anna", last_name="Berg")
    client.force_login(person)
    response = client.post(reverse("profile"), {"first_name": "", "last_name": "Nowak"})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    person.refresh_from_db()
    assert person.last_name == "Berg"


def test_the_profile_needs_a_login(client):
    response = client.get(reverse("profile"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_profile_page_has_a_constant_number_of_queries(client, django_assert_max_num_queries):
    client.force_login(UserFactory())
    with django_assert_max_num_queries(12):
        assert client.get(reverse("profile")).status_code == 200
