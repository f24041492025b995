"""A visitor searches the project database in a real browser: live search, a facet, a project, its programme."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_searches_filters_and_opens_a_project(page, axe, database):
    page.goto("/projects/")
    expect(page.get_by_role("status")).to_have_text("5 projects")
    assert axe(page) == []

    page.get_by_label("Search projects").fill("transport")  # htmx searches while the visitor types
    expect(page.get_by_role("status")).to_have_text("2 projects for “transport”")
    expect(page).to_have_url(re.compile(r"/projects/\?q=transport$"))  # the state is in the address

    page.get_by_role("link", name=re.compile(r"^Slovakia 2$")).first.click()
    expect(page.get_by_role("status")).to_have_text("2 projects for “transport”")
    expect(page).to_have_url(re.compile(r"country=SK"))
    page.get_by_label("Search projects").fill("rail")
    expect(page.get_by_role("status")).to_have_text("1 project for “rail”")  # the facet is kept
    expect(page).to_have_url(re.compile(r"q=rail&country=SK"))
    assert axe(page) == []

    page.get_by_role("link", name=re.compile("RAILNET")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("RAILNET · Cross-border rail transports")
    expect(page.get_by_role("img", name="Budget by partner country")).to_be_visible()
    assert axe(page) == []
    page.get_by_role("link", name="Interreg Danube").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Interreg Danube")
    assert axe(page) == []
