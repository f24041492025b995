"""The public project database of tests/database (five public projects, three hidden) with what the API must never
show: partners with contact people and email addresses, an address in a summary, unpublished calls and events, an
organisation only in a draft application; and published calls and events, a programme body."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.utils import timezone

from events.models import Audience, Speaker, Topic
from partnerships.models import ProgrammeMembership, ProjectPartner
from programmes.models import ProgrammeBody
from projects.models import Project
from tests.database.conftest import database, project_with_partners  # noqa: F401
from tests.factories import CallFactory, EventFactory, OrganisationFactory, UserFactory


@pytest.fixture(autouse=True)
def _no_rate_limit_carried_over(settings):
    """Each test starts with none of the API's counters (tests/conftest.py clears them; this also on a re-run)."""
    client = cache._cache.get_client(write=True)
    keys = list(client.scan_iter(match=f"{settings.CACHES['default']['KEY_PREFIX']}:*:api:rl:*", count=1000))
    if keys:
        client.delete(*keys)


@pytest.fixture
def world(database):  # noqa: F811
    for n, partner in enumerate(ProjectPartner.objects.all()):
        partner.contact_name = f"Contact Person {n}"
        partner.contact_email = f"contact{n}@partner.example.org"
        partner.contact_phone = "+43 1 234"
        partner.save()
    Project.objects.filter(pk=database.heat.pk).update(summary="Cities reuse heat; write to heat@example.org today.")
    hidden_only = OrganisationFactory(name="Only in a draft", country=database.uni.country)
    project_with_partners(database.danube, [(hidden_only, 1)], acronym="DRAFTONLY", status="draft")
    member = OrganisationFactory(
        name="Ministry of Regions", country=database.uni.country, website="https://ministry.example.org"
    )
    body = ProgrammeBody.objects.create(programme=database.danube, kind="monitoring_committee", name="Committee")
    ProgrammeMembership.objects.create(
        organisation=member, body=body, member_category="national_authority", term_start=date.today()
    )
    call = CallFactory(programme=database.danube, description="Questions: calls@example.org")
    draft_call = CallFactory(programme=database.danube, is_published=False)
    past_call = CallFactory(
        programme=database.alpine,
        opens_at=timezone.now() - timedelta(days=90),
        closes_at=timezone.now() - timedelta(days=30),
    )
    topic = Topic.objects.create(name="Governance", slug="governance")
    audience = Audience.objects.create(code="ms", name="Managing authorities")
    event = EventFactory(title="Knowledge Fair", slug="knowledge-fair", description="Ask fair@example.org")
    event.topics.add(topic)
    event.audiences.add(audience)
    Speaker.objects.create(event=event, name="Ana Speaker", bio="ana@example.org")
    past_event = EventFactory(slug="past-webinar", starts_at=timezone.now() - timedelta(days=30))
    draft_event = EventFactory(slug="draft-webinar", status="draft")
    return SimpleNamespace(
        **vars(database),
        hidden_only=hidden_only,
        member=member,
        call=call,
        draft_call=draft_call,
        past_call=past_call,
        event=event,
        past_event=past_event,
        draft_event=draft_event,
        topic=topic,
        person=UserFactory(),
    )
