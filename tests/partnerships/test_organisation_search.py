import pytest
from django.urls import reverse

from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_the_search_fragment_lists_matching_organisations_as_choices(client):
    OrganisationFactory(name="Mesto Bratislava")
    OrganisationFactory(name="Stadt Wien")
    html = client.get(reverse("partnerships:organisation_search"), {"q": "bratis"}).content.decode()
    assert 'id="org-results"' in html and "Mesto Bratislava" in html and "Stadt Wien" not in html
    assert 'type="radio" name="organisation"' in html


def test_an_empty_or_overlong_search_lists_nothing_and_does_not_fail(client):
    OrganisationFactory(name="Mesto Bratislava")
    for q in ("", "x" * 500):
        response = client.get(reverse("partnerships:organisation_search"), {"q": q})
        assert response.status_code == 200 and "Mesto" not in response.content.decode()
