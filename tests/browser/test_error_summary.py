"""Forms a person can trust, in Chromium: the error summary takes the focus when a page shows errors, each of its
links moves the focus to its field, the title says "Error:"; a section with unsaved changes warns before the page
is left (but not when it is saved); the "check your answers" page refuses a submission without the confirmation.
axe-core checks each page."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.helpers import login
from tests.projects.conftest import ready  # noqa: F401
from tests.projects.factories_application import full_application

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_error_summary_takes_the_focus_and_its_links_focus_their_fields(page, ready, axe):  # noqa: F811
    login(page, ready.manager.email)
    page.goto(reverse("projects:identification", args=[ready.project.pk]))
    page.get_by_label("Acronym:", exact=True).fill("")
    page.get_by_role("button", name="Save").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page).to_have_title(re.compile(r"^Error: "))
    assert axe(page) == []
    summary.locator('a[href="#id_acronym"]').click()
    expect(page.locator("#id_acronym")).to_be_focused()


def test_leaving_a_section_with_unsaved_changes_asks_first(page, ready, axe):  # noqa: F811
    login(page, ready.manager.email)
    url = reverse("projects:identification", args=[ready.project.pk])
    page.goto(url)
    dialogs = []

    def stay(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()  # "stay on the page"

    page.on("dialog", stay)
    page.get_by_label("Title:", exact=True).fill("A title typed but not saved")
    page.get_by_role("navigation", name="Application sections").get_by_role("link", name="Partnership").click()
    expect(page.get_by_label("Title:", exact=True)).to_have_value("A title typed but not saved")
    assert dialogs == ["beforeunload"]
    assert page.url.endswith(url)

    # saving is not leaving: no warning
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Identification saved.")).to_be_visible()
    assert dialogs == ["beforeunload"]
    # an unchanged section is left without a question
    page.get_by_role("navigation", name="Application sections").get_by_role("link", name="Partnership").click()
    page.wait_for_url(f"**{reverse('projects:partners', args=[ready.project.pk])}")
    assert dialogs == ["beforeunload"]


def test_the_summary_page_asks_for_the_confirmation_before_submitting(page, ready, axe):  # noqa: F811
    full_application(ready)
    login(page, ready.manager.email)
    page.goto(reverse("projects:check", args=[ready.project.pk]))
    page.get_by_role("link", name="Check your answers and submit").click()
    expect(page.get_by_role("heading", name="4. Work plan")).to_be_visible()
    expect(page.get_by_text("Install sensor network")).to_be_visible()
    assert axe(page) == []
    page.get_by_role("button", name="Submit the application").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(page).to_have_title(re.compile(r"^Error: "))
    assert axe(page) == []
    summary.get_by_role("link").click()
    expect(page.locator("#id_confirm")).to_be_focused()
    page.locator("#id_confirm").check()
    page.get_by_role("button", name="Submit the application").click()
    expect(page.get_by_text("Submitted. Everyone on the application")).to_be_visible()
