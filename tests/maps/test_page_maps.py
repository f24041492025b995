"""The maps of a programme's projects and of a project's partners."""

import re

from django.db import connection
from django.db.models import Prefetch
from django.test.utils import CaptureQueriesContext

from interact_portal.core.maps import ATTRIBUTION, CONTEXT, HEIGHT, WIDTH
from partnerships.models import ProjectPartner
from projects.filters import ProjectSearchForm
from projects.maps import project_map
from projects.models import Project
from projects.search import public_search
from tests.database.conftest import project_with_partners
from tests.factories import CountryFactory, OrganisationFactory
from tests.maps.test_search_map import SVG, areas, map_svg, projects_in, text


def test_programme_page_maps_its_projects_with_the_searchs_counts_and_links(client, mapped):
    page = text(client.get("/programmes/danube/?map=region"))
    svg = map_svg(page)
    drawn = areas(svg)
    result = public_search(ProjectSearchForm({"programme": "danube"}).state())
    assert {name: projects_in(figure) for name, (figure, _) in drawn.items()} == {
        p.name: p.projects for p in result.places["region"]
    }
    assert drawn["Jihovýchod"][1] == "/projects/?programme=danube&map=region&region=CZ06"
    assert "4 public projects" in page and ATTRIBUTION in page
    # the switches stay on the programme page; the map shows the programme's area, not all of Europe
    assert 'href="?map=region&amp;measure=budget" rel="nofollow">Budget</a>' in page
    assert 'href="?" rel="nofollow">By country</a>' in page
    x, y, width, height = map(int, svg.get("viewBox").split())
    assert width < WIDTH and height < HEIGHT
    following = text(client.get(drawn["Jihovýchod"][1]))
    assert projects_in(drawn["Jihovýchod"][0]) == 4  # HEATWISE, RAILNET, SUNCOOP, ATHENA (Brno); not ALPWATER
    assert re.search(r'class="results-count">4 projects<', following)


def test_a_programme_without_public_projects_has_no_map(client, mapped):
    from tests.factories import ProgrammeFactory

    ProgrammeFactory(slug="empty", name="Interreg Empty")
    page = text(client.get("/programmes/empty/"))
    assert 'class="map"' not in page and "0 public projects" in page


def test_project_page_highlights_its_partners_regions_and_links_to_the_search(client, mapped):
    page = text(client.get(f"/projects/{mapped.heat.pk}/"))
    drawn = areas(map_svg(page))
    assert drawn == {
        "Wien": ("1 partner, €400,000.00", "/projects/?region=AT13"),
        "Jihovýchod": ("1 partner, €300,000.00", "/projects/?region=CZ06"),
    }
    assert "Partner regions" in page and ATTRIBUTION in page


def test_a_partner_without_a_region_shows_its_country_and_a_nuts_3_region_its_nuts_2_parent(client, mapped):
    hungary = CountryFactory(code="HU", name="Hungary")
    nowhere = OrganisationFactory(name="Budapest office", country=hungary)
    project = project_with_partners(
        mapped.danube, [(mapped.agency, 10), (nowhere, 20), (mapped.town, 30)], acronym="MIXED", status="closed"
    )
    svg = map_svg(text(client.get(f"/projects/{project.pk}/")))
    drawn = areas(svg)
    assert drawn["Hungary"] == ("1 partner, €20.00", "/projects/?country=HU")
    assert drawn["Bratislavský kraj"] == ("1 partner, €10.00", "/projects/?region=SK01")  # from SK010
    context = [g for g in svg.iter(f"{SVG}g") if g.get("fill") == CONTEXT]
    assert len(context) == 1 and context[0].find(f"{SVG}a/{SVG}title").text.startswith("Hungary")


def test_the_project_map_is_drawn_from_the_prefetched_partners_without_a_query(mapped):
    partners = ProjectPartner.objects.select_related("organisation__country", "organisation__nuts_region")
    project = Project.objects.prefetch_related(Prefetch("partners", queryset=partners)).get(pk=mapped.heat.pk)
    with CaptureQueriesContext(connection) as drawing:
        result = project_map(project.partners.all(), "/projects/")
    assert len(drawing) == 0 and result.choropleth.drawn == 2 and len(result.rows) == 2
