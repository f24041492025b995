"""A small world of organisations: one (the "hub") in public projects of two programmes, as lead and as partner,
with co-partners sharing different numbers of projects with it, and projects that must never count (a draft, a
project not approved). The figures the page should show are written down here as plain data (SPEC), so the tests
compute them without the portal's queries."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from projects.search_index import search_index_refresh
from projects.workflow import Status
from tests.factories import OrganisationFactory, ProgrammeFactory, ProjectFactory, ProjectPartnerFactory, UserFactory

# (programme, status, [(organisation key, role, budget)]) per project; "hub" is the organisation of the page
SPEC = [
    ("danube", Status.CONTRACTED, [("hub", "lead", "400000"), ("a", "partner", "300000"), ("b", "partner", "10")]),
    ("danube", Status.CLOSED, [("a", "lead", "900000"), ("hub", "partner", "250000.50"), ("c", "partner", "1")]),
    ("alpine", Status.APPROVED, [("hub", "lead", "1000000"), ("a", "partner", "5"), ("b", "partner", "5")]),
    ("alpine", Status.CLOSED, [("d", "lead", "7"), ("hub", "associated", "0")]),
    ("alpine", Status.DRAFT, [("hub", "lead", "99999999"), ("e", "partner", "1")]),  # never public
    ("danube", Status.NOT_APPROVED, [("e", "lead", "1"), ("hub", "partner", "88888888")]),  # never public
]
PUBLIC = {Status.APPROVED, Status.CONTRACTED, Status.CLOSED}


def expected_figures(spec=SPEC, who="hub") -> dict:
    """The page's figures, from SPEC by hand: public projects only."""
    public = [(programme, partners) for programme, status, partners in spec if status in PUBLIC]
    mine = [(programme, partners) for programme, partners in public if any(key == who for key, *_ in partners)]
    budget = sum(Decimal(b) for _p, partners in mine for key, _r, b in partners if key == who)
    lead = sum(1 for _p, partners in mine if any(k == who and r == "lead" for k, r, _b in partners))
    shared: dict[str, int] = {}
    for _p, partners in mine:
        for key in {k for k, *_ in partners} - {who}:
            shared[key] = shared.get(key, 0) + 1
    programmes: dict[str, list] = {}
    for programme, partners in mine:
        row = programmes.setdefault(programme, [0, Decimal(0)])
        row[0] += 1
        row[1] += sum(Decimal(b) for k, _r, b in partners if k == who)
    return {"projects": len(mine), "budget": budget, "as_lead": lead, "shared": shared, "programmes": programmes}


def build(spec=SPEC) -> SimpleNamespace:
    programmes = {
        "danube": ProgrammeFactory(name="Interreg Danube", slug="danube"),
        "alpine": ProgrammeFactory(name="Interreg Alpine Space", slug="alpine"),
    }
    organisations = {key: OrganisationFactory(name=f"Org {key.upper()}") for key in ["hub", "a", "b", "c", "d", "e"]}
    projects = []
    for n, (programme, status, partners) in enumerate(spec):
        project = ProjectFactory(programme=programmes[programme], status=status, acronym=f"ORG{n}")
        for number, (key, role, budget) in enumerate(partners):
            ProjectPartnerFactory(
                project=project,
                organisation=organisations[key],
                role=role,
                budget=Decimal(budget),
                abbreviation=f"PP{number + 1}",
            )
        projects.append(project)
    search_index_refresh([p.pk for p in projects])
    return SimpleNamespace(programmes=programmes, organisations=organisations, projects=projects)


@pytest.fixture
def orgs(db):
    return build()


@pytest.fixture
def reachable(orgs):
    """The hub's contacts: a typed address and an account in one public project, an account in another (the same
    address as the typed one, in other letters), an inactive account and a draft's contact (neither written to)."""
    alice = UserFactory(email="alice.contact@example.org", first_name="Alice", last_name="Contact")
    bob = UserFactory(email="bob.contact@example.org")
    gone = UserFactory(email="gone.contact@example.org", is_active=False)
    draft_only = UserFactory(email="draft.contact@example.org")
    hub = orgs.organisations["hub"]
    partners = {p.project.acronym: p for p in hub.partnerships.select_related("project")}
    partners["ORG0"].contact_email, partners["ORG0"].contact_user = "Alice.Contact@Example.org", bob
    partners["ORG1"].contact_user = alice
    partners["ORG2"].contact_user = gone
    partners["ORG4"].contact_user = draft_only
    for partner in partners.values():
        partner.save()
    return SimpleNamespace(
        organisation=hub,
        addresses={"alice.contact@example.org", "bob.contact@example.org"},
        never={"gone.contact@example.org", "draft.contact@example.org"},
        sender=UserFactory(email="sender@example.org", first_name="Sam", last_name="Sender"),
    )
