"""The public page of an organisation (issue 21, item 3): its public projects across programmes with its role and
budget in each, its totals, its seats, the organisations it works with most; constant queries; no address."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from interact_portal.core.formatting import format_money
from partnerships.models import ProgrammeMembership
from programmes.models import ProgrammeBody
from projects.organisation_profile import CO_PARTNERS
from projects.search_cache import generation_bump
from projects.workflow import Status
from tests.access.test_no_addresses import addresses
from tests.factories import OrganisationFactory, ProjectFactory, ProjectPartnerFactory

from .conftest import SPEC, expected_figures

pytestmark = pytest.mark.django_db


def page_of(client, organisation, **query) -> str:
    response = client.get(reverse("database:organisation", args=[organisation.pk]), query)
    assert response.status_code == 200
    return response.content.decode()


def test_figures_roles_and_budgets_are_those_of_its_public_projects(client, orgs):
    hub, want = orgs.organisations["hub"], expected_figures()
    assert (want["projects"], want["as_lead"], want["budget"]) == (4, 2, Decimal("1650000.50"))  # SPEC, by eye
    response = client.get(reverse("database:organisation", args=[hub.pk]))
    figures = response.context["figures"]
    assert (figures.projects, figures.as_lead, figures.budget) == (want["projects"], want["as_lead"], want["budget"])
    assert {s.slug: [s.projects, s.budget] for s in figures.programmes} == want["programmes"]
    html = response.content.decode()
    assert format_money(want["budget"]) in html and "99,999,999" not in html and "88,888,888" not in html
    # one row per public project, with its role and its budget in it
    rows = re.findall(
        r'<a href="/projects/(\d+)/">(ORG\d)</a>.*?data-role="(\w+)".*?class="num">([^<]+)</td>', html, re.S
    )
    by_acronym = {acronym: (role, amount) for _pk, acronym, role, amount in rows}
    expected_rows = {
        f"ORG{n}": (role, format_money(Decimal(budget)))
        for n, (_programme, status, partners) in enumerate(SPEC)
        for key, role, budget in partners
        if key == "hub" and status in {Status.APPROVED, Status.CONTRACTED, Status.CLOSED}
    }
    assert by_acronym == expected_rows


def test_works_most_with_the_organisations_of_the_most_shared_projects(client, orgs):
    hub, want = orgs.organisations["hub"], expected_figures()["shared"]
    assert want == {"a": 3, "b": 2, "c": 1, "d": 1}  # e only shares unpublished applications
    figures = client.get(reverse("database:organisation", args=[hub.pk])).context["figures"]
    got = {other.name.removeprefix("Org ").lower(): other.shared for other in figures.co_partners}
    assert got == want
    assert [o.shared for o in figures.co_partners] == sorted(want.values(), reverse=True)
    html = page_of(client, hub)
    for other in figures.co_partners:
        assert f'href="/organisations/{other.pk}/">{other.name}</a>' in html
    # and from the other side: A works most with the hub (3 projects), then B (2)
    a_figures = client.get(reverse("database:organisation", args=[orgs.organisations["a"].pk])).context["figures"]
    assert [(o.name, o.shared) for o in a_figures.co_partners][:2] == [("Org HUB", 3), ("Org B", 2)]
    assert a_figures.co_partners == [
        type(o)(o.pk, o.name, n) for o, n in zip(a_figures.co_partners, [3, 2, 1], strict=False)
    ]


def test_works_most_with_shows_the_top_ten(client, orgs):
    hub = orgs.organisations["hub"]
    project = orgs.projects[0]
    for n in range(CO_PARTNERS + 3):
        ProjectPartnerFactory(
            project=project, organisation=OrganisationFactory(name=f"Zz {n:02}"), abbreviation=f"Z{n}"
        )
    generation_bump()  # the factories wrote behind the services' back
    figures = client.get(reverse("database:organisation", args=[hub.pk])).context["figures"]
    assert len(figures.co_partners) == CO_PARTNERS
    assert [o.name for o in figures.co_partners][:2] == ["Org A", "Org B"]


def test_seats_in_programme_bodies_are_listed(client, orgs):
    body = ProgrammeBody.objects.create(
        programme=orgs.programmes["danube"], kind="monitoring_committee", name="Monitoring committee"
    )
    seated = OrganisationFactory(name="Ministry of Regions")  # a seat and no project: it has a page too
    for organisation in (orgs.organisations["hub"], seated):
        ProgrammeMembership.objects.create(
            organisation=organisation, body=body, member_category="national_authority", term_start=date(2022, 1, 1)
        )
    for organisation in (orgs.organisations["hub"], seated):
        html = page_of(client, organisation)
        assert "Seats in programme bodies" in html and "Monitoring committee" in html and "Interreg Danube" in html
    assert "0 projects" in page_of(client, seated)


def test_projects_are_paginated(client, orgs):
    hub = orgs.organisations["hub"]
    for n in range(30):
        project = ProjectFactory(programme=orgs.programmes["danube"], status=Status.CLOSED, acronym=f"MORE{n}")
        ProjectPartnerFactory(project=project, organisation=hub)
    generation_bump()
    first, second = page_of(client, hub), page_of(client, hub, page=2)
    assert "34 projects" in first and "Page 1 of 2" in first and "Page 2 of 2" in second
    shown = set(re.findall(r">((?:MORE|ORG)\d+)</a>", first)) | set(re.findall(r">((?:MORE|ORG)\d+)</a>", second))
    assert len(shown) == 34
    assert page_of(client, hub, page="999").count('<a href="/projects/') == len(
        re.findall(r"<a href=\"/projects/", second)
    )


def _grow(orgs, n: int) -> None:
    """n more public projects of the hub, each with a new co-partner, in a new programme each."""
    hub = orgs.organisations["hub"]
    for i in range(n):
        project = ProjectFactory(status=Status.CLOSED, acronym=f"GROW{i}")
        ProjectPartnerFactory(project=project, organisation=hub, role="lead")
        ProjectPartnerFactory(project=project, organisation=OrganisationFactory())
    generation_bump()


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed in"])
def test_the_page_costs_the_same_queries_with_2_or_20_projects(client, orgs, reachable, signed_in):
    if signed_in:
        client.force_login(reachable.sender)
    hub = orgs.organisations["hub"]
    url = reverse("database:organisation", args=[hub.pk])
    small = ProjectFactory(status=Status.CLOSED, acronym="SOLO")
    lonely = ProjectPartnerFactory(project=small, organisation=OrganisationFactory()).organisation
    ProjectPartnerFactory(project=ProjectFactory(status=Status.CLOSED), organisation=lonely)
    generation_bump()
    lonely_url = reverse("database:organisation", args=[lonely.pk])
    two = _queries(client, lonely_url)  # 2 projects
    generation_bump()
    few = _queries(client, url)  # 4 public projects
    _grow(orgs, 16)
    many = _queries(client, url)  # 20
    warm = _queries(client, url)  # its figures from the cache
    assert two == few == many, (two, few, many)
    assert warm == many - 3  # the three aggregate queries are cached
    assert many <= 12


def test_no_address_on_the_page_for_anyone(client, orgs, reachable):
    hub = reachable.organisation
    assert addresses(page_of(client, hub)) == set()
    client.force_login(reachable.sender)
    html = page_of(client, hub).replace('<span class="who">sender@example.org</span>', "")
    assert addresses(html) == set() and 'name="subject"' in html
