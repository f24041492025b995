"""The language tabs of translated texts (issue 20) in a browser: one tab per language the programme declares, the
arrow keys move between them, the page keeps no serious accessibility problem."""

import pytest
from playwright.sync_api import expect

from programmes.models import StaffRole
from tests.browser.helpers import login
from tests.factories import CallFactory, ProgrammeFactory, UserFactory
from tests.mfa import totp_code, totp_setup
from tests.staff.conftest import staff_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_edit_a_calls_texts_in_language_tabs(page, axe):
    programme = ProgrammeFactory(content_languages=["en", "de"])
    call = CallFactory(programme=programme, title="Greener regions call")
    officer = staff_member(programme, StaffRole.OFFICER, email="officer@example.org")
    login(page, "officer@example.org", totp_code(totp_setup(officer)))

    page.goto(f"/staff/{programme.slug}/calls/{call.pk}/")
    titles = page.get_by_role("tablist", name="Title")
    expect(titles.get_by_role("tab")).to_have_count(2)  # English and Deutsch, not the other three
    english, german = titles.get_by_role("tab", name="English"), titles.get_by_role("tab", name="Deutsch")
    expect(english).to_have_attribute("aria-selected", "true")
    expect(page.locator("#id_title_en")).to_be_visible()
    expect(page.locator("#id_title_de")).to_be_hidden()

    english.focus()
    page.keyboard.press("ArrowRight")
    expect(german).to_be_focused()
    expect(german).to_have_attribute("aria-selected", "true")
    expect(page.locator("#id_title_de")).to_be_visible()
    expect(page.locator("#id_title_en")).to_be_hidden()
    page.locator("#id_title_de").fill("Aufruf für grünere Regionen")
    assert axe(page) == []


def test_the_admin_shows_the_same_tabs_without_a_cdn(page, live_server):
    programme = ProgrammeFactory(content_languages=["en", "fr"])
    call = CallFactory(programme=programme, title="Greener regions call", description="Apply for pilots.")
    admin = UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)
    outside = []
    page.on("request", lambda request: None if request.url.startswith(live_server.url) else outside.append(request.url))
    login(page, "admin@example.org", totp_code(totp_setup(admin)))

    page.goto(f"/admin/programmes/call/{call.pk}/change/")
    descriptions = page.get_by_role("tablist", name="Description")
    expect(descriptions.get_by_role("tab")).to_have_count(2)
    descriptions.get_by_role("tab", name="Français").click()
    expect(page.locator("#id_description_fr")).to_be_visible()
    expect(page.locator("#id_description_en")).to_be_hidden()
    assert outside == []  # (axe is not asked here: Django's tabular inlines of the page have unlabelled inputs)
