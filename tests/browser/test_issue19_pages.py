"""Issue 19's other pages in Chromium, 320 px wide and through axe-core: the closure section, the versions, the small
reallocations, the modifications and the timeline (the applicants' and staff's), and the public page of a closed
project with its results. (The modification journey and the diff page have tests of their own.)"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from playwright.sync_api import expect

from projects.services.closure import project_close
from tests.browser.helpers import fits_narrow, login
from tests.mfa import totp_code, totp_setup
from tests.modifications import closure_world
from tests.modifications.closure_world import PNG, _final_report, _save
from tests.modifications.conftest import in_force  # noqa: F401
from tests.projects.conftest import ready  # noqa: F401
from tests.reporting.conftest import contracted  # noqa: F401

closing = closure_world.closing  # the fixture: a contracted project in its final period, version 1 in force

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fine(page, path: str, axe, heading: str) -> None:
    page.goto(path)
    expect(page.get_by_role("heading", name=heading).first).to_be_visible()
    fits_narrow(page, 320)
    assert axe(page) == []


def test_the_pages_of_a_changing_and_closing_project_fit_a_phone_and_pass_axe(browser, live_server, axe, closing):
    project = closing.project
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15000)
    login(page, closing.manager.email)
    _fine(page, reverse("projects:closure", args=[project.pk]), axe, "Closure")
    _fine(page, reverse("projects:versions", args=[project.pk]), axe, "Versions")
    _fine(page, reverse("projects:reallocations", args=[project.pk]), axe, "Budget reallocations")
    _fine(page, reverse("projects:modifications", args=[project.pk]), axe, "Modifications")
    _fine(page, reverse("projects:timeline", args=[project.pk]), axe, "Timeline")
    context.close()

    staff = browser.new_context(base_url=live_server.url).new_page()
    staff.set_default_timeout(15000)
    login(staff, closing.staff.email, totp_code(totp_setup(closing.staff)))
    slug = closing.programme.slug
    _fine(staff, reverse("staff:modifications", args=[slug]), axe, "Modifications")
    _fine(staff, reverse("staff:timeline", args=[slug, project.pk]), axe, "Timeline")
    staff.context.close()

    _save(closing, picture=SimpleUploadedFile("air.png", PNG), picture_alt="A sensor on a roof in Vienna")
    _final_report(closing)
    project_close(project=project, by=closing.staff)
    visitor = browser.new_context(base_url=live_server.url).new_page()
    _fine(visitor, reverse("database:detail", args=[project.pk]), axe, "Results")
    expect(visitor.get_by_role("img", name="A sensor on a roof in Vienna")).to_be_visible()
    visitor.context.close()
