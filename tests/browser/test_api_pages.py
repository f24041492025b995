"""The open-data API's pages for people (/api/ and the reference generated from the OpenAPI description) in
Chromium, 320 px wide and through axe-core; the reference links each operation to its section."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import fits_narrow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_api_pages_fit_a_phone_and_pass_axe(page, axe):
    page.goto("/api/")
    expect(page.get_by_role("heading", name="Open-data API", exact=True)).to_be_visible()
    fits_narrow(page, 320)
    assert axe(page) == []
    page.get_by_role("link", name="API reference page").click()
    expect(page.get_by_role("heading", name="API reference")).to_be_visible()
    fits_narrow(page, 320)
    assert axe(page) == []
    page.get_by_role("link", name="GET /api/v1/projects/", exact=True).click()
    expect(page.get_by_role("table", name="Parameters").first).to_be_visible()
    expect(page.get_by_role("rowheader", name="budget", exact=True)).to_be_visible()
