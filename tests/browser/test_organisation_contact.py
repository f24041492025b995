"""The organisation page and "contact this organisation" in Chromium (issue 21): 320 px wide and through axe-core,
for a visitor (a sign-in link) and a signed-in person who sends a message: refused first with the error summary,
then passed on, with the success message and no address on the page."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from partnerships.contact_models import ContactMessage
from tests.access.test_no_addresses import addresses
from tests.browser.helpers import fits_narrow, login
from tests.organisations.conftest import orgs, reachable  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fine(page, axe) -> None:
    fits_narrow(page, 320)
    assert axe(page) == []


def test_a_signed_in_person_writes_to_an_organisation_at_320_px(browser, live_server, axe, reachable):  # noqa: F811
    path = reverse("database:organisation", args=[reachable.organisation.pk])
    visitor = browser.new_context(base_url=live_server.url).new_page()
    visitor.set_default_timeout(15000)
    visitor.goto(path)
    expect(visitor.get_by_role("heading", name="Org HUB", level=1)).to_be_visible()
    expect(visitor.get_by_role("heading", name="Works most with")).to_be_visible()
    expect(visitor.get_by_role("link", name="Sign in")).to_be_visible()
    _fine(visitor, axe)
    visitor.context.close()

    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15000)
    login(page, reachable.sender.email)
    page.goto(path)
    expect(page.get_by_text("with your name and your email address")).to_be_visible()
    _fine(page, axe)
    page.get_by_label("Subject").fill("District heating")
    page.get_by_label("Message").fill("Too short")
    page.get_by_role("button", name="Send the message").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("link", name=re.compile("at least 10 characters"))).to_be_visible()
    _fine(page, axe)
    page.get_by_label("Message").fill("We are looking for a partner on district heating in the Danube region.")
    page.get_by_role("button", name="Send the message").click()
    expect(page.get_by_text("Your message was passed on to Org HUB")).to_be_visible()
    _fine(page, axe)
    shown = addresses(page.content().replace(f'<span class="who">{reachable.sender.email}</span>', ""))
    assert shown == set()
    assert ContactMessage.objects.filter(sender=reachable.sender, organisation=reachable.organisation).count() == 1
    context.close()
