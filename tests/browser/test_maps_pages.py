"""The maps (issue 21) in Chromium: the project search, a programme and a project, 320 px wide and through axe-core;
a region of the map is a link with its name and figure that leads to the search filtered by it."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import fits_narrow
from tests.maps.conftest import mapped  # noqa: F401 - the fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fine(page, path: str, axe, heading: str) -> None:
    page.goto(path)
    expect(page.get_by_role("heading", name=heading).first).to_be_visible()
    expect(page.locator("svg.map")).to_be_visible()
    fits_narrow(page, 320)
    assert axe(page) == []


def test_the_maps_fit_a_phone_pass_axe_and_lead_to_the_filtered_search(page, axe, mapped):  # noqa: F811
    _fine(page, "/projects/", axe, "Projects by partner country")
    page.get_by_role("link", name="Slovakia: 3 projects").click()
    expect(page).to_have_url(re.compile(r"/projects/\?country=SK$"))
    expect(page.get_by_role("status")).to_have_text("3 projects")

    _fine(page, "/projects/?q=energy&map=region&measure=budget", axe, "Budget by partner region (NUTS 2)")
    page.get_by_text("The figures as a table").click()  # the table alternative, opened
    table = page.get_by_role("table", name="Budget by partner region (NUTS 2)")
    expect(table.get_by_role("row")).to_have_count(5)  # the header and four regions
    fits_narrow(page, 320)
    assert axe(page) == []
    page.get_by_role("link", name="By country").click()
    expect(page.get_by_role("heading", name="Budget by partner country")).to_be_visible()
    expect(page).to_have_url(re.compile(r"q=energy&measure=budget$"))

    _fine(page, "/programmes/danube/?map=region", axe, "Projects by partner region (NUTS 2)")
    page.get_by_role("link", name="Attiki: 1 project").focus()  # by keyboard (Attica's islands leave sea mid-box)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/projects/\?programme=danube&map=region&region=EL30$"))
    expect(page.get_by_role("status")).to_have_text("1 project")

    _fine(page, f"/projects/{mapped.heat.pk}/", axe, "Partner regions")
    expect(page.get_by_role("link", name="Wien: 1 partner, €400,000.00")).to_be_visible()
