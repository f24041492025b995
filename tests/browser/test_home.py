"""A person logs in with a real browser and sees the home page; axe-core finds no serious problems."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import person_menu
from tests.factories import PASSWORD, CallFactory, EventFactory, ProgrammeFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_and_home_page_are_accessible(page, axe):
    UserFactory(email="coordinator@example.org")
    ProgrammeFactory(name="Interreg Baltic Sea Region")
    CallFactory(title="Call for small projects")
    EventFactory(title="Webinar: supporting applicants")

    page.goto("/")
    assert axe(page) == []
    page.get_by_role("link", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign In")
    assert axe(page) == []
    page.get_by_label("Email").fill("coordinator@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()

    page.wait_for_url("**/")
    expect(page.get_by_text("coordinator@example.org")).to_be_visible()
    expect(page.get_by_role("heading", name="Open calls")).to_be_visible()
    expect(page.get_by_text("Call for small projects")).to_be_visible()
    expect(page.get_by_text("Webinar: supporting applicants")).to_be_visible()
    expect(person_menu(page).get_by_role("link", name="Notifications")).to_be_visible()
    assert axe(page) == []


def test_keyboard_user_can_skip_to_the_content(page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_the_accessibility_check_can_fail(page, axe):
    """Guards the guard: an unlabelled field and unreadable contrast must be reported."""
    page.set_content(
        '<html lang="en"><body><main><h1>Form</h1><input type="text">'
        '<p style="color:#eee;background:#fff">faint</p></main></body></html>'
    )
    found = " ".join(axe(page))
    assert "label" in found and "color-contrast" in found
