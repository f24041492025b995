"""The statistics pages: what they show and link to, bad addresses, the cache under the index's generation, and a
constant number of queries whatever the number of projects, cold and warm."""

import re
import threading
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from interact_portal.core.circuit import reset_all
from programmes.models import Programme
from projects.search_cache import generation, generation_bump
from projects.search_index import search_index_refresh
from projects.services.workflow import project_transition
from projects.statistics import latest_key, statistics, statistics_compute, statistics_key, statistics_recount
from projects.workflow import Status
from tests.factories import OrganisationFactory, ProgrammeFactory, UserFactory

from .conftest import project

pytestmark = pytest.mark.django_db

ALL = "/statistics/"
RECOUNT = "projects.statistics.statistics_recount"


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def figure(html: str, label: str) -> str:
    """The headline figure shown under a label."""
    return re.search(rf"<dt>{re.escape(label)}</dt><dd>([^<]*)</dd>", html).group(1)


def svgs(html: str) -> list[ET.Element]:
    return [ET.fromstring(svg) for svg in re.findall(r"<svg\b.*?</svg>", html, flags=re.S)]  # noqa: S314 (our page)


def test_the_page_of_all_programmes_shows_the_figures_charts_and_links(client, world):
    html = page(client, ALL)
    assert figure(html, "Projects") == "6" and figure(html, "Partners") == "14"
    assert figure(html, "Total budget") == "€3,153,334" and figure(html, "EU funding") == "€2,431,001"
    assert "€3,153,334.08" not in html  # the tables have the cents of each row, not of the total
    assert figure(html, "EU co-financing") == "77.1%"
    assert f'href="/organisations/{world.vienna.pk}/"' in html  # the top organisations link to their pages
    assert 'href="/projects/?country=AT"' in html  # a country to the projects with a partner there
    assert "RSO2.1" in html and "No specific objective" in html and "No start date" in html
    charts = svgs(html)
    assert len(charts) == 5 and all(chart.find("title") is not None for chart in charts)
    years = charts[0]
    assert years.get("aria-labelledby") == "chart-years-title"
    assert len(years.findall("rect")) == 3  # 2019, 2021, 2023 (not the undated one)
    assert html.count("<table") == 5 and html.count('<th scope="row">') >= 6 + 3


def test_a_programme_page_has_its_own_objectives_linked_to_the_search(client, world):
    html = page(client, reverse("database:programme_statistics", args=["danube"]))
    assert "<h1>Statistics of Interreg Danube</h1>" in html
    assert figure(html, "Projects") == "3" and figure(html, "Total budget") == "€1,300,001"
    energy = world.objectives.energy
    assert f'href="/projects/?programme=danube&amp;objective={energy.pk}">RSO2.1 Energy efficiency</a>' in html
    assert "Alpine energy" not in html  # the other programme's objective of the same code
    assert 'href="/projects/?programme=danube&amp;country=CZ"' in html


def test_unpublished_applications_never_show(client, world):
    for url in (ALL, reverse("database:programme_statistics", args=["danube"])):
        html = page(client, url)
        assert "Hidden Draft Works" not in html and "Hungary" not in html and "Large enterprise" not in html
        assert ">2020<" not in html


def test_the_pages_are_linked_from_the_database_the_programme_list_and_the_programme(client, world):
    assert 'href="/statistics/"' in page(client, "/projects/")
    assert 'href="/statistics/"' in page(client, "/programmes/")
    assert 'href="/programmes/danube/statistics/"' in page(client, "/programmes/danube/")


def test_bad_addresses_are_a_404_and_query_strings_are_ignored(client, world):
    assert client.get("/programmes/no-such-programme/statistics/").status_code == 404
    assert client.get("/programmes/%E2%80%93/statistics/").status_code == 404
    assert client.get("/programmes/danube/statistics/extra/").status_code == 404
    # the same page: only the language switcher's links keep the address as it was asked for
    plain = without_switcher(page(client, ALL))
    assert without_switcher(page(client, ALL + "?programme=alpine&page=-1&year=%00&objective=x")) == plain


def without_switcher(html: str) -> str:
    html = re.sub(r'<nav class="language-switcher".*?</nav>', "", html, flags=re.S)
    return re.sub(r'<link rel="alternate" hreflang=[^>]*>', "", html)


def test_a_programme_without_public_projects_says_so(client, world):
    html = page(client, reverse("database:programme_statistics", args=[world.empty.slug]))
    assert "There is no public project yet" in html and figure(html, "Projects") == "0"
    assert "<svg" not in html and "EU co-financing" not in html


def test_the_cached_figures_are_recounted_when_the_index_changes(client, world, queued):
    danube = reverse("database:programme_statistics", args=["danube"])
    assert figure(page(client, ALL), "Projects") == "6"
    assert figure(page(client, danube), "Projects") == "3"
    before = generation()
    late = project(
        world.danube,
        [(OrganisationFactory(name="Late Partner"), "1000", "80")],
        status=Status.CONTRACTED,
        start_date=date(2024, 1, 1),
    )
    # not yet in the index: the cached figures stand (they are the cache's, not a new count)
    assert figure(page(client, ALL), "Projects") == "6"
    assert figure(page(client, danube), "Projects") == "3"
    assert queued == []
    search_index_refresh([late.pk])  # what the workflow does when a project becomes public
    assert generation() > before and statistics_key() != f"statistics:1:{before}:all"
    # the figures counted before, said to be so, while a recount of each page is queued
    html = page(client, ALL)
    assert figure(html, "Projects") == "6" and "being updated" in html
    assert figure(page(client, danube), "Projects") == "3"
    assert queued == [(RECOUNT, (None,)), (RECOUNT, (world.danube.pk,))]
    statistics_recount(None)  # what the worker does
    statistics_recount(world.danube.pk)
    html = page(client, ALL)
    assert figure(html, "Projects") == "7" and figure(html, "Total budget") == "€3,154,334"
    assert "being updated" not in html
    assert figure(page(client, danube), "Projects") == "4"
    # the workflow itself: an eligible application approved is counted by the next recount
    eligible = project(world.alpine, [(world.brno, "2000", "80")], status=Status.ELIGIBLE)
    assert figure(page(client, ALL), "Projects") == "7"
    project_transition(project=eligible, to=Status.APPROVED, by=UserFactory())
    assert "being updated" in page(client, ALL)
    statistics_recount(None)
    assert figure(page(client, ALL), "Projects") == "8"


def _grow(programme, n: int) -> None:
    countries = ["AT", "CZ", "SK", "SI"]
    made = [
        project(
            programme,
            [
                (OrganisationFactory(country__code=countries[i % 4]), Decimal(1000 + i), "80"),
                (OrganisationFactory(country__code=countries[(i + 1) % 4]), Decimal(500), "60"),
            ],
            status=Status.CLOSED if i % 2 else Status.CONTRACTED,
            start_date=date(2015 + i, 1, 1),
        )
        for i in range(n)
    ]
    search_index_refresh([p.pk for p in made])


def _queries(client, url: str, *, cold: bool = False, stale: bool = False) -> int:
    """The queries of one visit: cold, no figures ever counted (they are counted inline); stale, the index moved
    since they were counted (they are shown, a recount queued)."""
    if cold:
        generation_bump()
        cache.delete(latest_key(None if url == ALL else Programme.objects.get(slug="growing").pk))
    if stale:
        generation_bump()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("n", [2, 20])
def test_the_pages_make_the_same_queries_at_2_and_20_projects(client, db, n, django_assert_num_queries):
    programme = ProgrammeFactory(slug="growing")
    _grow(programme, n)
    one = reverse("database:programme_statistics", args=["growing"])
    # cold: the three grouped queries and their memory setting (+ the test's savepoint around them), and the
    # programme's row; warm: nothing but the programme's row; stale: as warm (the figures counted before are shown).
    # (A cold visit bumps the generation: warm follows it.)
    assert _queries(client, ALL, cold=True) == 6
    with django_assert_num_queries(0):
        client.get(ALL)
    assert _queries(client, one, cold=True) == 7
    with django_assert_num_queries(1):
        client.get(one)
    assert figure(page(client, one), "Projects") == str(n)
    assert _queries(client, ALL, stale=True) == 0
    assert _queries(client, one) == 1


def test_a_visitor_waits_for_the_count_another_one_is_making(world, django_assert_num_queries):
    key = statistics_key()
    cache.add(f"{key}:counting", 1, 60)  # another visitor is counting
    counted = statistics_compute()
    threading.Timer(0.2, lambda: cache.set(key, counted, 60)).start()  # and stores its figures a moment later
    with django_assert_num_queries(0):
        assert statistics() == counted


def test_a_visitor_counts_when_the_other_count_does_not_come(world, monkeypatch):
    key = statistics_key()
    cache.add(f"{key}:counting", 1, 60)  # a count that never ends (its process died)
    monkeypatch.setattr("projects.statistics.WAIT", 0.2)
    with CaptureQueriesContext(connection) as queries:
        figures = statistics()
    assert figures.projects == 6 and len(queries) > 0


@pytest.fixture
def redis_away(world, settings):
    """The cache's Redis refuses connections (after the world was made): every read is a miss, every write dropped."""
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": "redis://127.0.0.1:1/0"}}
    reset_all()
    yield
    reset_all()


def test_without_redis_the_pages_count_every_time_and_answer(client, redis_away):
    html = page(client, ALL)
    assert figure(html, "Projects") == "6" and figure(html, "EU funding") == "€2,431,001"
    assert figure(page(client, reverse("database:programme_statistics", args=["alpine"])), "Projects") == "2"
