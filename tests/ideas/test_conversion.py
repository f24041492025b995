"""Turning an idea into an application in one step: the project with the idea's words, the owner's organisation as
lead, an invitation per interested person; refused with the reason for a closed call, and then nothing changes."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from interact_portal.notifications.models import OutboxEmail
from partnerships.choices import PartnerRole
from partnerships.idea_models import IdeaStatus, ProjectIdea
from partnerships.idea_services import idea_close, interest_express
from partnerships.models import PartnerInvitation
from projects.models import Project
from projects.services.idea_conversion import idea_convert
from tests.factories import CallFactory, UserFactory

from .conftest import contact_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def interested(ideas_world, idea):
    w = ideas_world
    third = UserFactory()
    interest_express(idea=idea, person=w.person, body="Our lab would like to join.", organisation=w.person_org)
    interest_express(idea=idea, person=third, body="We could bring a pilot site.")
    return [w.person, third]


def test_conversion_starts_the_application_and_invites_everyone_interested(ideas_world, idea, interested):
    w = ideas_world
    project = idea_convert(idea=idea, call=w.open_call, organisation=w.owner_org, acronym="GREENROOF", by=w.owner)
    assert (project.title, project.summary, project.call) == (idea.title, idea.summary, w.open_call)
    lead = project.partners.get()
    assert (lead.organisation, lead.role, lead.contact_user) == (w.owner_org, PartnerRole.LEAD, w.owner)
    invitations = PartnerInvitation.objects.filter(project=project)
    assert sorted(i.email for i in invitations) == sorted(p.email for p in interested)
    assert {i.role for i in invitations} == {PartnerRole.PARTNER}
    assert OutboxEmail.objects.filter(to=w.person.email, subject__icontains="invit").exists()
    idea.refresh_from_db()
    assert (idea.status, idea.project) == (IdeaStatus.CONVERTED, project)


def test_a_closed_call_is_refused_with_its_reason_and_nothing_is_left(ideas_world, idea, interested):
    w = ideas_world
    with pytest.raises(ValidationError) as refused:
        idea_convert(idea=idea, call=w.closed_call, organisation=w.owner_org, acronym="GREENROOF", by=w.owner)
    assert "closed" in " ".join(refused.value.message_dict["call"])
    assert not Project.objects.filter(acronym="GREENROOF").exists() and not PartnerInvitation.objects.exists()
    assert ProjectIdea.objects.get(pk=idea.pk).status == IdeaStatus.OPEN


def test_a_failing_invitation_rolls_the_whole_conversion_back(ideas_world, idea, interested, monkeypatch):
    """One transaction: when the last invitation fails, the application and the first invitations disappear too."""
    w = ideas_world
    from projects.services import idea_conversion

    real, calls = idea_conversion.invitation_create, []

    def second_fails(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            raise ValidationError("the mail server said no")
        return real(**kwargs)

    monkeypatch.setattr(idea_conversion, "invitation_create", second_fails)
    with pytest.raises(ValidationError):
        idea_convert(idea=idea, call=w.open_call, organisation=w.owner_org, acronym="GREENROOF", by=w.owner)
    assert not Project.objects.filter(acronym="GREENROOF").exists() and not PartnerInvitation.objects.exists()
    assert ProjectIdea.objects.get(pk=idea.pk).status == IdeaStatus.OPEN


def test_a_call_of_another_programme_and_someone_elses_idea_are_refused(ideas_world, idea):
    w = ideas_world
    foreign = CallFactory(programme=w.other_programme)
    with pytest.raises(ValidationError) as refused:
        idea_convert(idea=idea, call=foreign, organisation=w.owner_org, acronym="GREENROOF", by=w.owner)
    assert "call" in refused.value.message_dict
    contact_of(w.stranger, w.owner_org, w.programme)
    with pytest.raises(ValidationError, match="Only the person"):
        idea_convert(idea=idea, call=w.open_call, organisation=w.owner_org, acronym="GREENROOF", by=w.stranger)


def test_a_closed_idea_cannot_be_converted(ideas_world, idea):
    w = ideas_world
    idea_close(idea=idea, by=w.owner)
    with pytest.raises(ValidationError):
        idea_convert(idea=idea, call=w.open_call, organisation=w.owner_org, acronym="GREENROOF", by=w.owner)


def test_the_conversion_page(client, ideas_world, idea, interested):
    w = ideas_world
    url = reverse("projects:idea_convert", args=[idea.pk])
    client.force_login(w.person)
    assert client.get(url).status_code == 404  # not their idea
    client.force_login(w.owner)
    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert w.person_org.name in text and w.person.email not in text and w.open_call.reference in text
    assert w.closed_call.reference not in text  # only open calls are offered
    bad = client.post(url, {"call": w.closed_call.pk, "organisation": w.owner_org.pk, "acronym": ""})
    assert bad.status_code == 400 and {"call", "acronym"} <= set(bad.context["form"].errors)
    done = client.post(url, {"call": w.open_call.pk, "organisation": w.owner_org.pk, "acronym": "GREENROOF"})
    project = Project.objects.get(acronym="GREENROOF")
    assert done.status_code == 302 and done.url == reverse("projects:detail", args=[project.pk])
    assert client.get(url).status_code == 403  # converted: nothing more to do, said with the reason
