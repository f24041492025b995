"""seed_demo brings the partner search: the applicant's idea with the partner's interest, and the partner's idea."""

import pytest
from django.core.management import call_command

from partnerships.idea_models import IdeaInterest, IdeaStatus, ProjectIdea


@pytest.mark.django_db
def test_the_demo_has_ideas_with_an_interest_once(demo):
    call_command("seed_demo", verbosity=0)  # a second run adds nothing
    assert ProjectIdea.objects.filter(status=IdeaStatus.OPEN).count() == 2
    interest = IdeaInterest.objects.select_related("person", "organisation", "idea__owner").get()
    assert interest.person.email == "partner@example.org" and interest.organisation.name == "Budapest Climate Agency"
    assert interest.idea.owner.email == "applicant@example.org" and interest.message is not None
