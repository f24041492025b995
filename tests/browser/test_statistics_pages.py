"""The statistics pages (issue 21, item 2) in Chromium: 320 px wide without sideways scrolling and through axe-core,
reached from the project database and a programme page as a visitor would; and the note of figures being updated."""

import pytest
from playwright.sync_api import expect

from projects.search_cache import generation_bump
from tests.browser.helpers import fits_narrow
from tests.statistics.conftest import world  # noqa: F401 - the small world of the statistics tests

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fine(page, axe, heading: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    fits_narrow(page, 320)
    assert axe(page) == []


def test_a_visitor_reads_the_statistics_on_a_phone(page, axe, world):  # noqa: F811
    page.goto("/projects/")
    page.get_by_role("link", name="Statistics: projects, budgets and EU funding", exact=False).click()
    _fine(page, axe, "Statistics of the project database")
    expect(page.get_by_role("img", name="Projects by starting year")).to_be_visible()
    expect(page.get_by_role("region", name="Partners by country: the figures")).to_be_visible()
    page.get_by_role("link", name="City of Vienna (AT)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("City of Vienna")

    page.goto("/programmes/danube/")
    page.get_by_role("link", name="Statistics of the programme's projects").click()
    _fine(page, axe, "Statistics of Interreg Danube")
    expect(page.get_by_role("img", name="EU funding by specific objective")).to_be_visible()
    page.set_viewport_size({"width": 320, "height": 800})
    page.get_by_role("link", name="RSO2.1 Energy efficiency").click()  # the search, filtered by the objective
    expect(page.get_by_role("status")).to_have_text("2 projects")


def test_a_visitor_after_an_index_write_reads_the_figures_counted_before_with_their_time(page, axe, world):  # noqa: F811
    page.goto("/statistics/")  # counted: the figures are kept
    expect(page.get_by_role("note")).to_have_count(0)
    generation_bump()  # a write to the index (a budget saved, a project made public)
    page.goto("/statistics/")
    expect(page.get_by_role("note")).to_contain_text("Figures as of ")
    expect(page.get_by_role("note")).to_contain_text("; being updated.")
    _fine(page, axe, "Statistics of the project database")
