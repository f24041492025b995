"""The staff journey in Chromium: a programme manager opens a submitted application, records eligibility, scores
it, approves it; the applicant sees "Approved"; the manager generates the call report and downloads it once the
progress bar completes (a real Celery worker on Redis). axe-core checks every staff page on the way."""

import re

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from playwright.sync_api import expect

from projects.criteria import ELIGIBILITY_CHECKLIST, QUALITY_CRITERIA
from tests.browser.helpers import login, logout
from tests.mfa import totp_code, totp_setup
from tests.projects.conftest import ready  # noqa: F401
from tests.reports.conftest import _media_in_tmp  # noqa: F401
from tests.staff.conftest import office  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _logout(page):
    logout(page)


def test_staff_assess_decide_and_download_the_call_report(page, office, celery_worker, axe):  # noqa: F811
    staff = office.programme_manager
    secret = totp_setup(staff)
    recovery = RecoveryCodes.activate(staff).get_unused_codes()
    login(page, staff.email, totp_code(secret))
    page.get_by_role("link", name="Staff workspace").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("dashboard")
    assert axe(page) == []

    page.get_by_role("navigation", name="Programme workspace").get_by_role("link", name="Applications").click()
    page.get_by_role("link", name="DANUBE-AIR").click()
    page.get_by_role("link", name="Record the eligibility check").click()
    assert axe(page) == []
    for _key, label in ELIGIBILITY_CHECKLIST:
        page.get_by_role("group", name=str(label)).get_by_label("Passed").check()
    page.get_by_role("button", name="Record the eligibility check").click()
    expect(page.get_by_text("Eligibility recorded.")).to_be_visible()

    page.get_by_role("link", name="Assign assessors").click()
    page.get_by_label(re.compile(staff.first_name)).check()
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Score the quality").click()
    assert axe(page) == []
    for _key, label, weight in QUALITY_CRITERIA:
        page.get_by_role("group", name=f"{label} ({weight} %)").get_by_label("4", exact=True).check()
    page.get_by_role("button", name="Save the assessment").click()
    expect(page.get_by_text("Average weighted score 4.00 of 5")).to_be_visible()

    page.get_by_role("link", name="Record the decision").click()
    page.get_by_label("Approved", exact=True).check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Decision recorded; the applicants are told.")).to_be_visible()
    assert axe(page) == []
    _logout(page)

    login(page, office.manager.email)  # the applicant
    page.goto(f"/applications/{office.project.pk}/")
    expect(page.locator(".workspace-header").get_by_text("Approved", exact=True)).to_be_visible()
    _logout(page)

    login(page, staff.email, recovery[0])  # the phone left at home: a recovery code
    page.goto(f"/staff/{office.programme.slug}/reports/")  # the staff workspace's Reports tab
    page.get_by_role("button", name="Call report (Excel)").click()
    expect(page.get_by_role("heading", name="Reports", level=1)).to_be_visible()
    download_link = page.get_by_role("link", name=re.compile("^Download"))
    expect(download_link).to_be_visible(timeout=60000)  # the row polls until the worker has finished
    assert axe(page) == []
    with page.expect_download() as info:
        download_link.click()
    path = info.value.path()
    with open(path, "rb") as f:
        assert f.read(2) == b"PK"


def test_staff_set_up_the_authenticator_app_and_continue_to_the_staff_page(page, office, axe):  # noqa: F811
    """First staff visit: no second password prompt, the app set up, the recovery codes shown, then the dashboard."""
    staff = office.programme_manager
    login(page, staff.email)
    page.goto("/staff/")
    expect(page.get_by_role("heading", name="Activate Authenticator App")).to_be_visible()
    assert axe(page) == []
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Authenticator code").fill(totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    expect(page.get_by_role("heading", name="Recovery codes")).to_be_visible()
    codes = RecoveryCodes(staff.authenticator_set.get(type="recovery_codes")).get_unused_codes()
    expect(page.get_by_label("Unused codes")).to_have_value("\n".join(codes))
    assert axe(page) == []
    page.get_by_role("link", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("dashboard")
