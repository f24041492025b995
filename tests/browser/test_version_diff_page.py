"""The versions of a contracted application and their diff in a browser: axe-core finds nothing serious, no page
scrolls sideways at 320 px (the budget table scrolls in its own box), and printing leaves the navigation out."""

from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from partnerships.models import PartnerBudgetLine
from projects.models import Project, VersionOrigin
from projects.versions import version_capture
from tests.browser.helpers import fits_narrow, login
from tests.modifications.conftest import contracted, in_force, ready  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_diff_page_reads_on_a_phone_passes_axe_and_prints_without_navigation(page, axe, in_force):  # noqa: F811
    project = in_force.project
    Project.objects.filter(pk=project.pk).update(title="Cleaner air along the Danube and the Morava")
    PartnerBudgetLine.objects.filter(partner=in_force.lead, category="staff", period=2).update(amount=Decimal("21500"))
    project.refresh_from_db()
    version_capture(project=project, by=in_force.staff, origin=VersionOrigin.MODIFICATION, in_force_from=date.today())

    login(page, in_force.manager.email)
    page.goto(f"/applications/{project.pk}/versions/")
    expect(page.get_by_role("heading", name="DANUBE-AIR: versions of the application", level=1)).to_be_visible()
    assert axe(page) == []
    fits_narrow(page)

    page.get_by_role("link", name="Compare version 1 with version 2").click()
    expect(page.get_by_role("heading", name="Budget", level=2)).to_be_visible()
    expect(page.get_by_role("cell", name="+€1,500.00")).to_be_visible()
    expect(page.get_by_role("cell", name="Cleaner air along the Danube and the Morava")).to_be_visible()
    assert axe(page) == []
    fits_narrow(page)

    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.get_by_role("button", name="Compare")).to_be_hidden()
    expect(page.get_by_role("cell", name="+€1,500.00")).to_be_visible()
