"""The admin reads ideas and interests; an idea's status changes there only through its transition table (the
superusers' "close" action), never as a field."""

import pytest
from django.urls import reverse

from interact_portal.audit.models import AuditEntry
from partnerships.idea_models import IdeaStatus, ProjectIdea
from partnerships.idea_services import idea_transition

pytestmark = pytest.mark.django_db


def test_the_status_is_not_a_field_of_the_admin(admin_client, idea):
    page = admin_client.get(reverse("admin:partnerships_projectidea_change", args=[idea.pk]))
    assert page.status_code == 200 and 'name="status"' not in page.content.decode()
    admin_client.post(reverse("admin:partnerships_projectidea_change", args=[idea.pk]), {"status": "converted"})
    assert ProjectIdea.objects.get(pk=idea.pk).status == IdeaStatus.OPEN


def test_superusers_close_ideas_through_the_transition(admin_client, ideas_world, idea):
    from partnerships.idea_services import idea_create

    from .conftest import idea_data

    expired = idea_create(owner=ideas_world.owner, data=idea_data(ideas_world.programme, title="Old"))
    idea_transition(idea=expired, to=IdeaStatus.EXPIRED)
    response = admin_client.post(
        reverse("admin:partnerships_projectidea_changelist"),
        {"action": "close_ideas", "_selected_action": [idea.pk, expired.pk]},
    )
    assert response.status_code == 302
    assert ProjectIdea.objects.get(pk=idea.pk).status == IdeaStatus.CLOSED
    assert ProjectIdea.objects.get(pk=expired.pk).status == IdeaStatus.EXPIRED  # a final status stays
    assert AuditEntry.objects.filter(action="idea.closed", target_id=str(idea.pk)).exists()
