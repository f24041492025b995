"""The call setup in Chromium: a programme manager walks through every setup page of a new call and the
programme's indicators, meets the weights rule with its error summary, and fixes it. axe-core checks every page."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import login
from tests.factories import CallFactory
from tests.mfa import totp_code, totp_setup
from tests.projects.conftest import ready  # noqa: F401
from tests.staff.conftest import office  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_set_up_a_call_and_the_programme_indicators(page, office, axe):  # noqa: F811
    staff = office.programme_manager
    call = CallFactory(programme=office.programme, is_published=False, reference="SETUP-1")
    login(page, staff.email, totp_code(totp_setup(staff)))
    page.goto(f"/staff/{office.programme.slug}/calls/{call.pk}/setup/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("SETUP-1")
    assert axe(page) == []
    setup = page.get_by_role("navigation", name="Setup of the call")
    for name in ("Funds", "Form fields", "Eligibility checklist", "Quality criteria"):
        setup.get_by_role("link", name=name).click()
        expect(setup.get_by_role("link", name=name)).to_have_attribute("aria-current", "page")
        assert axe(page) == [], name

    page.locator("#id_criteria-0-weight").fill("20")  # 90 in all
    page.get_by_role("button", name="Save the criteria").click()
    expect(page.locator(".error-summary")).to_contain_text("they add up to 90")
    assert page.title().startswith("Error:")
    assert axe(page) == []
    page.locator("#id_criteria-0-weight").fill("30")
    page.get_by_role("button", name="Save the criteria").click()
    expect(page.get_by_text("The quality criteria are saved.")).to_be_visible()

    page.get_by_role("navigation", name="Programme workspace").get_by_role("link", name="Indicators").click()
    assert axe(page) == []
    page.get_by_role("link", name="New indicator").click()
    page.get_by_label("Code").fill("RCO 84")
    page.get_by_label("Name").fill("Pilot actions developed jointly")
    page.get_by_label("Measurement unit").fill("pilot actions")
    page.get_by_label("Kind").select_option("output")
    assert axe(page) == []
    page.get_by_role("button", name="Save the indicator").click()
    expect(page.get_by_role("cell", name="Pilot actions developed jointly")).to_be_visible()
