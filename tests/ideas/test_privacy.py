"""A person's ideas and interests are in their copy of their data, and leave with their account."""

import pytest
from django.urls import reverse

from interact_portal.accounts.privacy import personal_data
from partnerships.idea_models import IdeaInterest, ProjectIdea
from partnerships.idea_services import interest_express
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_ideas_and_interests_are_in_the_copy_and_leave_with_the_account(client, ideas_world, idea):
    w = ideas_world
    interest_express(idea=idea, person=w.person, body="We would like to join.", organisation=w.person_org)
    assert [row["title"] for row in personal_data(w.owner)["project_ideas"]] == [idea.title]
    assert personal_data(w.person)["idea_interests"][0]["organisation__name"] == w.person_org.name
    client.force_login(w.person)
    assert client.post(reverse("my_data"), {"password": PASSWORD, "confirm": "on"}).status_code == 302
    assert not IdeaInterest.objects.exists() and ProjectIdea.objects.filter(pk=idea.pk).exists()
    client.force_login(w.owner)
    assert client.post(reverse("my_data"), {"password": PASSWORD, "confirm": "on"}).status_code == 302
    assert not ProjectIdea.objects.exists()
