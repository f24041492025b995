"""The public pages: facets equal direct counts, nothing unpublished leaks, constant queries, bad input."""

import csv
import io
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerships.choices import MemberCategory
from partnerships.models import ProgrammeMembership
from programmes.choices import BodyKind
from programmes.models import ProgrammeBody
from projects.filters import ProjectSearchForm
from projects.models import Project
from projects.search import public_search
from projects.search_index import search_index_refresh
from projects.services.workflow import project_transition
from projects.workflow import Status
from tests.database.conftest import project_with_partners
from tests.factories import OrganisationFactory, ProgrammeFactory, ProjectPartnerFactory, UserFactory

MAX_QUERIES = 12


def body(response) -> str:
    return b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()


def test_every_facet_count_equals_a_direct_query(database):
    public = Project.objects.public()
    direct = {
        "programme": lambda v: public.filter(programme__slug=v),
        "period": lambda v: public.filter(programme__period=v),
        "strand": lambda v: public.filter(programme__strand=v),
        "country": lambda v: public.filter(partners__organisation__country=v).distinct(),
        "lead_country": lambda v: public.filter(partners__role="lead", partners__organisation__country=v),
        "region": lambda v: public.filter(partners__organisation__nuts_region__code=v).distinct(),
        "objective": lambda v: public.filter(specific_objective=v),
        "status": lambda v: public.filter(status=v),
        "sector": lambda v: public.filter(partners__organisation__sector=v).distinct(),
        "budget": lambda v: public.filter(pk__in=[p.pk for p in public if _band(p) == v]),
    }
    for params in ({}, {"q": "energy"}, {"country": "AT"}):
        result = public_search(ProjectSearchForm(params).state())
        narrowed = public.filter(pk__in=[p.pk for p in result.page.projects])
        assert result.total == narrowed.count()
        for facet, values in result.facets.items():
            for value in values:
                assert value.count == direct[facet](value.value).filter(pk__in=narrowed).count(), (facet, value)
    facets = public_search(ProjectSearchForm({}).state()).facets
    assert {v.value: v.count for v in facets["country"]} == {"AT": 3, "CZ": 3, "SK": 3}
    assert {v.value: v.count for v in facets["budget"]} == {"lt500k": 1, "500k-1m": 1, "1m-2m": 1, "2m-5m": 1, "5m+": 1}


def _band(project) -> str:
    budget = sum(p.budget for p in project.partners.all())
    for key, high in (("lt500k", 500_000), ("500k-1m", 1_000_000), ("1m-2m", 2_000_000), ("2m-5m", 5_000_000)):
        if budget < high:
            return key
    return "5m+"


def test_a_facet_link_narrows_and_its_selected_link_removes_it(client, database):
    page = body(client.get("/projects/?country=SK"))
    assert "3 projects" in page and "RAILNET" in page and "HEATWISE" not in page
    assert 'href="?q=&amp;' not in page and 'aria-label="Remove filter Slovakia"' in page


def facet_count(page: str, label: str) -> int:
    """The count the facet list shows next to a value (selected or not)."""
    return int(re.search(rf'(?:✓ )?{re.escape(label)} <span class="count">(\d+)</span>', page).group(1))


def test_the_cached_facet_list_is_recounted_when_a_project_becomes_public(client, database):
    before = body(client.get("/projects/?country=SK"))
    assert (facet_count(before, "Slovakia"), facet_count(before, "Approved")) == (3, 1)
    late = project_with_partners(database.danube, [(database.agency, 1)], acronym="LATE", status=Status.ELIGIBLE)
    project_transition(project=late, to=Status.APPROVED, by=UserFactory())
    after = body(client.get("/projects/?country=SK"))
    assert "4 projects" in after and "LATE" in after
    assert (facet_count(after, "Slovakia"), facet_count(after, "Approved")) == (4, 2)


def test_the_cached_facet_links_keep_the_sort_of_the_page_they_are_on(client, database):
    assert 'href="?country=CZ"' in body(client.get("/projects/?country=SK"))
    by_budget = body(client.get("/projects/?country=SK&sort=budget"))
    assert 'href="?sort=budget&amp;country=CZ"' in by_budget and 'href="?country=CZ"' not in by_budget


def test_unpublished_projects_never_appear_on_any_public_page_or_export(client, database):
    hidden = database.hidden
    pages = [
        "/projects/",
        "/projects/?q=secret",
        "/projects/?q=HIDDEN0",
        "/projects/?status=draft",
        "/projects/export.csv",
        "/projects/export.json",
        "/projects/export.csv?q=secret",
        f"/organisations/{database.uni.pk}/",
        "/programmes/danube/",
        "/programmes/",
        f"/projects/{database.heat.pk}/",
    ]
    for url in pages:
        text = body(client.get(url))
        assert "Secret heating" not in text and "Never public" not in text, url
    for project in hidden:
        assert client.get(f"/projects/{project.pk}/").status_code == 404
    assert '"HEATWISE"' in body(client.get("/projects/export.json"))


def test_organisation_only_in_unpublished_applications_is_not_shown(client, database):
    loner = OrganisationFactory(name="Draft-only partner")
    project_with_partners(database.danube, [(loner, 1)], acronym="DRAFTY", status=Status.DRAFT)
    assert client.get(f"/organisations/{loner.pk}/").status_code == 404
    assert client.get(f"/organisations/{database.agency.pk}/").status_code == 200


def test_exports_stream_the_same_projects_as_the_search_with_documented_fields(client, database):
    response = client.get("/projects/export.csv?country=SK&sort=budget")
    assert response.streaming and response["Content-Type"].startswith("text/csv")
    text = body(response)
    assert text.startswith("\ufeff")  # a byte-order mark, so spreadsheet programs read UTF-8
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert {r["acronym"] for r in rows} == {"RAILNET", "ALPWATER", "SUNCOOP"}
    assert next(r for r in rows if r["acronym"] == "RAILNET")["partner_countries"] == "CZ;SK"
    document = json.loads(body(client.get("/projects/export.json?q=heat")))
    assert "CC BY 4.0" in document["licence"] and set(document["fields"]) == set(rows[0])
    assert [p["acronym"] for p in document["projects"]] == ["HEATWISE"]
    assert document["projects"][0]["total_budget_eur"] == "700000.00"


def test_project_page_shows_partnership_country_chart_and_related_projects(client, database):
    page = body(client.get(f"/projects/{database.heat.pk}/"))
    assert "Université de Lorraine Vienna office" in page and "Město Brno" in page
    assert "<svg" in page and "Budget by partner country" in page and "Austria (1)" in page
    assert "RAILNET" in page and "MOUNTLAB" in page  # share Brno or the university


def test_programme_page_shows_facts_calls_projects_and_committee_chart(client, database):
    committee = ProgrammeBody.objects.create(
        programme=database.danube, kind=BodyKind.MONITORING_COMMITTEE, name="Monitoring committee"
    )
    for category in [MemberCategory.NATIONAL_AUTHORITY] * 3 + [MemberCategory.CIVIL_SOCIETY]:
        ProgrammeMembership.objects.create(
            organisation=OrganisationFactory(), body=committee, member_category=category, term_start="2022-01-01"
        )
    page = body(client.get("/programmes/danube/"))
    assert "Monitoring committee seats by member category" in page and "3 (3 voting)" in page
    assert "3 public projects" in page and "SUNCOOP" in page and "HIDDEN" not in page
    listing = body(client.get("/programmes/?period=2014-2020"))
    assert "Interreg Alpine" in listing and "Interreg Danube" not in listing


def _grow(database, n: int) -> None:
    """n more rows everywhere: public projects of the university and the programme, partners of HEATWISE."""
    grown = [
        project_with_partners(
            database.danube, [(database.uni, 10)], acronym=f"GROW{i}", title="Heat", status=Status.CLOSED
        )
        for i in range(n)
    ]
    for i in range(n):
        ProjectPartnerFactory(
            project=database.heat, organisation=OrganisationFactory(country=database.uni.country), abbreviation=f"X{i}"
        )
        ProgrammeFactory(name=f"Interreg Extra {i}", slug=f"extra-{i}")
    search_index_refresh([p.pk for p in grown] + [database.heat.pk])


PAGES = {
    "search": "/projects/",
    "search words": "/projects/?q=heat",
    "search facets": "/projects/?country=AT&sort=budget",
    "last page": "/projects/?last=1",
    "programmes": "/programmes/",
    "programme": "/programmes/danube/",
    "csv": "/projects/export.csv",
    "json": "/projects/export.json",
}


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        body(client.get(url))
    return len(queries)


@pytest.mark.parametrize("page", [*PAGES, "organisation", "project"])
def test_pages_make_the_same_number_of_queries_at_1_and_50_rows(client, database, page):
    def url():
        return {
            "organisation": f"/organisations/{database.uni.pk}/",
            "project": f"/projects/{database.heat.pk}/",
            **PAGES,
        }[page]

    few = count_queries(client, url())
    _grow(database, 50)
    many = count_queries(client, url())
    assert few == many <= MAX_QUERIES, (few, many)


BAD = [
    "page=99999999999",
    "after=%00",
    "after=2020-13-45~1",
    "after=1e400~3",
    "before=NaN~1",
    "after=Infinity~2",
    "after=1~99999999999999999999999",
    "after=-5~-5",
    "sort=budget&after=1e12~1",
    "sort=relevance&q=x&after=abc",
    "objective=abc",
    "objective=99999999999999",
    "country=zz",
    "country=ZZ",
    "region=%27%3B--",
    "programme=../etc",
    "status=draft",
    "budget=huge",
    "q=" + "a" * 500,
    "q=%22unbalanced",
    "q=!!!%26%26||",
    "q=-",
    "q=%00",
    "last=yes",
    "sector=ngo",
    "period=1999",
    "strand[]=x",
    "q=(((",
]


@pytest.mark.parametrize("query", BAD)
def test_bad_query_parameters_never_give_a_server_error(client, database, query):
    for path in ("/projects/", "/projects/export.csv", "/projects/export.json", "/programmes/"):
        response = client.get(f"{path}?{query}")
        assert response.status_code in (200, 400), (path, query, response.status_code)
        body(response)


@pytest.mark.parametrize(
    "path",
    [
        "/projects/0/",
        "/projects/99999999999999999999/",
        "/projects/abc/",
        "/organisations/0/",
        "/programmes/no-such-programme/",
        "/programmes/%00/",
    ],
)
def test_malformed_or_unknown_ids_are_404(client, database, path):
    assert client.get(path).status_code == 404


def test_htmx_request_gets_the_results_fragment_and_vary_header(client, database):
    response = client.get("/projects/?q=heat", headers={"HX-Request": "true"})
    text = body(response)
    assert 'id="search-body"' in text and "<html" not in text and 'hx-swap-oob="true"' in text
    assert "HX-Request" in response["Vary"]


@pytest.mark.parametrize(
    ("query", "carried"),
    [("q=energy&sort=date", "date"), ("q=energy&sort=budget", "budget"), ("q=energy", ""), ("sort=date", "")],
)
def test_a_new_search_carries_the_sort_the_visitor_picked_and_not_the_default(client, database, query, carried):
    page = body(client.get(f"/projects/?{query}"))
    state = page[page.index('id="search-state"') :].split("</div>", 1)[0]
    assert ('name="sort"' in state) == bool(carried)
    assert not carried or f'name="sort" value="{carried}"' in state
