"""A small world for the partner search: a programme with an open and a closed call, an owner who is the contact
person of an organisation in a public project (so the relay can reach it), and an interested person with theirs."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from partnerships.choices import OrganisationType
from partnerships.idea_services import idea_create
from projects.workflow import Status
from tests.factories import (
    CallFactory,
    CountryFactory,
    OrganisationFactory,
    PriorityFactory,
    ProgrammeFactory,
    ProjectFactory,
    ProjectPartnerFactory,
    UserFactory,
)


def contact_of(user, organisation, programme):
    """Make the user the contact person of the organisation in a public project (the relay's addressees)."""
    project = ProjectFactory(programme=programme, status=Status.APPROVED)
    return ProjectPartnerFactory(project=project, organisation=organisation, contact_user=user)


def idea_data(programme, **more) -> dict:
    return {
        "title": "Cooling cities with green roofs",
        "summary": "Pilot green roofs on public buildings of the Danube region and measure the heat islands.",
        "programme": programme,
        "expires_on": timezone.localdate() + timedelta(days=60),
        "partner_types_sought": [OrganisationType.HIGHER_EDUCATION],
        **more,
    }


@pytest.fixture
def ideas_world(db):
    from partnerships.idea_cache import ideas_generation_bump

    ideas_generation_bump()  # the cache outlives the test database: none of an earlier test's counts
    programme = ProgrammeFactory(name="Interreg Danube", slug="danube")
    other_programme = ProgrammeFactory(name="Interreg Alpine Space", slug="alpine")
    austria, hungary = CountryFactory(code="AT"), CountryFactory(code="HU")
    owner, person, stranger = UserFactory(), UserFactory(), UserFactory()
    owner_org = OrganisationFactory(name="Vienna Climate Office", country=austria)
    university = OrganisationType.HIGHER_EDUCATION
    person_org = OrganisationFactory(name="Budapest University", country=hungary, type=university)
    contact_of(owner, owner_org, programme)
    contact_of(person, person_org, programme)
    open_call = CallFactory(programme=programme, reference="DANUBE-3")
    closed_call = CallFactory(
        programme=programme,
        reference="DANUBE-1",
        opens_at=timezone.now() - timedelta(days=100),
        closes_at=timezone.now() - timedelta(days=1),
    )
    priority = PriorityFactory(programme=programme, code="P2", title="A greener Danube region")
    return SimpleNamespace(
        programme=programme,
        other_programme=other_programme,
        austria=austria,
        hungary=hungary,
        owner=owner,
        person=person,
        stranger=stranger,
        owner_org=owner_org,
        person_org=person_org,
        open_call=open_call,
        closed_call=closed_call,
        priority=priority,
    )


@pytest.fixture
def idea(ideas_world):
    w = ideas_world
    return idea_create(
        owner=w.owner,
        data=idea_data(w.programme, organisation=w.owner_org, priority=w.priority),
        countries=[w.hungary],
    )


@pytest.fixture(autouse=True)
def _abuse_page_until_merged(monkeypatch):
    """The relay's emails link to its abuse page (database:contact_abuse), which the helper building the contact
    pages adds; until both branches meet, the link is a placeholder here (nothing else of the relay is replaced)."""
    from django.urls import NoReverseMatch, reverse

    from partnerships import relay

    try:
        reverse("database:contact_abuse", kwargs={"token": "x"})
    except NoReverseMatch:
        monkeypatch.setattr(relay, "abuse_url", lambda message: "http://testserver/abuse-link")
