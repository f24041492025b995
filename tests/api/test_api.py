"""The open-data API (issue 21, item 6): the search's answers, keyset walks, the description, bad input, limits,
and never an address or a non-public object."""

import json
from datetime import timedelta
from decimal import Decimal

import pytest
import yaml
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from drf_spectacular.validation import validate_schema

from events.models import Topic
from partnerships.choices import PartnerRole
from projects.filters import ProjectSearchForm, SearchState
from projects.search import public_matches, public_search
from projects.search_index import search_index_refresh
from projects.workflow import Status
from tests.factories import (
    CallFactory,
    CountryFactory,
    EventFactory,
    OrganisationFactory,
    ProgrammeFactory,
    ProjectFactory,
    ProjectPartnerFactory,
)

pytestmark = pytest.mark.django_db

LISTS = ["projects", "partners", "organisations", "programmes", "calls", "events"]


def walk(client, url: str, params: dict | None = None) -> list[dict]:
    """Every row of a list, following the next links."""
    rows, response = [], client.get(url, params or {})
    while True:
        assert response.status_code == 200, response.content
        page = response.json()
        rows += page["results"]
        if not page["next"]:
            return rows
        response = client.get(page["next"])


def search_ids(params: dict, sort: str) -> list[int]:
    state = ProjectSearchForm(params).state()
    keys = {"date": ("-sort_date", "-id"), "budget": ("-total_budget", "-id")}[sort]
    return list(public_matches(state).order_by(*keys).values_list("pk", flat=True))


def filter_combinations(world) -> list[dict]:
    return [
        {},
        {"q": "heat"},
        {"q": "transport"},
        {"q": "HEATWIS"},  # a near-miss acronym
        {"programme": "danube"},
        {"programme": "alpine", "q": "rivers"},
        {"country": "AT"},
        {"country": "SK", "sort": "budget"},
        {"lead_country": "CZ", "period": "2014-2020"},
        {"region": "AT13"},
        {"status": "closed"},
        {"status": "contracted", "strand": "transnational"},
        {"budget": "500k-1m"},
        {"budget": "5m+", "sort": "budget"},
        {"sector": "private"},
        {"objective": str(world.heat.specific_objective_id)},
        {"q": "energy OR rail", "country": "CZ", "budget": "1m-2m"},
    ]


def test_the_project_list_answers_what_the_search_answers_for_the_same_filters(client, world):
    for params in filter_combinations(world):
        rows = walk(client, "/api/v1/projects/", {**params, "page_size": 2})
        ids = [row["id"] for row in rows]
        sort = params.get("sort", "date")
        assert ids == search_ids(params, sort), params
        search = public_search(ProjectSearchForm(params).state())
        assert len(ids) == search.total, params
        if sort == "date":  # the search page in the same order shows the same first page
            dated = public_search(SearchState(q=params.get("q", ""), sort="date", facets=search_facets(params)))
            assert ids[:25] == [p.pk for p in dated.page.projects], params
    assert {row["id"] for row in walk(client, "/api/v1/projects/")} == {p.pk for p in world.public}


def search_facets(params: dict) -> dict:
    return ProjectSearchForm(params).state().facets


def test_a_walk_meets_every_row_once_forwards_and_backwards_even_among_equal_dates(client, world):
    for n in range(7):  # approved projects without a start date all sort on one date
        ProjectFactory(programme=world.danube, status=Status.APPROVED, acronym=f"SAME{n}")
    search_index_refresh(list(world.danube.projects.values_list("pk", flat=True)))
    for sort in ("date", "budget"):
        forward = walk(client, "/api/v1/projects/", {"page_size": 3, "sort": sort})
        ids = [row["id"] for row in forward]
        assert len(ids) == len(set(ids)) == 12
        assert ids == search_ids({}, sort)
        # back from the last page by the previous links
        response = client.get("/api/v1/projects/", {"page_size": 3, "sort": sort})
        while response.json()["next"]:
            response = client.get(response.json()["next"])
        backwards = []
        while True:
            page = response.json()
            backwards = [row["id"] for row in page["results"]] + backwards
            if not page["previous"]:
                break
            response = client.get(page["previous"])
        assert backwards == ids
    for name in LISTS[1:]:
        rows = walk(client, f"/api/v1/{name}/", {"page_size": 1})
        keys = [row.get("id", row.get("slug")) for row in rows]
        assert len(keys) == len(set(keys)) > 0, name


def test_unknown_parameters_are_ignored(client, world):
    plain = client.get("/api/v1/projects/").json()["results"]
    noisy = client.get("/api/v1/projects/", {"colour": "blue", "format": "xml", "after": "x", "last": "1"})
    assert noisy.status_code == 200
    assert noisy.json()["results"] == plain
    assert client.get("/api/v1/projects/", HTTP_ACCEPT="text/html").status_code == 200


BAD = {
    "projects": [
        "country=zz",
        "status=draft",
        "budget=huge",
        "objective=abc",
        "region=%27%3B--",
        "sort=relevance",
        "sort=nonsense",
        "q=" + "a" * 500,
        "objective=99999999999999",
    ],
    "partners": ["project=abc", "organisation=-1", "country=Austria", "role=boss", "project=99999999999999999999"],
    "organisations": ["country=at", "type=castle", "sector=both"],
    "programmes": ["period=1999", "strand=sideways", "country=ZZ"],
    "calls": ["status=soon", "programme=no-such-programme"],
    "events": ["when=tomorrow", "type=party", "format=paper", "topic=nothing", "audience=nobody"],
}
PAGING = [
    "page_size=0",
    "page_size=101",
    "page_size=ten",
    "page_size=-3",
    "cursor=abc",
    "cursor=%00",
    "cursor=e30",
    "cursor=eyJrIjogWyJ4IiwgIjEiXX0",
    "cursor=eyJrIjogWyIyMDIwLTEzLTQ1IiwgIjEiXX0",
    "cursor=eyJrIjogWyIyMDIwLTAxLTAxIiwgIjk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5Il19",
]


@pytest.mark.parametrize("name", LISTS)
def test_invalid_values_are_a_400_with_the_reason(client, world, name):
    for query in BAD[name] + PAGING:
        response = client.get(f"/api/v1/{name}/?{query}")
        assert response.status_code == 400, (name, query, response.status_code)
        reasons = response.json()
        parameter = query.split("=")[0]
        assert parameter in reasons and reasons[parameter], (name, query, reasons)
        assert response["X-License"] == "CC BY 4.0"


def test_unknown_or_hidden_objects_are_a_404(client, world):
    hidden = world.hidden[0]
    partner = hidden.partners.first()
    for url in [
        "/api/v1/projects/999999/",
        f"/api/v1/projects/{hidden.pk}/",
        "/api/v1/projects/abc/",
        f"/api/v1/partners/{partner.pk}/",
        f"/api/v1/organisations/{world.hidden_only.pk}/",
        "/api/v1/organisations/99999999999999999999/",
        "/api/v1/programmes/no-such-programme/",
        f"/api/v1/calls/{world.draft_call.pk}/",
        f"/api/v1/events/{world.draft_event.slug}/",
        "/api/v1/nothing-here/",
        "/api/v1/nothing/here/",
    ]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"] == "application/json" and "detail" in response.json(), url
        assert response["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'


def test_objects_that_are_not_public_appear_in_no_list(client, world):
    projects = {row["id"] for row in walk(client, "/api/v1/projects/", {"q": "secret heating transport energy"})}
    assert projects.isdisjoint(p.pk for p in world.hidden)
    partners = {row["project"]["id"] for row in walk(client, "/api/v1/partners/")}
    assert partners == {p.pk for p in world.public}
    organisations = {row["id"] for row in walk(client, "/api/v1/organisations/")}
    assert world.hidden_only.pk not in organisations
    assert {world.uni.pk, world.town.pk, world.agency.pk, world.member.pk} <= organisations
    calls = {row["id"] for row in walk(client, "/api/v1/calls/")}
    assert calls == {world.call.pk, world.past_call.pk}
    events = {row["slug"] for row in walk(client, "/api/v1/events/")}
    assert events == {world.event.slug, world.past_event.slug}
    assert [r["slug"] for r in walk(client, "/api/v1/events/", {"when": "past"})] == [world.past_event.slug]
    assert [r["id"] for r in walk(client, "/api/v1/calls/", {"status": "closed"})] == [world.past_call.pk]
    assert [r["slug"] for r in walk(client, "/api/v1/events/", {"topic": "governance"})] == [world.event.slug]


def every_api_url(client, world) -> list[str]:
    urls = ["/api/", "/api/v1/", "/api/v1/docs/", "/api/v1/schema/", "/api/v1/schema/?format=json"]
    for name in LISTS:
        urls.append(f"/api/v1/{name}/?page_size=100")
        for row in walk(client, f"/api/v1/{name}/", {"page_size": 100}):
            urls.append(row["api"])
    return urls


def test_no_email_address_or_contact_person_in_any_answer(client, world):
    urls = every_api_url(client, world)
    assert len(urls) > 25
    for person in (None, world.person):
        if person:
            client.force_login(person)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            content = response.content.decode()
            if person and response["Content-Type"].startswith("text/html"):
                content = content.replace(person.email, "")  # the page header names the person signed in
            assert "@" not in content, url
            assert "Contact Person" not in content and "+43 1 234" not in content, url


def test_a_project_shows_what_its_public_page_shows(client, world):
    data = client.get(f"/api/v1/projects/{world.heat.pk}/").json()
    assert data["acronym"] == "HEATWISE" and data["programme"]["slug"] == "danube"
    assert data["summary"] == "Cities reuse heat; write to  today."
    assert data["total_budget_eur"] == "700000.00" and data["partner_countries"] == ["AT", "CZ"]
    assert [(p["organisation"]["id"], p["role"], p["country"], p["region"]) for p in data["partners"]] == [
        (world.uni.pk, PartnerRole.LEAD, "AT", "AT13"),
        (world.town.pk, PartnerRole.PARTNER, "CZ", None),
    ]
    assert set(data["partners"][0]) == {"id", "organisation", "role", "country", "region", "budget_eur"}
    assert data["page"] == f"http://testserver/projects/{world.heat.pk}/"


def test_every_answer_carries_the_licence(client, world):
    for url in [
        "/api/v1/",
        "/api/v1/projects/",
        f"/api/v1/projects/{world.heat.pk}/",
        "/api/v1/schema/",
        "/api/v1/projects/?country=zz",
    ]:
        response = client.get(url)
        assert 'rel="license"' in response["Link"] and response["X-License"] == "CC BY 4.0", url
        assert response["Access-Control-Allow-Origin"] == "*", url  # open data, readable from other sites
    page = client.get("/api/v1/projects/").json()
    assert "CC BY 4.0" in page["licence"] and page["licence_url"].endswith("/by/4.0/")
    assert "CC BY 4.0" in client.get("/api/").content.decode()


def test_the_openapi_description_is_served_valid_with_the_licence(client, world):
    response = client.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    validate_schema(schema)
    assert schema["info"]["license"] == {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
    assert {f"/api/v1/{name}/" for name in LISTS} <= set(schema["paths"])
    parameters = {p["name"] for p in schema["paths"]["/api/v1/projects/"]["get"]["parameters"]}
    assert {"q", "programme", "country", "region", "status", "budget", "sort", "cursor", "page_size"} <= parameters
    assert yaml.safe_load(client.get("/api/v1/schema/").content) == schema
    assert client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json() == schema
    docs = client.get("/api/v1/docs/").content.decode()
    for name in LISTS:
        assert f"GET /api/v1/{name}/" in docs
    assert "<script" not in docs.split("</head>")[1]  # the reference is plain HTML; the layout's own scripts only
    assert "cdn" not in docs.lower()


def test_over_the_rate_a_429_with_retry_after_counted_apart_for_signed_in_people(client, world, settings):
    settings.API_RATE_ANONYMOUS = "3/m"
    settings.API_RATE_SIGNED_IN = "5/m"
    assert [client.get("/api/v1/programmes/").status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get("/api/v1/projects/")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert "detail" in refused.json() and refused["X-License"] == "CC BY 4.0"
    client.force_login(world.person)
    assert [client.get("/api/v1/calls/").status_code for _ in range(6)] == [200] * 5 + [429]


# --- queries -------------------------------------------------------------------------------------------------


def grow(world, n: int, tag: str) -> None:
    """n more of everything each list shows, with their related rows."""
    country = CountryFactory(code="DE")
    topic = Topic.objects.create(name=f"More {tag}", slug=f"more-{tag}")
    projects = []
    for i in range(n):
        programme = ProgrammeFactory(name=f"Interreg More {tag}{i}", slug=f"more-{tag}{i}")
        programme.countries.add(country)
        project = ProjectFactory(
            programme=programme,
            status=Status.CONTRACTED,
            acronym=f"MORE{tag}{i}",
            start_date=timezone.now().date(),
            end_date=timezone.now().date() + timedelta(days=9),
        )
        for role in (PartnerRole.LEAD, PartnerRole.PARTNER):
            ProjectPartnerFactory(
                project=project,
                organisation=OrganisationFactory(country=country),
                role=role,
                budget=Decimal(1000),
                contact_email=f"more{i}@example.org",
            )
        projects.append(project.pk)
        CallFactory(programme=programme)
        EventFactory().topics.add(topic)
        ProjectPartnerFactory(project=world.heat, organisation=OrganisationFactory(country=country))
    search_index_refresh(projects + [world.heat.pk])


def count_queries(client, url: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    data = response.json()
    return len(queries), len(data.get("results", data.get("partners", [])))


def test_every_list_and_detail_makes_the_same_queries_for_2_or_20_more_objects(client, world):
    urls = [f"/api/v1/{name}/?page_size=100" for name in LISTS]
    urls += ["/api/v1/projects/?q=more&country=DE&page_size=100", f"/api/v1/projects/{world.heat.pk}/"]
    grow(world, 2, "a")
    few = {url: count_queries(client, url) for url in urls}
    grow(world, 18, "b")
    many = {url: count_queries(client, url) for url in urls}
    for url in urls:
        assert many[url][1] > few[url][1], url  # more rows shown…
        assert many[url][0] == few[url][0] <= 6, (url, few[url], many[url])  # …by the same queries
