"""Results in public (issue 19, item 8): a closed project's page shows its achievements, summary, picture and
indicators against targets — only while closed with results; the "results available" facet counts exactly those
projects; the open-data exports carry the results fields and never an address."""

import csv
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.filters import ProjectSearchForm, SearchState
from projects.models import Project, ProjectClosure
from projects.search import public_search
from projects.search_index import search_index_refresh
from projects.services.closure import project_close, project_reopen
from projects.workflow import Status
from tests.factories import ProjectFactory
from tests.modifications import closure_world
from tests.modifications.closure_world import PNG, _final_report, _save

closing = closure_world.closing  # the fixture


def body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


@pytest.fixture
def closed(closing):
    alt = "A sensor on a roof in Vienna"
    _save(closing, picture=SimpleUploadedFile("air.png", PNG), picture_alt=alt)
    _final_report(closing)
    _save(closing, indicators={"XO 1": "3"}, picture_alt=alt)  # reached beyond the target of 2
    project_close(project=closing.project, by=closing.staff)
    closing.project.refresh_from_db()
    return closing


def test_the_public_page_shows_the_results_of_a_closed_project(client, closed):
    page = body(client.get(reverse("database:detail", args=[closed.project.pk])))
    assert "Cities along the Danube now measure and reduce air pollution together." in page
    assert "Twelve cities measure the air the same way." in page
    assert "The shared sensor network" not in page  # durable outputs are for the programme
    assert 'alt="A sensor on a roof in Vienna"' in page
    assert "<caption>Indicators reached against their targets</caption>" in page
    assert '<th scope="row">XO 1 · Organisations cooperating across borders</th>' in page
    assert "2 organisations" in page and "3 organisations" in page
    picture = client.get(reverse("database:results_picture", args=[closed.project.pk]))
    assert (picture.status_code, picture["Content-Type"], picture["Content-Disposition"]) == (
        200,
        "image/png",
        "inline",
    )


def test_a_contracted_project_shows_no_results_even_with_a_closure_section(client, closing):
    _save(closing, picture=SimpleUploadedFile("air.png", PNG), picture_alt="A sensor")
    page = body(client.get(reverse("database:detail", args=[closing.project.pk])))
    assert "Cities along the Danube now measure" not in page and "Indicators reached" not in page
    assert client.get(reverse("database:results_picture", args=[closing.project.pk])).status_code == 404


def test_reopening_takes_the_results_off_the_public_page(client, closed):
    project_reopen(project=closed.project, by=closed.programme_manager, reason="The final report was wrong")
    page = body(client.get(reverse("database:detail", args=[closed.project.pk])))
    assert "Cities along the Danube now measure" not in page
    assert client.get(reverse("database:results_picture", args=[closed.project.pk])).status_code == 404


def test_the_public_page_has_a_constant_query_count(client, closed):
    url = reverse("database:detail", args=[closed.project.pk])
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    ProjectClosure.objects.filter(project=closed.project).update(
        indicator_achievements={"XO 1": "3", "XR 1": "4", "XO 2": "1"}
    )
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(before) == len(after)


def _more_projects(programme):
    """Two more closed projects with results, one closed without, one contracted: made directly (the index too)."""
    made = []
    for status, results in ((Status.CLOSED, True), (Status.CLOSED, True), (Status.CLOSED, False)):
        made.append(ProjectFactory(programme=programme, status=status, has_results=results))
    made.append(ProjectFactory(programme=programme, status=Status.CONTRACTED))
    search_index_refresh([p.pk for p in made])
    return made


def test_the_results_facet_counts_the_closed_projects_with_results(client, closed):
    _more_projects(closed.programme)
    expected = Project.objects.filter(status=Status.CLOSED, has_results=True).count()
    assert expected == 3
    result = public_search(SearchState())
    assert [(v.value, v.label, v.count) for v in result.facets["results"]] == [("yes", "Results available", 3)]
    narrowed = public_search(ProjectSearchForm({"results": "yes"}).state())
    assert narrowed.total == expected
    assert {p.pk for p in narrowed.page.projects} == set(
        Project.objects.filter(status=Status.CLOSED, has_results=True).values_list("pk", flat=True)
    )
    page = body(client.get(reverse("database:search")))
    assert "Results available" in page and "?results=yes" in page


def test_the_exports_carry_the_results_and_never_an_address(client, closed):
    _more_projects(closed.programme)
    # an address that reached the database some other way never leaves it
    ProjectClosure.objects.filter(project=closed.project).update(
        main_achievements="Twelve cities; ask anna@example.org or @danubeair."
    )
    text = body(client.get(reverse("database:export_csv"))).removeprefix("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {"results_available", "results_summary", "main_achievements"} <= set(rows[0])
    mine = next(r for r in rows if r["id"] == str(closed.project.pk))
    assert mine["results_available"] == "True"
    assert mine["results_summary"].startswith("Cities along the Danube")
    assert mine["main_achievements"].startswith("Twelve cities; ask")
    assert all("@" not in cell for row in rows for cell in row.values())
    others = [r for r in rows if r["id"] != str(closed.project.pk)]
    assert all(r["results_summary"] == "" for r in others)
    document = json.loads(body(client.get(reverse("database:export_json"))))
    assert {"results_available", "results_summary", "main_achievements"} <= set(document["fields"])
    exported = next(p for p in document["projects"] if p["id"] == closed.project.pk)
    assert exported["results_available"] is True
    assert "@" not in json.dumps(document["projects"])


def test_the_results_of_a_reopened_project_leave_the_exports(client, closed):
    project_reopen(project=closed.project, by=closed.programme_manager, reason="Wrong")
    text = body(client.get(reverse("database:export_csv"))).removeprefix("\ufeff")
    mine = next(r for r in csv.DictReader(io.StringIO(text)) if r["id"] == str(closed.project.pk))
    assert (mine["results_available"], mine["results_summary"], mine["main_achievements"]) == ("False", "", "")
