"""The maps of the public project database: counts equal the facets', every region counted (the facet list shows
the top ones), links to the filtered search, the switch, bad parameters, the cache, constant queries."""

import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext

from interact_portal.core.maps import ATTRIBUTION, geometry
from programmes.models import NutsRegion
from projects.facets import TOP
from projects.filters import ProjectSearchForm
from projects.models import Project
from projects.search import public_search
from projects.search_index import search_index_refresh
from projects.services.workflow import project_transition
from projects.workflow import Status
from tests.database.conftest import project_with_partners
from tests.factories import OrganisationFactory, UserFactory

SVG = "{http://www.w3.org/2000/svg}"
FACET = {"country": "Partner country", "region": "Partner region (NUTS 2)"}
# real NUTS 2024 codes of Germany: more regions than the facet list shows
GERMAN = ["DE11", "DE12", "DE13", "DE14", "DE21", "DE22", "DE23", "DE24", "DE25", "DE26", "DE27", "DE30", "DE40"]


def text(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def map_svg(page: str) -> ET.Element:
    found = re.findall(r'<svg xmlns="http://www.w3.org/2000/svg" class="map".*?</svg>', page, re.S)
    assert len(found) == 1, len(found)
    return ET.fromstring(found[0])  # noqa: S314 - the portal's own page


def areas(svg: ET.Element) -> dict[str, tuple[str, str]]:
    """name → (figure as the <title> says it, link) of every linked area."""
    result = {}
    for link in svg.iter(f"{SVG}a"):
        name, _, figure = link.find(f"{SVG}title").text.rpartition(": ")
        assert name not in result and len(link.findall(f"{SVG}path")) == 1
        result[name] = (figure, link.get("href"))
    return result


def projects_in(figure: str) -> int:
    return int(re.search(r"([\d,]+) projects?\)?$", figure).group(1).replace(",", ""))


def facet_list(page: str, facet: str) -> dict[str, int]:
    heading = f"<h3>{FACET[facet]}</h3>"
    if heading not in page:
        return {}
    block = page.split(heading, 1)[1].split("</ul>", 1)[0]
    found = re.findall(r'>(?:✓ )?([^<>]+?) <span class="count">([\d,]+)</span>', block)
    return {unescape(label): int(n.replace(",", "")) for label, n in found}


SEARCHES = [{}, {"q": "energy"}, {"country": "CZ"}, {"region": "AT13"}, {"programme": "danube", "sort": "budget"}]


@pytest.mark.parametrize("params", SEARCHES)
@pytest.mark.parametrize("view", ["country", "region"])
def test_map_counts_equal_the_facet_counts_of_the_same_search(client, mapped, params, view):
    page = text(client.get("/projects/", {**params, "map": view}))
    drawn = {name: projects_in(figure) for name, (figure, _) in areas(map_svg(page)).items()}
    assert drawn and drawn == facet_list(page, view)
    result = public_search(ProjectSearchForm(params).state())
    counts = {v.label: v.count for v in result.facets[view]}
    assert drawn == counts == {p.name: p.projects for p in result.places[view]}


def test_every_count_equals_a_direct_query_and_the_budget_is_the_projects_total(mapped):
    public = Project.objects.public()
    places = public_search(ProjectSearchForm({}).state()).places
    assert {p.code: p.projects for p in places["country"]} == {"CZ": 4, "AT": 3, "SK": 3, "GR": 1}
    assert {p.code: p.projects for p in places["region"]} == {"CZ06": 4, "AT13": 3, "SK01": 3, "EL30": 1}
    for place in places["country"]:
        there = public.filter(partners__organisation__country=place.code).distinct()
        assert place.budget == Project.objects.filter(pk__in=there).aggregate(s=Sum("total_budget"))["s"]
    for place in places["region"]:
        there = public.filter(partners__organisation__nuts_region__code__startswith=place.code).distinct()
        assert place.projects == there.count()
        assert place.budget == Project.objects.filter(pk__in=there).aggregate(s=Sum("total_budget"))["s"]
    assert places["region"][0].budget == Decimal("700000") + Decimal("1700000") + Decimal("300000") + 200000


def test_the_map_has_every_region_while_the_facet_list_shows_the_top_ones(client, mapped):
    germany = mapped.uni.country.__class__.objects.get_or_create(code="DE", defaults={"name": "Germany"})[0]
    for n, code in enumerate(GERMAN):
        region = NutsRegion.objects.create(code=code, level=2, name=f"Region {code}", country=germany)
        partners = [(OrganisationFactory(country=germany, nuts_region=region), 1000)] * (n + 1)
        project_with_partners(mapped.danube, partners, acronym=f"DE{n}", status=Status.CLOSED)
    search_index_refresh(Project.objects.public().values_list("pk", flat=True))
    page = text(client.get("/projects/?map=region"))
    drawn = areas(map_svg(page))
    assert len(drawn) == len(GERMAN) + 4 > TOP
    assert len(facet_list(page, "region")) == TOP
    shown = facet_list(page, "region")
    assert all(projects_in(drawn[name][0]) == count for name, count in shown.items())
    # the table alternative lists every region too, with its projects and budget
    table = page.split('<details class="map-table">', 1)[1].split("</details>", 1)[0]
    assert table.count('<th scope="row">') == len(drawn) and "Region DE40" in table


def test_each_area_links_to_the_search_filtered_by_it_and_keeps_the_words(client, mapped):
    for view in ("country", "region"):
        page = text(client.get("/projects/", {"q": "energy", "map": view}))
        for name, (figure, href) in areas(map_svg(page)).items():
            query = parse_qs(urlsplit(href).query)
            assert query["q"] == ["energy"]
            assert query.get("map") == (None if view == "country" else [view])
            found = text(client.get("/projects/" + href))
            total = int(re.search(r'<p role="status" class="results-count">(\d+) projects?', found).group(1))
            assert total == projects_in(figure), (name, href)


def test_greece_is_drawn_on_eurostats_shape_and_links_with_its_iso_code(client, mapped):
    svg = map_svg(text(client.get("/projects/")))
    link = next(a for a in svg.iter(f"{SVG}a") if a.find(f"{SVG}title").text == "Greece: 1 project")
    assert link.get("href") == "?country=GR"
    assert link.find(f"{SVG}path").get("d") == geometry().countries["EL"].d


def test_the_map_carries_the_attribution_a_title_a_description_and_a_legend(client, mapped):
    page = text(client.get("/projects/?map=region"))
    svg = map_svg(page)
    assert svg.find(f"{SVG}text").text == ATTRIBUTION and page.count(ATTRIBUTION) == 2  # in the SVG and under it
    assert svg.get("aria-labelledby") == "map-title map-desc"
    assert svg.find(f"{SVG}title").text == "Projects by partner region (NUTS 2)"
    assert "4 NUTS 2 regions" in svg.find(f"{SVG}desc").text
    assert "A project counts in every NUTS 2 region of its partners" in page
    legend = page.split('<ul class="map-legend"', 1)[1].split("</ul>", 1)[0]
    assert re.findall(r"</svg> ([^<]+)</li>", legend) == ["1", "3", "4"]


def test_the_switch_shows_budget_or_regions_or_no_map_and_keeps_the_search(client, mapped):
    page = text(client.get("/projects/?q=energy&map=region&measure=budget"))
    drawn = areas(map_svg(page))
    # RAILNET (a partner's name has "energy") 1,700,000 + SUNCOOP 300,000 + ATHENA 200,000
    assert drawn["Jihovýchod"][0] == "€2,200,000 (3 projects)"
    assert "Budget by partner region (NUTS 2)" in page
    assert 'href="?q=energy&amp;measure=budget" rel="nofollow">By country</a>' in page
    assert 'href="?q=energy&amp;map=region" rel="nofollow">Number of projects</a>' in page
    assert 'href="?q=energy&amp;map=region&amp;measure=budget&amp;country=CZ"' in page  # facet links keep the map
    hidden = text(client.get("/projects/?q=energy&map=none"))
    assert 'class="map"' not in hidden and ATTRIBUTION not in hidden
    assert 'href="?q=energy" rel="nofollow">By country</a>' in hidden and "ATHENA" in hidden
    assert '<input type="hidden" name="map" value="none">' in hidden  # a new search keeps the map hidden


@pytest.mark.parametrize(
    "query",
    [
        "map=zzz",
        "measure=%3Cscript%3E",
        "map[]=region",
        "map=region&measure=",
        "region=XX99",
        "country=QQ",
        "region=AT13&map=none&measure=budget",
        "map=" + "x" * 500,
        "measure=budget&map=%00",
    ],
)
def test_unknown_map_parameters_are_ignored(client, mapped, query):
    response = client.get(f"/projects/?{query}")
    page = text(response)
    assert "<script>" not in page
    if "map=none" not in query:
        assert map_svg(page) is not None
    for path in (f"/programmes/danube/?{query}", f"/projects/{mapped.heat.pk}/?{query}"):
        assert client.get(path).status_code == 200


def test_the_map_is_cached_like_the_facets_and_recounted_when_a_project_becomes_public(client, mapped, monkeypatch):
    import projects.views.public as views

    drawn = []
    monkeypatch.setattr(views, "search_map", lambda *a, **k: drawn.append(1) or views_search_map(*a, **k))
    before = text(client.get("/projects/?country=SK"))
    again = text(client.get("/projects/?country=SK"))
    assert len(drawn) == 1 and map_svg(before) is not None and before == again
    assert projects_in(areas(map_svg(before))["Slovakia"][0]) == 3
    late = project_with_partners(mapped.danube, [(mapped.agency, 1)], acronym="LATE", status=Status.ELIGIBLE)
    project_transition(project=late, to=Status.APPROVED, by=UserFactory())
    after = text(client.get("/projects/?country=SK"))
    assert len(drawn) == 2 and projects_in(areas(map_svg(after))["Slovakia"][0]) == 4


def views_search_map(*args, **kwargs):
    from projects.maps import search_map

    return search_map(*args, **kwargs)


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        text(client.get(url))
    return len(queries)


def _grow(mapped, n: int) -> None:
    """n more public projects in new regions, with partners of HEATWISE and the Danube programme."""
    country = mapped.uni.country
    grown = []
    for i in range(n):
        region = NutsRegion.objects.create(
            code=f"AT3{i % 5}" if i < 5 else f"XX{i:02d}", level=2, name=f"R{i}", country=country
        )
        organisation = OrganisationFactory(country=country, nuts_region=region)
        grown.append(project_with_partners(mapped.danube, [(organisation, 10)], acronym=f"G{i}", status=Status.CLOSED))
        project_with_partners(mapped.heat.programme, [], acronym=f"E{i}", status=Status.DRAFT)
        mapped.heat.partners.create(organisation=organisation, abbreviation=f"X{i}", budget=5)
    search_index_refresh([p.pk for p in grown] + [mapped.heat.pk])


PAGES = {
    "search": "/projects/",
    "search by region": "/projects/?map=region",
    "search by region and budget": "/projects/?q=heat&map=region&measure=budget",
    "search facet": "/projects/?country=AT&map=region",
    "programme": "/programmes/danube/",
    "programme by region": "/programmes/danube/?map=region&measure=budget",
}


@pytest.mark.parametrize("page", [*PAGES, "project"])
def test_pages_with_a_map_make_as_many_queries_with_2_as_with_20_more_projects(client, mapped, page):
    def url():
        return PAGES.get(page) or f"/projects/{mapped.heat.pk}/"

    few = count_queries(client, url())
    warm_few = count_queries(client, url())
    _grow(mapped, 18)
    many = count_queries(client, url())
    warm_many = count_queries(client, url())
    assert (few, warm_few) == (many, warm_many), (few, warm_few, many, warm_many)
    assert map_svg(text(client.get(url()))) is not None
